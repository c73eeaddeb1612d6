/**
 * A capture session as its partner's backend looks it up (DescribeCaptureSession, GET /v1/sessions/{id}).
 * Another partner's session, one whose record is gone and one that never existed are all "not found", alike.
 */
import { fail } from "../errors/failure";
import { captureSessionOf } from "./capture-session";
import type { SessionView } from "./session-record";

/** Session ids are the UUIDs the gateway mints (SessionClaims' `sid`). */
const SESSION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** `now`: Unix milliseconds, the gateway's clock. `parameter`: the dialect's name for the session id. */
export async function describeSession(
  env: Env,
  sessionId: string,
  partnerId: string,
  now: number,
  parameter: string,
): Promise<SessionView> {
  if (!SESSION_ID.test(sessionId)) return fail({ kind: "unknown-session", parameter });
  const view = await captureSessionOf(env, sessionId).describe(sessionId, partnerId, now);
  return view ?? fail({ kind: "unknown-session", parameter });
}
