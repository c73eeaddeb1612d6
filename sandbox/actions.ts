/**
 * Runs an admitted call: the three actions the gateway validates, the hosted web verification
 * (./web-verification/), and every other action of the catalogue (./catalogue-actions.ts), each in Tencent's
 * shape with its page's parameter rules.
 */
import type { AdmittedCall } from "./call-gate";
import { runCatalogueAction } from "./catalogue-actions";
import { compareFaceLiveness } from "./compare-face-liveness";
import { applyLivenessToken, getLivenessResult } from "./liveness-actions";
import type { LivenessTokenStore } from "./liveness-tokens";
import { applyWebVerificationBizToken } from "./web-verification/apply";
import type { WebVerificationStore } from "./web-verification/flow-store";
import { getWebVerificationResult } from "./web-verification/result";

export interface ActionContext {
  tokens: LivenessTokenStore;
  /** The hosted web verification flows (./web-verification/). */
  webVerifications: WebVerificationStore;
  /** SANDBOX_STATE: where the app SDK and NFC flows keep their tokens (./catalogue-actions.ts). */
  state: KVNamespace;
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
      return (await runCatalogueAction(call, context)) ?? {};
  }
}
