/**
 * The reference photo Tencent compares the face with: from the page's data URL, from an `<img>` the page
 * names by selector, from an image the agent picks on the page, or from a file. Whatever the source, the
 * result is JPEG or PNG bytes under Tencent's 3 MB limit; other image types are re-encoded as JPEG.
 */

import { decodeBase64 } from "../../../shared/base64";
import { base64Length, MAX_IMAGE_BASE64_BYTES } from "../../../shared/faceid/limits";
import { SNIFF_BYTES, sniffImageType } from "../../../shared/media/sniff";
import type { ReferenceImageSource } from "../../../shared/page-protocol";
import { ExtensionError } from "../../messaging/errors";
import { t } from "../../ui/i18n";
import { ownBytes } from "./own-bytes";

export interface ReferencePhoto {
  bytes: Uint8Array;
  type: "jpeg" | "png";
}

/** Large photos are scaled to this longest side when they must be re-encoded: plenty for face matching. */
const MAX_REENCODED_SIDE = 1600;
/** Images smaller than this on the page are icons and logos, not photos of a face. */
const MIN_CANDIDATE_SIDE = 64;

export async function readReferenceImage(source: ReferenceImageSource): Promise<ReferencePhoto> {
  if (source.kind === "data-url") {
    const base64 = source.dataUrl.slice(source.dataUrl.indexOf(",") + 1);
    return normalizePhoto(decodeBase64(base64));
  }
  let element: Element | null;
  try {
    element = document.querySelector(source.selector);
  } catch {
    throw invalid(t("reference_bad_selector", source.selector));
  }
  if (!(element instanceof HTMLImageElement)) {
    throw invalid(t("reference_no_match", source.selector));
  }
  return readImageElement(element);
}

export async function readImageElement(image: HTMLImageElement): Promise<ReferencePhoto> {
  try {
    await image.decode();
  } catch {
    throw invalid(t("reference_not_loaded"));
  }
  const bytes = await fetchImageBytes(image.currentSrc || image.src);
  if (bytes) return normalizePhoto(bytes);
  // Not fetchable (another origin without CORS): draw it instead; a tainted canvas refuses, and says so.
  return encodeAsJpeg(image, image.naturalWidth, image.naturalHeight);
}

export async function readReferenceFile(file: Blob): Promise<ReferencePhoto> {
  return normalizePhoto(await ownBytes(file));
}

/** The images on the page that could be a reference photo, largest first. */
export function pageImageCandidates(limit = 12): HTMLImageElement[] {
  return [...document.images]
    .filter(
      (image) =>
        image.complete &&
        image.naturalWidth >= MIN_CANDIDATE_SIDE &&
        image.naturalHeight >= MIN_CANDIDATE_SIDE,
    )
    .filter((image) => !!(image.currentSrc || image.src))
    .sort((a, b) => b.naturalWidth * b.naturalHeight - a.naturalWidth * a.naturalHeight)
    .slice(0, limit);
}

async function normalizePhoto(bytes: Uint8Array): Promise<ReferencePhoto> {
  const type = sniffImageType(bytes.subarray(0, SNIFF_BYTES));
  if ((type === "jpeg" || type === "png") && base64Length(bytes.length) <= MAX_IMAGE_BASE64_BYTES) {
    return { bytes, type };
  }
  if (type === "unknown") throw invalid(t("reference_not_an_image"));
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(new Blob([bytes as Uint8Array<ArrayBuffer>]));
  } catch {
    throw invalid(t("reference_undecodable"));
  }
  try {
    return await encodeAsJpeg(bitmap, bitmap.width, bitmap.height);
  } finally {
    bitmap.close();
  }
}

async function encodeAsJpeg(
  source: CanvasImageSource,
  width: number,
  height: number,
): Promise<ReferencePhoto> {
  const scale = Math.min(1, MAX_REENCODED_SIDE / Math.max(width, height, 1));
  const canvas = document.createElement("canvas");
  canvas.width = Math.max(1, Math.round(width * scale));
  canvas.height = Math.max(1, Math.round(height * scale));
  canvas.getContext("2d")?.drawImage(source, 0, 0, canvas.width, canvas.height);
  let blob: Blob | null = null;
  try {
    blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, "image/jpeg", 0.92));
  } catch {
    blob = null;
  }
  if (!blob) {
    throw invalid(t("reference_cross_origin"));
  }
  const bytes = await ownBytes(blob);
  if (base64Length(bytes.length) > MAX_IMAGE_BASE64_BYTES) throw invalid(t("reference_too_large"));
  return { bytes, type: "jpeg" };
}

async function fetchImageBytes(url: string): Promise<Uint8Array | null> {
  try {
    const response = await fetch(url, { credentials: "same-origin", cache: "force-cache" });
    return response.ok ? await ownBytes(response) : null;
  } catch {
    return null;
  }
}

function invalid(message: string): ExtensionError {
  return new ExtensionError("reference_image_invalid", message);
}
