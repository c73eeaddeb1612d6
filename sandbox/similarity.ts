/**
 * The sandbox's similarity score: deterministic in the input bytes (the same image and video always give the
 * same Sim), spread like Tencent's (0–100, two decimals), and on the right side of the documented threshold
 * of 70 (tencent-faceid.md §4) for the outcome it accompanies.
 */
import { SIMILARITY_THRESHOLD_STANDARD } from "../shared/faceid/limits";

export type SimilarityBand = "match" | "low";

/** Match: 70.00–99.99. Low (FailedOperation.CompareLowSimilarity): 30.00–69.99. */
export async function sandboxSimilarity(
  image: Uint8Array,
  video: Uint8Array,
  band: SimilarityBand,
): Promise<number> {
  // Hash each input on its own and then the two digests: no 8 MB concatenation.
  const [imageDigest, videoDigest] = await Promise.all([sha256(image), sha256(video)]);
  const combined = new Uint8Array(64);
  combined.set(imageDigest, 0);
  combined.set(videoDigest, 32);
  const digest = await sha256(combined);
  const spread = band === "match" ? 3000 : 4000;
  const floor = band === "match" ? SIMILARITY_THRESHOLD_STANDARD : SIMILARITY_THRESHOLD_STANDARD - 40;
  return floor + (new DataView(digest.buffer).getUint32(0) % spread) / 100;
}

async function sha256(bytes: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
}
