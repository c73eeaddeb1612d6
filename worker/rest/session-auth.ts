/**
 * Authorises a REST call by its session token: signature and expiry (from the token itself), the partner and
 * the agent key behind it still active, the page's origin, the call allowed (by the token and by the partner's
 * actions), and the session not revoked. Attempts are spent separately, by the calls that start a
 * verification (compare, and minting a liveness token).
 */
import type { Context } from "hono";
import { fail } from "../errors/failure";
import type { GatewayEnv } from "../gateway-env";
import type { PartnerRecord } from "../partners/store";
import { type AttemptOutcome, captureSessionOf } from "../sessions/capture-session";
import {
  readSessionToken,
  SESSION_CALL_ACTIONS,
  type SessionCall,
  type SessionClaims,
} from "../sessions/session-token";

export interface AuthorisedSession {
  claims: SessionClaims;
  partner: PartnerRecord;
}

/** Calls that start a verification at Tencent, and so spend one of the session's attempts. */
const SPENDS_ATTEMPT: Record<SessionCall, boolean> = {
  compare: true,
  tokens: true,
  results: false,
  web: true,
  "web-results": false,
};

/** `now`: Unix milliseconds, the gateway's clock. */
export async function authoriseSession(
  c: Context<GatewayEnv>,
  call: SessionCall,
  now: number,
): Promise<AuthorisedSession> {
  const { config, partners, agentKeys } = c.var.services;
  const token = bearerToken(c);
  const read = await readSessionToken(token, config.partnerKeySeed, Math.floor(now / 1000));
  if (!read.ok)
    fail(read.reason === "expired" ? { kind: "session-expired" } : { kind: "credential-invalid" });
  const { claims } = read;
  c.set("partnerId", claims.partnerId);
  c.set("principal", { type: "session", id: claims.sid });

  const partner = await partners.getByPartnerId(claims.partnerId);
  if (!partner || partner.revokedAt) fail({ kind: "session-revoked" });
  if (claims.principal.startsWith("agent:")) {
    const agent = await agentKeys.get(claims.principal.slice("agent:".length));
    if (!agent || agent.revokedAt) fail({ kind: "session-revoked" });
  }
  checkOrigin(pageOrigin(c), claims, partner);
  if (!claims.calls.includes(call)) fail({ kind: "session-scope", call });
  // Fixed in the token when it was minted, and checked again here: an operator who takes an action from a
  // partner takes it from the partner's live sessions too.
  const action = SESSION_CALL_ACTIONS[call];
  if (!partner.actions.includes(action)) fail({ kind: "action-not-allowed", action });
  // A call that spends an attempt asks the session object only when it spends (which checks revocation too).
  if (!SPENDS_ATTEMPT[call] && (await captureSessionOf(c.env, claims.sid).check()).revoked)
    fail({ kind: "session-revoked" });
  return { claims, partner };
}

/** Spends one of the session's attempts, atomically across the edge, at `now` (Unix milliseconds). */
export async function spendAttempt(env: Env, claims: SessionClaims, now: number): Promise<void> {
  const outcome: AttemptOutcome = await captureSessionOf(env, claims.sid).consumeAttempt(
    claims.maxAttempts,
    claims.expiresAt,
    now,
  );
  if (outcome.ok) return;
  switch (outcome.reason) {
    case "exhausted":
      return fail({ kind: "session-exhausted", maxAttempts: claims.maxAttempts });
    case "revoked":
      return fail({ kind: "session-revoked" });
    case "expired":
      return fail({ kind: "session-expired" });
  }
}

export function bearerToken(c: Context<GatewayEnv>): string {
  const header = c.req.header("authorization") ?? "";
  const match = /^Bearer ([\x21-\x7e]+)$/.exec(header);
  if (!match?.[1]) return fail({ kind: "credential-missing" });
  return match[1];
}

/**
 * The calling page's web origin (an http(s) Origin header), or undefined: browser extensions' own pages and
 * server-side callers are not web origins.
 */
export function pageOrigin(c: Context<GatewayEnv>): string | undefined {
  const origin = c.req.header("origin");
  return origin && /^https?:\/\//.test(origin) ? origin : undefined;
}

/**
 * Web pages must call from the session's origin and one of the partner's. Callers that are not web pages
 * (`pageOrigin` undefined) are not checked here: the token's other bindings still hold for them.
 */
function checkOrigin(origin: string | undefined, claims: SessionClaims, partner: PartnerRecord): void {
  if (!origin) return;
  if ((claims.origin && origin !== claims.origin) || !partner.origins.includes(origin)) {
    fail({ kind: "origin-not-allowed", origin });
  }
}
