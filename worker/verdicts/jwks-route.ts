/**
 * GET /.well-known/jwks.json: the public keys verdict tokens are signed with, as a JWK Set (RFC 7517 §5), the
 * signing key and every retired key still listed (VERDICT_RETIRED_KEYS). Public members only, by construction
 * (verdicts/key-config.ts). Caches may keep it a few minutes: a verifier that meets an unknown `kid` fetches it
 * again (jose's createRemoteJWKSet does), so a new key is picked up at once.
 */
import type { Handler } from "hono";
import type { GatewayEnv } from "../gateway-env";

export const VERDICT_JWKS_MAX_AGE_SECONDS = 300;

export function verdictKeySet(): Handler<GatewayEnv> {
  return function serveVerdictKeySet(c) {
    c.header("Cache-Control", `public, max-age=${VERDICT_JWKS_MAX_AGE_SECONDS}`);
    return c.json(c.var.services.verdicts.jwks());
  };
}
