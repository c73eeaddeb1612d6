/**
 * When CompareFaceLiveness's `Sim` means something: only for `Success` and
 * `FailedOperation.CompareLowSimilarity` (../shared/tencent-faceid.md §4). Both dialects and the audit log read it
 * through this one rule.
 */

const RESULTS_WITH_SIMILARITY: ReadonlySet<string> = new Set([
  "Success",
  "FailedOperation.CompareLowSimilarity",
]);

/** Tencent's `Sim`, where the result makes it meaningful; null otherwise. */
export function meaningfulSimilarity(result: unknown, sim: unknown): number | null {
  return typeof result === "string" && RESULTS_WITH_SIMILARITY.has(result) && typeof sim === "number"
    ? sim
    : null;
}
