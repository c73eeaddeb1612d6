/**
 * Tencent's answers in the REST dialect's plain terms: `passed` only for Tencent's success, the human text
 * from the shared catalogue, similarity only where Tencent says it means something. A compare's verdict also
 * carries its signed form (`verdictToken`), the one a partner's backend can trust.
 */
import { describeCompareResult, describeLivenessResult } from "../../shared/faceid/result-codes";
import { meaningfulSimilarity } from "../../shared/faceid/similarity";
import type {
  CompareFaceLivenessResponse,
  FileInfo,
  GetLivenessResultResponse,
  LivenessType,
} from "../../shared/faceid/types";
import type { CompareResult, LivenessResultResponse, RestFileInfo } from "../../shared/rest/api";
import { fail } from "../errors/failure";
import type { UpstreamAnswer } from "../faceid/client";
import type { SessionClaims } from "../sessions/session-token";
import type { ReadyVerdictSigner } from "../verdicts/verdict-signer";

/** What signing a compare's verdict needs besides Tencent's answer. */
export interface VerdictSigning {
  signer: ReadyVerdictSigner;
  session: SessionClaims;
  /** The liveness type the upload was verified with. */
  livenessType: LivenessType;
  /** The gateway's clock (ms) and the request's URL (the issuer unless VERDICT_ISSUER is set). */
  nowMs: number;
  requestUrl: string;
}

/** A verdict before it is signed: what Tencent's answer says, in plain terms. */
export type GatewayVerdict = Pick<
  CompareResult,
  "passed" | "result" | "description" | "similarity" | "bestFrameBase64"
>;

export async function compareVerdict(
  answer: UpstreamAnswer,
  requestId: string,
  signing: VerdictSigning,
): Promise<CompareResult> {
  refuseApiError(answer);
  const response = answer.response as unknown as CompareFaceLivenessResponse;
  return signedVerdict(
    {
      passed: response.Result === "Success",
      result: response.Result,
      description: describeCompareResult(response.Result).description,
      similarity: meaningfulSimilarity(response.Result, response.Sim),
      bestFrameBase64:
        typeof response.BestFrameBase64 === "string" && response.BestFrameBase64
          ? response.BestFrameBase64
          : null,
    },
    { tencentRequestId: answer.requestId, requestId },
    signing,
  );
}

/** A verdict with its signed form (verdictToken): a compare's, or a hosted verification's. */
export async function signedVerdict(
  verdict: GatewayVerdict,
  ids: { tencentRequestId: string; requestId: string },
  { signer, session, livenessType, nowMs, requestUrl }: VerdictSigning,
): Promise<CompareResult> {
  const verdictToken = await signer.sign(
    {
      aud: session.partnerId,
      sub: session.sid,
      externalId: session.externalId ?? null,
      passed: verdict.passed,
      result: verdict.result,
      similarity: verdict.similarity,
      livenessType,
      tencentRequestId: ids.tencentRequestId,
    },
    { nowMs, requestUrl },
  );
  return { ...verdict, ...ids, verdictToken };
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
