/**
 * GetWebVerificationResultIntl's answer in the REST dialect's plain terms (intl SDK 3.0.1426 models
 * GetWebVerificationResultIntlResponse, VerificationDetail): while ErrorCode is null, or -999 (the code of
 * FaceID's result family for "the flow is not finished", tencentcloud.com/document/api/1061/55390), the person
 * has not finished: pending, `in_progress` once a step left a VerificationDetail. ErrorCode 0 passed; any
 * other failed, 15 (the BizToken's 10 minutes ran out) included. Similarity is the last attempt's, which
 * Tencent judges the same person from 70.
 */
import type { GatewayVerdict } from "../rest/verdict";

export type WebVerificationOutcome =
  | { state: "pending"; started: boolean }
  | ({ state: "final" } & GatewayVerdict);

const NOT_FINISHED = -999;

interface VerificationDetail {
  ErrorCode?: number | null;
  Similarity?: number | null;
}

export function webVerificationOutcome(response: Record<string, unknown>): WebVerificationOutcome {
  const details = Array.isArray(response.VerificationDetailList)
    ? (response.VerificationDetailList as VerificationDetail[])
    : [];
  const code = response.ErrorCode;
  if (typeof code !== "number" || code === NOT_FINISHED)
    return { state: "pending", started: details.length > 0 };
  const similarity = details.at(-1)?.Similarity;
  return {
    state: "final",
    passed: code === 0,
    result: String(code),
    description:
      typeof response.ErrorMsg === "string" && response.ErrorMsg ? response.ErrorMsg : `ErrorCode ${code}`,
    similarity: typeof similarity === "number" && similarity >= 0 && similarity <= 100 ? similarity : null,
    bestFrameBase64:
      typeof response.BestFrameBase64 === "string" && response.BestFrameBase64
        ? response.BestFrameBase64
        : null,
  };
}
