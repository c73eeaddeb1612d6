/**
 * When CompareFaceLiveness's `Sim` means something: only for `Success` and
 * `FailedOperation.CompareLowSimilarity` (../shared/tencent-faceid.md §4). Both dialects and the audit log read it
 * through this one rule.
 */

const RESULTS_WITH_SIMILARITY: ReadonlySet<string> = new Set([
  "Success",
  "FailedOperation.CompareLowSimilarity",
]);

/**
 * A similarity as people are shown it, wherever they see it (the overlay's gauge, the popup's history): clamped
 * to 0–100 and cut, never rounded, to one decimal, so a score never reads as the threshold above it (79.96 is
 * "79.9", not "80").
 */
export function shownSimilarity(similarity: number): number {
  return Math.floor(Math.min(100, Math.max(0, similarity)) * 10) / 10;
}

/** Tencent's `Sim`, where the result makes it meaningful; null otherwise. */
export function meaningfulSimilarity(result: unknown, sim: unknown): number | null {
  return typeof result === "string" && RESULTS_WITH_SIMILARITY.has(result) && typeof sim === "number"
    ? sim
    : null;
}
