/**
 * Runs an admitted call. The three actions the gateway validates and the hosted web verification
 * (./web-verification/) are simulated in full; the calls that hand out a handle answer with a fresh one
 * (./issued-handles.ts); every other FaceID action (PASSTHROUGH_ACTIONS in shared/faceid/actions.ts) gets a
 * minimal success, `{"RequestId"}` only, so the gateway's forwarding can be exercised end to end. Nothing else
 * about those actions is simulated.
 */
import type { AdmittedCall } from "./call-gate";
import { compareFaceLiveness } from "./compare-face-liveness";
import { issueHandle } from "./issued-handles";
import { applyLivenessToken, getLivenessResult } from "./liveness-actions";
import type { LivenessTokenStore } from "./liveness-tokens";
import { applyWebVerificationBizToken } from "./web-verification/apply";
import type { WebVerificationStore } from "./web-verification/flow-store";
import { getWebVerificationResult } from "./web-verification/result";

export interface ActionContext {
  tokens: LivenessTokenStore;
  /** The hosted web verification flows (./web-verification/). */
  webVerifications: WebVerificationStore;
  /** The sandbox's own origin, for the URLs it hands out. */
  origin: string;
  clock: () => number;
}

export async function runAction(
  call: AdmittedCall,
  context: ActionContext,
): Promise<Record<string, unknown>> {
  switch (call.action) {
    case "CompareFaceLiveness":
      return { ...(await compareFaceLiveness(call.params)) };
    case "ApplyLivenessToken":
      return { ...(await applyLivenessToken(call.params, context.tokens)) };
    case "GetLivenessResult":
      return { ...(await getLivenessResult(call.params, context.tokens, context.origin)) };
    case "ApplyWebVerificationBizTokenIntl":
      return {
        ...(await applyWebVerificationBizToken(call.params, context.webVerifications, context.origin)),
      };
    case "GetWebVerificationResultIntl":
      return { ...(await getWebVerificationResult(call.params, context.webVerifications)) };
    default:
      return issueHandle(call.action, context.origin, context.clock) ?? {};
  }
}
