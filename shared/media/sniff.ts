/**
 * Media type by magic bytes, not by name or declared type: what Tencent would reject is caught at the edge.
 * Needs only the first 16 bytes.
 */

export type VideoContainer = "mp4" | "avi" | "flv" | "webm" | "unknown";
export type ImageType = "jpeg" | "png" | "gif" | "webp" | "bmp" | "unknown";

/** Containers CompareFaceLiveness accepts. */
export const ACCEPTED_VIDEO_CONTAINERS: readonly VideoContainer[] = ["mp4", "avi", "flv"];
/** Image types CompareFaceLiveness accepts. */
export const ACCEPTED_IMAGE_TYPES: readonly ImageType[] = ["jpeg", "png"];

export const SNIFF_BYTES = 16;

/** ISO BMFF top-level boxes a video file may begin with (ftyp first in practice; older QuickTime files vary). */
const MP4_FIRST_BOXES = new Set(["ftyp", "moov", "mdat", "free", "skip", "wide", "styp"]);

export function sniffVideoContainer(head: Uint8Array): VideoContainer {
  if (head.length >= 8 && MP4_FIRST_BOXES.has(ascii(head, 4, 8))) return "mp4";
  if (ascii(head, 0, 4) === "RIFF" && ascii(head, 8, 12) === "AVI ") return "avi";
  if (ascii(head, 0, 3) === "FLV" && head[3] === 1) return "flv";
  if (head[0] === 0x1a && head[1] === 0x45 && head[2] === 0xdf && head[3] === 0xa3) return "webm";
  return "unknown";
}

export function sniffImageType(head: Uint8Array): ImageType {
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return "jpeg";
  if (startsWith(head, PNG_SIGNATURE)) return "png";
  if (ascii(head, 0, 6) === "GIF87a" || ascii(head, 0, 6) === "GIF89a") return "gif";
  if (ascii(head, 0, 4) === "RIFF" && ascii(head, 8, 12) === "WEBP") return "webp";
  if (ascii(head, 0, 2) === "BM") return "bmp";
  return "unknown";
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((value, i) => bytes[i] === value);
}

function ascii(bytes: Uint8Array, start: number, end: number): string {
  if (bytes.length < end) return "";
  return String.fromCharCode(...bytes.subarray(start, end));
}
