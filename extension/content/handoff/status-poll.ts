/**
 * Waits for a hand-off's verdict: reads the hosted verification every 2 seconds, reports each change of
 * progress (waiting → opened → in progress), and ends on the verdict, on cancel, or when the flow expires.
 * Pure over what it is given (the read, the clock, the sleep), so its timing is tested without a browser.
 *
 * - A transient failure (network, the gateway's or Tencent's 5xx, rate limiting) is read again after a
 *   growing pause, 4 s up to 30 s, and said through `onTrouble`; the next good read clears it.
 * - A failure no later read can mend (token expired or revoked, forbidden, unknown flow, …: rest-answer.ts's
 *   `isFinalError`) ends the wait.
 * - At the flow's expiry, one last read: a person who finished in its last seconds still gets their verdict.
 *   After that, `handoff_expired`.
 */

import type { CompareResult, WebVerificationResult } from "../../../shared/rest/api";
import { isFinalError } from "../../gateway/rest-answer";
import { ExtensionError } from "../../messaging/errors";
import { t } from "../../ui/i18n";

export type HandoffProgress = Extract<WebVerificationResult, { status: "pending" }>["progress"];

export interface StatusPollDeps {
  read(signal: AbortSignal): Promise<WebVerificationResult>;
  /** Epoch milliseconds. */
  now(): number;
  /** Resolves after `ms`, or rejects when `signal` aborts. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
}

export interface StatusPollOptions {
  /** Epoch milliseconds: the end of the flow's 10 minutes (the gateway's `expiresAt`). */
  expiresAtMs: number;
  signal: AbortSignal;
  /** Each new progress, once. */
  onProgress(progress: HandoffProgress): void;
  /** A read failed and will be tried again (null: the last read succeeded again). */
  onTrouble?(error: ExtensionError | null): void;
}

export const POLL_INTERVAL_MS = 2_000;
export const MAX_BACKOFF_MS = 30_000;

export async function waitForHandoffVerdict(
  deps: StatusPollDeps,
  options: StatusPollOptions,
): Promise<CompareResult> {
  const { signal } = options;
  // The hand-off screen opens at "waiting" and says so: only a change is reported (and announced) after it.
  let shown: HandoffProgress = "waiting";
  let failures = 0;
  for (;;) {
    if (signal.aborted) throw cancelled();
    // Taken before the read: a read that starts at or after expiry is the last one.
    const lastRead = deps.now() >= options.expiresAtMs;
    let answer: WebVerificationResult | null = null;
    try {
      answer = await deps.read(signal);
    } catch (error) {
      if (signal.aborted) throw cancelled();
      if (!(error instanceof ExtensionError) || isFinalError(error)) throw error;
      failures++;
      options.onTrouble?.(error);
    }
    if (answer) {
      if (failures > 0) options.onTrouble?.(null);
      failures = 0;
      if (answer.status === "completed") {
        const { status: _completed, ...verdict } = answer;
        return verdict;
      }
      if (answer.progress !== shown) {
        shown = answer.progress;
        options.onProgress(answer.progress);
      }
    }
    if (lastRead) {
      throw new ExtensionError("handoff_expired", t("handoff_expired"));
    }
    const pause =
      failures === 0 ? POLL_INTERVAL_MS : Math.min(POLL_INTERVAL_MS * 2 ** failures, MAX_BACKOFF_MS);
    // Never sleep past the expiry: the last read happens as the flow ends, not up to 30 s later.
    await deps
      .sleep(Math.max(0, Math.min(pause, options.expiresAtMs - deps.now())), signal)
      .catch(() => undefined);
  }
}

function cancelled(): ExtensionError {
  return new ExtensionError("cancelled", t("error_cancelled"));
}
