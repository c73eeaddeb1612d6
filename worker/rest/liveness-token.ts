/**
 * POST /v1/liveness/tokens under a session's rules. An SdkToken starts a liveness flow at Tencent, so minting
 * one is held to the same rules as a compare attempt: the session's liveness type and actions decide which
 * SecureLevel it may ask for (1 silent, 2 blink, 3 light, 4 blink + light; tencent-faceid.md §4).
 */
import type { SecureLevel } from "../../shared/faceid/types";
import { fail } from "../errors/failure";
import type { SessionClaims } from "../sessions/session-token";

/** The levels that ask the person for an action (a blink) and those that do not. */
const ACTION_LEVELS: readonly SecureLevel[] = ["2", "4"];
const SILENT_LEVELS: readonly SecureLevel[] = ["1", "3"];

/**
 * The SecureLevel to ask Tencent for: as asked, within the session's rules; a session that fixed its liveness
 * type gets a level of that type when it asks for none (undefined: Tencent's default, 4).
 */
export function secureLevelWithin(
  claims: SessionClaims,
  asked: SecureLevel | undefined,
): SecureLevel | undefined {
  if (claims.livenessType === undefined && claims.actions === undefined) return asked;
  const silent = claims.livenessType === "SILENT" || claims.actions?.length === 0;
  if (!silent && claims.actions !== undefined && claims.actions.join(",") !== "blink") {
    // Tencent's liveness tokens ask only for a blink: no level matches the session's other actions.
    return fail({ kind: "session-scope", call: "a liveness token (its only action is blink)" });
  }
  const levels = silent ? SILENT_LEVELS : ACTION_LEVELS;
  if (asked === undefined) return silent ? "1" : "4";
  if (!levels.includes(asked)) {
    fail({
      kind: "session-scope",
      call: `SecureLevel ${asked} (${silent ? "SILENT" : "ACTION"} liveness only)`,
    });
  }
  return asked;
}
