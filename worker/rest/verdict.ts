/**
 * Tencent's answers in the REST dialect's plain terms: `passed` only for Tencent's success, the human text
 * from the shared catalogue, similarity only where Tencent says it means something.
 */
import { describeCompareResult, describeLivenessResult } from "../../shared/faceid/result-codes";
import { meaningfulSimilarity } from "../../shared/faceid/similarity";
import type {
  CompareFaceLivenessResponse,
  FileInfo,
  GetLivenessResultResponse,
} from "../../shared/faceid/types";
import type { CompareResult, LivenessResultResponse, RestFileInfo } from "../../shared/rest/api";
import { fail } from "../errors/failure";
import type { UpstreamAnswer } from "../faceid/client";

export function compareVerdict(answer: UpstreamAnswer, requestId: string): CompareResult {
  refuseApiError(answer);
  const response = answer.response as unknown as CompareFaceLivenessResponse;
  const info = describeCompareResult(response.Result);
  return {
    passed: response.Result === "Success",
    result: response.Result,
    description: info.description,
    similarity: meaningfulSimilarity(response.Result, response.Sim),
    bestFrameBase64:
      typeof response.BestFrameBase64 === "string" && response.BestFrameBase64
        ? response.BestFrameBase64
        : null,
    tencentRequestId: answer.requestId,
    requestId,
  };
}

export function livenessVerdict(answer: UpstreamAnswer): LivenessResultResponse {
  refuseApiError(answer);
  const response = answer.response as unknown as GetLivenessResultResponse;
  const result = String(response.Result);
  return {
    passed: result === "0",
    result,
    description: describeLivenessResult(result).description,
    bestFrame: fileInfo(response.BestFrame),
    video: fileInfo(response.Video),
    tencentRequestId: answer.requestId,
  };
}

/**
 * A Tencent API error is not a verdict: quota errors become 429, the rest an upstream error carrying the
 * catalogue's text (never Tencent's raw message, which may echo input).
 */
export function refuseApiError(answer: UpstreamAnswer): void {
  if (!answer.error) return;
  if (answer.error.code.startsWith("RequestLimitExceeded"))
    fail({ kind: "rate-limited", retryAfterSeconds: 1 });
  fail({
    kind: "upstream-rejected",
    code: answer.error.code,
    description: describeCompareResult(answer.error.code).description,
  });
}

function fileInfo(info: FileInfo | null | undefined): RestFileInfo | null {
  if (!info || typeof info.Url !== "string" || !info.Url) return null;
  return { url: info.Url, md5: info.MD5, size: info.Size };
}
