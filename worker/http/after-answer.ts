/**
 * Work that must finish but need not hold up the answer (an audit row, a quota send report): handed to the
 * request's `waitUntil`, so the answer goes at once. Without an execution context (`app.request` in tests)
 * the caller waits for it instead, so nothing is left running when the test looks.
 */
import type { Context } from "hono";

export function afterAnswer(c: Context, work: Promise<void>): Promise<void> {
  try {
    c.executionCtx.waitUntil(work);
    return Promise.resolve();
  } catch {
    return work;
  }
}
