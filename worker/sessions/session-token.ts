/**
 * Session tokens: the only credential a browser holds. A token is self-describing and signed
 * (`fes1.<claims>.<HMAC-SHA256>`, base64url), so any isolate can check its binding — partner, origin, allowed
 * calls, liveness rules, expiry — without a lookup; its attempt count and revocation live in a Durable
 * Object (sessions/capture-session.ts). The signing key is derived from PARTNER_KEY_SEED.
 */
import { decodeBase64, encodeBase64 } from "../../shared/base64";
import type { FaceIdAction } from "../../shared/faceid/actions";
import type { LivenessActionName, LivenessType } from "../../shared/faceid/types";
import { hmacSha256, timingSafeEqual } from "../tc3/digest";

export type SessionCall = "compare" | "tokens" | "results" | "web" | "web-results";
export const ALL_SESSION_CALLS: readonly SessionCall[] = [
  "compare",
  "tokens",
  "results",
  "web",
  "web-results",
];

/** The FaceID action each session call makes: a session carries a call only if its partner may make it. */
export const SESSION_CALL_ACTIONS = {
  compare: "CompareFaceLiveness",
  tokens: "ApplyLivenessToken",
  results: "GetLivenessResult",
  // Tencent's hosted verification (POST /v1/web-verifications, GET /v1/web-verifications/{bizToken}).
  web: "ApplyWebVerificationBizTokenIntl",
  "web-results": "GetWebVerificationResultIntl",
} as const satisfies Record<SessionCall, FaceIdAction>;

export interface SessionClaims {
  /** Session id (the `SessionId` partners look sessions up by): names the Durable Object of its attempts. */
  sid: string;
  partnerId: string;
  /** The partner's own reference for the case (CreateCaptureSession's `ExternalId`), opaque to the gateway. */
  externalId?: string;
  /** Who asked for it: `partner` (CreateCaptureSession) or `agent:<keyId>`. */
  principal: string;
  origin?: string;
  livenessType?: LivenessType;
  actions?: LivenessActionName[];
  calls: SessionCall[];
  maxAttempts: number;
  /** Unix seconds. */
  issuedAt: number;
  expiresAt: number;
}

export type SessionTokenRead =
  | { ok: true; claims: SessionClaims }
  | { ok: false; reason: "malformed" | "bad-signature" | "expired" };

const PREFIX = "fes1";

export async function mintSessionToken(claims: SessionClaims, seed: string): Promise<string> {
  const payload = base64url(new TextEncoder().encode(JSON.stringify(claims)));
  return `${PREFIX}.${payload}.${await mac(seed, payload)}`;
}

export async function readSessionToken(
  token: string,
  seed: string,
  nowSeconds: number,
): Promise<SessionTokenRead> {
  const [prefix, payload, signature, ...rest] = token.split(".");
  if (prefix !== PREFIX || !payload || !signature || rest.length > 0 || token.length > 4096) {
    return { ok: false, reason: "malformed" };
  }
  if (!timingSafeEqual(await mac(seed, payload), signature)) return { ok: false, reason: "bad-signature" };
  let claims: SessionClaims;
  try {
    claims = JSON.parse(new TextDecoder().decode(fromBase64url(payload))) as SessionClaims;
  } catch {
    return { ok: false, reason: "malformed" };
  }
  if (nowSeconds >= claims.expiresAt) return { ok: false, reason: "expired" };
  return { ok: true, claims };
}

async function mac(seed: string, payload: string): Promise<string> {
  const key = await hmacSha256(seed, "faceid-edge session token key v1");
  return base64url(new Uint8Array(await hmacSha256(key, payload)));
}

function base64url(bytes: Uint8Array): string {
  return encodeBase64(bytes).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64url(text: string): Uint8Array {
  const base64 = text.replace(/-/g, "+").replace(/_/g, "/");
  return decodeBase64(base64 + "=".repeat((4 - (base64.length % 4)) % 4));
}
