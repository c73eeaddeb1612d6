/**
 * A small JPEG of Tencent's best frame for the agent's history: about 4 KB instead of the full frame, made in
 * the content script where the verdict arrives, so only the small copy is sent to the background.
 */
import { decodeBase64, encodeBase64 } from "../../../shared/base64";
import { ownBytes } from "./own-bytes";

export const THUMBNAIL_SIDE = 96;

export async function thumbnailFromBase64(jpegBase64: string | null): Promise<string | null> {
  if (!jpegBase64 || typeof OffscreenCanvas === "undefined") return null;
  try {
    const bytes = decodeBase64(jpegBase64) as Uint8Array<ArrayBuffer>;
    const bitmap = await createImageBitmap(new Blob([bytes], { type: "image/jpeg" }));
    const scale = Math.min(1, THUMBNAIL_SIDE / Math.max(bitmap.width, bitmap.height));
    const width = Math.max(1, Math.round(bitmap.width * scale));
    const height = Math.max(1, Math.round(bitmap.height * scale));
    const canvas = new OffscreenCanvas(width, height);
    canvas.getContext("2d")?.drawImage(bitmap, 0, 0, width, height);
    bitmap.close();
    const blob = await canvas.convertToBlob({ type: "image/jpeg", quality: 0.75 });
    return `data:image/jpeg;base64,${encodeBase64(await ownBytes(blob))}`;
  } catch {
    // An undecodable frame only costs the thumbnail, never the record.
    return null;
  }
}
