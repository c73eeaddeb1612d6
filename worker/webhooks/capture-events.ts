/**
 * The webhook events of a capture session's life, from its record (sessions/session-record.ts):
 * `capture.verdict` for each attempt recorded, and one `capture.completed` when the session stops being
 * pending (an attempt passed, the attempts ran out, it was revoked or it expired).
 */
import type { CaptureEventData } from "../../shared/webhooks/events";
import type { AttemptRecord, SessionOpening, SessionStatus } from "../sessions/session-record";
import type { PendingEvent } from "./publisher";

/** What the session's object knows when something happens to it. */
export interface SessionMoment {
  opening: SessionOpening;
  attempts: readonly AttemptRecord[];
  status: SessionStatus;
  /** Whether capture.completed has been sent already (it is sent once). */
  completedBefore: boolean;
}

/** The events for an attempt just recorded, the last of `attempts`, whose answer carried `verdictToken`. */
export function attemptEvents(moment: SessionMoment, verdictToken: string | null): PendingEvent[] {
  const data = eventData(moment, verdictToken);
  return [{ type: "capture.verdict", data }, ...completion(moment, data)];
}

/** The event for a session that ended without an attempt being recorded (revoked, expired), if any is due. */
export function endEvents(moment: SessionMoment): PendingEvent[] {
  return completion(moment, eventData(moment, null));
}

function completion(moment: SessionMoment, data: CaptureEventData): PendingEvent[] {
  // The first moment the session is not pending is the one that ended it: a pass completes it with that
  // attempt, so capture.completed carries the same verdict and token as its capture.verdict.
  if (moment.status === "pending" || moment.completedBefore) return [];
  return [{ type: "capture.completed", data: { ...data, status: moment.status } }];
}

function eventData({ opening, attempts }: SessionMoment, verdictToken: string | null): CaptureEventData {
  const attempt = attempts.at(-1);
  return {
    sessionId: opening.sessionId,
    externalId: opening.externalId,
    attempt: attempts.length,
    passed: attempt?.passed ?? false,
    result: attempt?.result ?? null,
    similarity: attempt?.similarity ?? null,
    tencentRequestId: attempt?.tencentRequestId ?? null,
    verdictToken,
  };
}
