/** Reading a run: percentiles of added latency, the busiest window at Tencent, calls per request. */
import { busiestWindow } from "../../test/support/busiest-window";
import type { RunResult } from "./deployment";

/** The nearest-rank percentile (p in 0..100) of `values`; NaN when there are none. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] as number;
}

/** The most requests that reached Tencent within any one second. */
export function busiestSecondAtTencent(result: RunResult): number {
  return busiestWindow(result.forwarded.map((forwarded) => forwarded.atTencent));
}

/** Calls to the quota object per request forwarded to Tencent (the calls of refused requests included). */
export function callsPerForwarded(result: RunResult): number {
  return result.objectCalls / Math.max(1, result.forwarded.length);
}
