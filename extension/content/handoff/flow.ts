/**
 * A check on the customer's phone, in the capture overlay:
 *   session token → POST /v1/web-verifications → QR code, link and code with live status → verdict
 * The phone runs Tencent's hosted page; this side only waits for its verdict (status-poll.ts), which goes
 * through `deliver` exactly as a webcam verdict does (history, page, the verdict screen). A retake starts a
 * new hand-off on the same session; so does "New code" after one expired. Closing the overlay stops the
 * wait: nothing is read after it.
 */

import type { LivenessActionName, LivenessType } from "../../../shared/faceid/types";
import type { HostedVerificationOptions } from "../../../shared/page-protocol";
import type { CompareResult } from "../../../shared/rest/api";
import { isFinalError } from "../../gateway/rest-answer";
import {
  readWebVerification,
  startWebVerification,
  type WebVerificationCalls,
} from "../../gateway/web-verifications";
import { ExtensionError } from "../../messaging/errors";
import type { CaptureSettings } from "../../messaging/protocol";
import { t } from "../../ui/i18n";
import { abortableSleep } from "../abortable-sleep";
import type { CaptureOverlay } from "../overlay/overlay";
import { showBusy } from "../overlay/screens/busy";
import { offerRetry } from "../overlay/screens/error";
import { showHandoff } from "../overlay/screens/handoff";
import { waitForHandoffVerdict } from "./status-poll";

export interface HandoffJob {
  hosted: HostedVerificationOptions;
  /** The liveness Tencent's page asks for; null for its default (light liveness). */
  liveness: { livenessType: LivenessType; actions: LivenessActionName[] } | null;
  pageSessionToken?: string;
}

export interface HandoffInputs {
  overlay: CaptureOverlay;
  settings: CaptureSettings;
  job: HandoffJob;
  /**
   * A session token for the hand-offs when the page's request brought none: the host mints one per capture
   * flow, which its hand-offs share.
   */
  mintSession(liveness: HandoffJob["liveness"]): Promise<string>;
  /** Hands a verdict on (history, page, verdict screen) and returns the agent's choice. */
  deliver(verdict: CompareResult): Promise<"retake" | "done">;
}

/** Runs hand-offs until the agent is done with a verdict; throws what ends the flow without one. */
export async function runHandoff(inputs: HandoffInputs): Promise<CompareResult> {
  const { overlay, job } = inputs;
  const sessionToken = sessionTokenFor(inputs);
  for (;;) {
    showBusy(overlay, t("handoff_starting"));
    const calls: WebVerificationCalls = {
      workerUrl: inputs.settings.workerUrl,
      sessionToken: await sessionToken,
      fetch: (input, init) => fetch(input, init),
    };
    let started: Awaited<ReturnType<typeof startWebVerification>>;
    try {
      started = await startWebVerification(calls, job.hosted, overlay.closed);
    } catch (error) {
      if (!(error instanceof ExtensionError) || overlay.closed.aborted || isFinalError(error)) throw error;
      await offerRetry(
        overlay,
        {
          title: t("handoff_start_failed"),
          message: error.message,
          retryLabel: t("common_try_again"),
        },
        error,
      );
      continue;
    }

    const expiresAtMs = Date.parse(started.expiresAt);
    const view = showHandoff(overlay, {
      handoffUrl: started.handoffUrl,
      handoffCode: started.handoffCode,
      expiresAtMs,
    });
    let verdict: CompareResult;
    try {
      verdict = await waitForHandoffVerdict(
        {
          read: (signal) => readWebVerification(calls, started.bizToken, signal),
          now: Date.now,
          sleep: abortableSleep,
        },
        {
          expiresAtMs,
          signal: overlay.closed,
          onProgress: (progress) => view.progress(progress),
          onTrouble: (error) => view.trouble(error !== null),
        },
      );
    } catch (error) {
      if (!(error instanceof ExtensionError) || error.code !== "handoff_expired" || overlay.closed.aborted) {
        throw error;
      }
      await offerRetry(
        overlay,
        { title: t("handoff_expired_title"), message: error.message, retryLabel: t("handoff_new_code") },
        error,
      );
      continue;
    }
    view.progress("verdict");
    if ((await inputs.deliver(verdict)) === "done") return verdict;
  }
}

/**
 * The page's own session token (it must allow the two hosted-verification calls), or one the host mints for
 * this page and flow. A failure is read where the token is used.
 */
function sessionTokenFor({ job, mintSession }: HandoffInputs): Promise<string> {
  if (job.pageSessionToken !== undefined) return Promise.resolve(job.pageSessionToken);
  const token = mintSession(job.liveness);
  token.catch(() => undefined);
  return token;
}
