/**
 * Walks the structure of JPEG and PNG files by their headers only: JPEG marker segments up to the scan
 * (ITU-T T.81 §B.1) and PNG chunks (PNG spec §5.3). Used to read image sizes and the sandbox outcome marker.
 * Pure: no runtime-specific API, so tools and the extension's tests can use it too.
 */

export interface ImageSegment {
  /** JPEG: the marker byte (0xFE for COM); PNG: the chunk type as text. */
  kind: number | string;
  /** Where the segment (its 0xFF marker, or its length field) begins. */
  offset: number;
  /** The segment's data. */
  start: number;
  end: number;
}

/** JPEG segments with a length field, from after SOI up to and including SOS. Stops at anything malformed. */
export function* jpegSegments(bytes: Uint8Array): Generator<ImageSegment> {
  let pos = 2;
  while (pos + 4 <= bytes.length) {
    if (bytes[pos] !== 0xff) return;
    const marker = bytes[pos + 1] ?? 0;
    if (marker === 0xff) {
      pos++; // fill byte
      continue;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8)) {
      pos += 2; // standalone markers: TEM, RSTn, SOI
      continue;
    }
    if (marker === 0xd9) return;
    const length = ((bytes[pos + 2] ?? 0) << 8) | (bytes[pos + 3] ?? 0);
    const end = pos + 2 + length;
    if (length < 2 || end > bytes.length) return;
    yield { kind: marker, offset: pos, start: pos + 4, end };
    if (marker === 0xda) return;
    pos = end;
  }
}

/** PNG chunks after the signature, up to IEND. Stops at a truncated chunk. */
export function* pngChunks(bytes: Uint8Array): Generator<ImageSegment> {
  let pos = 8;
  while (pos + 12 <= bytes.length) {
    const length = u32(bytes, pos);
    const end = pos + 8 + length;
    if (end + 4 > bytes.length) return;
    const kind = String.fromCharCode(...bytes.subarray(pos + 4, pos + 8));
    yield { kind, offset: pos, start: pos + 8, end };
    if (kind === "IEND") return;
    pos = end + 4; // skip the CRC
  }
}

/** Width and height from a JPEG SOFn or the PNG IHDR; undefined when the header cannot be read. */
export function imageDimensions(
  bytes: Uint8Array,
  type: "jpeg" | "png",
): { width: number; height: number } | undefined {
  if (type === "png") {
    const ihdr = pngChunks(bytes).next().value;
    if (ihdr?.kind !== "IHDR" || ihdr.end - ihdr.start < 13) return undefined;
    return nonZero(u32(bytes, ihdr.start), u32(bytes, ihdr.start + 4));
  }
  for (const segment of jpegSegments(bytes)) {
    if (
      typeof segment.kind === "number" &&
      SOF_MARKERS.has(segment.kind) &&
      segment.end - segment.start >= 5
    ) {
      const at = segment.start + 1; // after the sample precision byte
      return nonZero(u16(bytes, at + 2), u16(bytes, at));
    }
  }
  return undefined;
}

/** SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC), which share the range. */
const SOF_MARKERS = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

function nonZero(width: number, height: number) {
  return width > 0 && height > 0 ? { width, height } : undefined;
}

function u16(bytes: Uint8Array, at: number): number {
  return ((bytes[at] ?? 0) << 8) | (bytes[at + 1] ?? 0);
}

function u32(bytes: Uint8Array, at: number): number {
  return (
    (((bytes[at] ?? 0) << 24) |
      ((bytes[at + 1] ?? 0) << 16) |
      ((bytes[at + 2] ?? 0) << 8) |
      (bytes[at + 3] ?? 0)) >>>
    0
  );
}
