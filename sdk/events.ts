/**
 * What `<faceid-capture>` tells the page, as DOM events that bubble out of its shadow root:
 * - `faceid-capture:result` after every verification (a retake after a fixable failure sends another; the
 *   last one counts), detail: the page protocol's capture-result fields, with the signed `verdictToken` the
 *   partner's backend verifies against the gateway's JWKS;
 * - `faceid-capture:error` when the capture ends without one, detail `{ code, message }` with the page
 *   protocol's codes (`camera_denied`, `cancelled`, or the gateway's own, e.g. `token_expired`).
 */
import type { CaptureErrorMessage, CaptureResultMessage } from "../shared/page-protocol";
import type { CompareResult } from "../shared/rest/api";

export const CAPTURE_EVENTS = {
  result: "faceid-capture:result",
  error: "faceid-capture:error",
} as const;

export type CaptureResultDetail = Omit<CaptureResultMessage, "type" | "id">;
export type CaptureErrorDetail = Pick<CaptureErrorMessage, "code" | "message">;

export function resultEvent(verdict: CompareResult): CustomEvent<CaptureResultDetail> {
  return announce(CAPTURE_EVENTS.result, {
    passed: verdict.passed,
    result: verdict.result,
    description: verdict.description,
    similarity: verdict.similarity,
    tencentRequestId: verdict.tencentRequestId,
    verdictToken: verdict.verdictToken,
  });
}

export function errorEvent(detail: CaptureErrorDetail): CustomEvent<CaptureErrorDetail> {
  return announce(CAPTURE_EVENTS.error, { code: detail.code, message: detail.message });
}

function announce<T>(type: string, detail: T): CustomEvent<T> {
  return new CustomEvent(type, { detail, bubbles: true, composed: true });
}
