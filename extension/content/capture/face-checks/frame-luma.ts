/**
 * The light of a frame as one number: the mean Rec. 601 luma (0.299 R + 0.587 G + 0.114 B) of its RGBA
 * pixels, the measure the fixtures' README reports and the one Tencent's "too dark" / "too bright" answers
 * are about.
 */
export function meanLuma(rgba: Uint8ClampedArray | Uint8Array): number {
  const pixels = rgba.length / 4;
  if (pixels === 0) return 0;
  let sum = 0;
  for (let i = 0; i < rgba.length; i += 4) {
    sum += 0.299 * (rgba[i] ?? 0) + 0.587 * (rgba[i + 1] ?? 0) + 0.114 * (rgba[i + 2] ?? 0);
  }
  return sum / pixels;
}
