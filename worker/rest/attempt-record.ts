/**
 * What the session's record keeps of one verification made through the REST dialect
 * (sessions/session-record.ts): the outcome, who captured and from where; never media or the token.
 */
import type { CompareResult } from "../../shared/rest/api";
import { asFailure } from "../errors/failure";
import { toRestError } from "../errors/rest";
import type { UpstreamAnswer } from "../faceid/client";
import type { AttemptRecord } from "../sessions/session-record";
import type { SessionClaims } from "../sessions/session-token";

export type AttemptOutcome = Pick<AttemptRecord, "result" | "passed" | "similarity" | "tencentRequestId">;

export type AskedAttempt = Omit<AttemptRecord, "result" | "passed" | "similarity" | "tencentRequestId">;

/** The attempt as it was asked for (an upload, or a hosted verification), before its outcome is known. */
export function attemptOf(
  claims: SessionClaims,
  asked: Pick<AttemptRecord, "flow" | "livenessType"> & {
    actions: readonly string[];
    /** Only an upload can say so (its `checksOverridden` field); a hosted verification runs Tencent's checks. */
    checksOverridden?: boolean;
  },
  context: { at: number; requestId: string; origin: string | undefined },
): AskedAttempt {
  return {
    at: context.at,
    flow: asked.flow,
    livenessType: asked.livenessType,
    actions: [...asked.actions],
    requestId: context.requestId,
    capturedBy: claims.principal.startsWith("agent:") ? claims.principal : "session",
    origin: context.origin ?? null,
    checksOverridden: asked.checksOverridden ?? false,
  };
}

/** Tencent's verdict. */
export function verdictOutcome(verdict: CompareResult): AttemptOutcome {
  return {
    result: verdict.result,
    passed: verdict.passed,
    similarity: verdict.similarity,
    tencentRequestId: verdict.tencentRequestId,
  };
}

/** No verdict: Tencent's error code when it answered with one, else the gateway's REST error code. */
export function failureOutcome(error: unknown, answer: UpstreamAnswer | undefined): AttemptOutcome {
  return {
    result: answer?.error?.code ?? toRestError(asFailure(error)).code,
    passed: false,
    similarity: null,
    tencentRequestId: answer?.requestId || null,
  };
}
