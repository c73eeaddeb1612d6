/**
 * The signed verdict: a compact JWS (RFC 7515) over a JWT claim set (RFC 7519), Ed25519 (`alg` EdDSA, RFC 8037),
 * that a partner's backend verifies offline against /.well-known/jwks.json with any JOSE library. The page and
 * the extension carry it unchanged; only the signature makes it trustworthy, never the channel.
 */
import type { LivenessType } from "../../shared/faceid/types";

/**
 * Explicit typing (RFC 8725 §3.11): a verifier that checks `typ` cannot take another kind of JWT for a verdict.
 * jose checks it with `jwtVerify(token, keys, { typ: VERDICT_TOKEN_TYPE })`.
 */
export const VERDICT_TOKEN_TYPE = "faceid-edge-verdict+jwt";
export const VERDICT_TOKEN_ALGORITHM = "EdDSA";
/** Long enough for the partner's page to hand the token to its backend; short enough that a replay is stale. */
export const VERDICT_TOKEN_TTL_SECONDS = 600;
/** Where the public keys are, under the issuer's origin. */
export const VERDICT_JWKS_PATH = "/.well-known/jwks.json";

/** The claim set of a verdict token. */
export interface VerdictClaims {
  /** The gateway's origin (VERDICT_ISSUER, or the origin the compare request came to). */
  iss: string;
  /** The partner the session belongs to (its partnerId). */
  aud: string;
  /** The SessionId (CreateCaptureSession's `SessionId`, POST /v1/sessions' `sessionId`). */
  sub: string;
  /** Unique per token. */
  jti: string;
  /** Unix seconds, on the gateway's clock. */
  iat: number;
  /** `iat` + 10 minutes. */
  exp: number;
  /** The partner's own reference given with the session, or null. */
  externalId: string | null;
  /** True only for Tencent's `Success`. */
  passed: boolean;
  /** Tencent's result code. */
  result: string;
  /** 0–100, or null where Tencent gives no meaningful similarity. */
  similarity: number | null;
  livenessType: LivenessType;
  /** Tencent's RequestId of the CompareFaceLiveness call. */
  tencentRequestId: string;
}

/** What the gateway knows of a verdict; the signer adds the registered claims around it. */
export type VerdictFacts = Omit<VerdictClaims, "iss" | "jti" | "iat" | "exp">;
