/**
 * What the gateway keeps of a capture session for its partner's backend to look up (DescribeCaptureSession,
 * GET /v1/sessions/{sessionId}): who opened it and for what, and every verification made with it — never
 * media, never the token. Kept by the session's Durable Object (capture-session.ts) until the retention period
 * after the session's expiry (SESSION_RETENTION_DAYS).
 */
import type { SessionAttempt, SessionResponse } from "../../shared/rest/api";

export interface SessionOpening {
  sessionId: string;
  partnerId: string;
  externalId: string | null;
  /** Who minted the session: `partner` (CreateCaptureSession) or `agent:<keyId>`. */
  principal: string;
  maxAttempts: number;
  /** Unix seconds. */
  expiresAt: number;
  /** Unix milliseconds: when the record is deleted. */
  forgetAt: number;
}

/** One verification made with the session (as the REST dialect shows it, but its time in Unix milliseconds). */
export type AttemptRecord = Omit<SessionAttempt, "at"> & {
  /** Unix milliseconds, the gateway's clock. */
  at: number;
};

export type SessionStatus = SessionResponse["status"];

export interface SessionView {
  sessionId: string;
  externalId: string | null;
  status: SessionStatus;
  attemptsUsed: number;
  maxAttempts: number;
  attempts: AttemptRecord[];
  /** Unix seconds. */
  expiresAt: number;
}

/**
 * A session is pending until an attempt passes or its attempts run out; one that did neither ends revoked or
 * expired. A pass stands whatever happens after it.
 *
 * Attempts are spent when they start and recorded when answered, so spent attempts fail the session only once
 * each has its outcome: a last upload still in flight may pass (two uploads at once, the first answered
 * fails). An outcome that never comes (a hosted verification nobody finished or read) fails it at expiry.
 */
export function sessionStatus(
  state: { attemptsUsed: number; revoked: boolean; attempts: readonly AttemptRecord[] },
  opening: Pick<SessionOpening, "maxAttempts" | "expiresAt">,
  now: number,
): SessionStatus {
  if (state.attempts.some((attempt) => attempt.passed)) return "passed";
  const expired = now >= opening.expiresAt * 1000;
  const outcomesIn = state.attempts.length >= state.attemptsUsed;
  if (state.attemptsUsed >= opening.maxAttempts && (outcomesIn || expired)) return "failed";
  if (state.revoked) return "revoked";
  if (expired) return "expired";
  return "pending";
}
