/**
 * The hand-off link as a QR code, made here in the content script: no service sees the link, nothing is
 * fetched. `uqr` encodes (ISO/IEC 18004, no dependencies, no DOM); this module turns its modules into RGBA
 * pixels, which the overlay puts on a canvas (a page's CSP governs `<img>` in our shadow root, and may forbid
 * data: URLs, as for the best frame). The same pixels are what the unit test decodes.
 */
import { encode } from "uqr";

/** Black and white modules, the quiet zone included. */
export interface QrModules {
  /** Modules per side. */
  size: number;
  /** Row-major; true is a dark module. */
  dark: boolean[][];
}

export interface QrPixels {
  width: number;
  height: number;
  /** RGBA, 4 bytes a pixel, as ImageData takes it. */
  data: Uint8ClampedArray<ArrayBuffer>;
}

/**
 * The spec's quiet zone: 4 light modules each side, without which phone cameras often fail to find the code
 * against a busy background.
 */
export const QUIET_ZONE_MODULES = 4;

/**
 * Error correction M (15 % of the code may be lost): a link of ~40 characters still fits a small version
 * (25–29 modules), which a phone reads from a laptop screen at arm's length.
 */
export function qrModulesOf(text: string): QrModules {
  const code = encode(text, { ecc: "M", border: QUIET_ZONE_MODULES });
  return { size: code.size, dark: code.data };
}

/** The modules as pixels, each module a `scale` × `scale` square. */
export function qrPixelsOf(modules: QrModules, scale: number): QrPixels {
  const side = modules.size * scale;
  const data = new Uint8ClampedArray(side * side * 4);
  for (let y = 0; y < side; y++) {
    const row = modules.dark[Math.floor(y / scale)];
    for (let x = 0; x < side; x++) {
      const value = row?.[Math.floor(x / scale)] ? 0 : 255;
      const offset = (y * side + x) * 4;
      data[offset] = value;
      data[offset + 1] = value;
      data[offset + 2] = value;
      data[offset + 3] = 255;
    }
  }
  return { width: side, height: side, data };
}

/** The largest whole scale that keeps the code within `maxPixels` a side (at least 2 pixels a module). */
export function qrScaleFor(modules: QrModules, maxPixels: number): number {
  return Math.max(2, Math.floor(maxPixels / modules.size));
}
