/**
 * The sandbox's outcome switch for CompareFaceLiveness: the reference image itself asks for an outcome,
 * because the gateway forwards bodies unchanged and never forwards extra headers.
 *
 * The marker is a comment inside the image whose text is `faceid-sandbox-outcome=<code>`:
 * - JPEG: a COM segment (marker 0xFFFE, ITU-T T.81 §B.2.4.5) after SOI and any APPn segments;
 * - PNG: a tEXt chunk with keyword `Comment` (PNG spec §11.3.4.3) right after IHDR.
 * `<code>` is a CompareFaceLiveness Result (e.g. `FailedOperation.CompareLowSimilarity`), answered in
 * `Result`, or an API error code (e.g. `FailedOperation.UnKnown`), answered as `Response.Error`.
 * The image stays a valid image: decoders ignore comments.
 *
 * Pure (no runtime-specific API): the gateway's and the extension's tests import `withSandboxOutcome`.
 */
import { concatBytes } from "../shared/bytes";
import { sniffImageType } from "../shared/media/sniff";
import { crc32 } from "./crc32";
import { jpegSegments, pngChunks } from "./image-structure";

export const SANDBOX_OUTCOME_PREFIX = "faceid-sandbox-outcome=";

/**
 * A copy of a JPEG or PNG with a marker asking the sandbox for `code`. A marker added later wins over one
 * already present (the first marker in the file is the one read). Throws on other image types or a code
 * that is not a plain Tencent-style code (letters, digits, `.` and `-`).
 */
export function withSandboxOutcome(imageBytes: Uint8Array, code: string): Uint8Array {
  if (!/^[A-Za-z0-9.-]{1,120}$/.test(code))
    throw new RangeError(`not a result code: ${JSON.stringify(code)}`);
  const text = latin1(SANDBOX_OUTCOME_PREFIX + code);
  switch (sniffImageType(imageBytes)) {
    case "jpeg": {
      const com = new Uint8Array(4 + text.length);
      com.set([0xff, 0xfe, (text.length + 2) >> 8, (text.length + 2) & 0xff]);
      com.set(text, 4);
      return splice(imageBytes, afterJpegAppSegments(imageBytes), com);
    }
    case "png": {
      const ihdr = pngChunks(imageBytes).next().value;
      if (ihdr?.kind !== "IHDR") throw new RangeError("the PNG has no IHDR chunk");
      return splice(imageBytes, ihdr.end + 4, pngChunk("tEXt", concatBytes([latin1("Comment\u0000"), text])));
    }
    default:
      throw new RangeError("withSandboxOutcome takes JPEG or PNG bytes");
  }
}

/** The code the image's first marker asks for, or undefined when it has none. */
export function readSandboxOutcome(imageBytes: Uint8Array): string | undefined {
  const type = sniffImageType(imageBytes);
  if (type === "jpeg") {
    for (const segment of jpegSegments(imageBytes)) {
      if (segment.kind !== 0xfe) continue;
      const code = markerCode(imageBytes.subarray(segment.start, segment.end));
      if (code !== undefined) return code;
    }
  } else if (type === "png") {
    for (const chunk of pngChunks(imageBytes)) {
      if (chunk.kind !== "tEXt") continue;
      const data = imageBytes.subarray(chunk.start, chunk.end);
      const code = markerCode(data.subarray(data.indexOf(0) + 1));
      if (code !== undefined) return code;
    }
  }
  return undefined;
}

/** JFIF and Exif want their APPn segment right after SOI: the comment goes after them. */
function afterJpegAppSegments(bytes: Uint8Array): number {
  let at = 2;
  for (const segment of jpegSegments(bytes)) {
    if (typeof segment.kind !== "number" || segment.kind < 0xe0 || segment.kind > 0xef) break;
    at = segment.end;
  }
  return at;
}

function markerCode(text: Uint8Array): string | undefined {
  const prefix = latin1(SANDBOX_OUTCOME_PREFIX);
  if (text.length < prefix.length || !prefix.every((byte, i) => text[i] === byte)) return undefined;
  return String.fromCharCode(...text.subarray(prefix.length, prefix.length + 200)).trim();
}

function pngChunk(type: string, data: Uint8Array): Uint8Array {
  const typeAndData = concatBytes([latin1(type), data]);
  const chunk = new Uint8Array(12 + data.length);
  const view = new DataView(chunk.buffer);
  view.setUint32(0, data.length);
  chunk.set(typeAndData, 4);
  view.setUint32(8 + data.length, crc32(typeAndData));
  return chunk;
}

function splice(bytes: Uint8Array, at: number, insert: Uint8Array): Uint8Array {
  return concatBytes([bytes.subarray(0, at), insert, bytes.subarray(at)]);
}

function latin1(text: string): Uint8Array {
  return Uint8Array.from(text, (char) => char.charCodeAt(0) & 0xff);
}
