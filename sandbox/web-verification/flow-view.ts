/**
 * A flow as the page and the sandbox's own endpoints show it (camelCase JSON, never Tencent's shape): where it
 * stands, what comes next, how its last step ended and, once it has ended, where the page sends the person.
 * `GET /sandbox/web-verification/status?token=<BizToken>` answers it, so a caller can tell `issued` (the page
 * not opened yet) from `opened` and `in-progress`, which GetWebVerificationResultIntl (ErrorCode -999 for all
 * three) cannot.
 */
import { webErrorMessage } from "./error-codes";
import { FLOW_SECONDS, type FlowRecord, type FlowStatus } from "./flow-store";
import { type FlowStep, stepsOf } from "./outcomes";
import { redirectTarget } from "./redirect-target";

export interface FlowView {
  bizToken: string;
  status: FlowStatus;
  /** The step the page shows next; null once the flow has ended or expired. */
  nextStep: FlowStep | null;
  attempts: number;
  attemptsLeft: number;
  lastStep: { step: FlowStep; errorCode: number; errorMsg: string } | null;
  /** The flow's final ErrorCode, once it has ended. */
  errorCode: number | null;
  errorMsg: string | null;
  /** RedirectURL with `token=<BizToken>`, once the flow has ended. */
  redirectUrl: string | null;
  issuedAt: string;
  openedAt: string | null;
  startedAt: string | null;
  completedAt: string | null;
  expiresAt: string;
}

export function flowView(token: string, status: FlowStatus, record: FlowRecord): FlowView {
  const ended = record.completion !== null;
  const lastAttempt = record.attempts.at(-1);
  const lastStep = lastAttempt
    ? { step: "liveness" as const, errorCode: lastAttempt.errorCode }
    : record.document
      ? { step: "document" as const, errorCode: record.document.errorCode }
      : null;
  return {
    bizToken: token,
    status,
    nextStep: status === "expired" || ended ? null : nextStep(record),
    attempts: record.attempts.length,
    attemptsLeft: Math.max(0, record.config.livenessRetryLimit - record.attempts.length),
    lastStep: lastStep && { ...lastStep, errorMsg: webErrorMessage(lastStep.errorCode) },
    errorCode: record.completion?.errorCode ?? null,
    errorMsg: record.completion ? webErrorMessage(record.completion.errorCode) : null,
    redirectUrl: ended ? redirectTarget(record.redirectUrl, token) : null,
    issuedAt: iso(record.issuedAt),
    openedAt: record.openedAt === null ? null : iso(record.openedAt),
    startedAt: record.startedAt === null ? null : iso(record.startedAt),
    completedAt: record.completion ? iso(record.completion.at) : null,
    expiresAt: iso(record.issuedAt + FLOW_SECONDS * 1000),
  };
}

/** The first step of the mode not yet done: the document until it is uploaded, then liveness. */
export function nextStep(record: FlowRecord): FlowStep | null {
  const steps = stepsOf(record.config.checkMode);
  if (steps.includes("document") && record.document === null) return "document";
  return steps.includes("liveness") ? "liveness" : null;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
