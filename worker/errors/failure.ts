/**
 * Every way the gateway refuses or fails a request, modelled once. Each dialect maps a failure to its own wire
 * form in exactly one exhaustive switch (errors/tencent.ts, errors/rest.ts), so a new failure cannot ship
 * without its public code. Details here are for logs; none may hold a secret, token or media.
 */
import type { HandleForm } from "../../shared/faceid/handles";
import type { Tc3Rejection } from "../tc3/verifier";

export type GatewayFailure =
  | { kind: "signature"; rejection: Tc3Rejection }
  | { kind: "partner-revoked" }
  | { kind: "action-not-allowed"; action: string }
  | { kind: "missing-action" }
  | { kind: "unknown-action"; action: string }
  /** An action Tencent removed from FaceID (shared/faceid/catalogue.ts, REMOVED_ACTIONS), and what replaces it. */
  | { kind: "removed-action"; action: string; replacement: string }
  | { kind: "unsupported-version"; version: string }
  | { kind: "unsupported-region"; action: string; region: string }
  | { kind: "unsupported-protocol"; detail: string }
  | { kind: "body-too-large"; limitBytes: number }
  | { kind: "invalid-body"; detail: string }
  | { kind: "missing-parameter"; parameter: string }
  | { kind: "unknown-parameter"; parameter: string }
  | { kind: "invalid-parameter"; parameter: string; detail: string }
  | { kind: "invalid-media"; parameter: string; detail: string }
  | { kind: "media-too-large"; parameter: string; limitBytes: number }
  | { kind: "credential-missing" }
  | { kind: "credential-invalid" }
  | { kind: "session-expired" }
  | { kind: "session-revoked" }
  | { kind: "session-exhausted"; maxAttempts: number }
  | { kind: "session-scope"; call: string }
  | { kind: "origin-not-allowed"; origin: string }
  | { kind: "method-not-allowed"; allowed: string[] }
  | { kind: "unsupported-media-type"; detail: string }
  | { kind: "not-found" }
  /** The request reached the Worker under a host name the gateway does not serve (GATEWAY_HOSTS). */
  | { kind: "host-not-served"; host: string }
  /** A FaceID handle this partner did not obtain (another partner's, expired, or never issued). */
  | { kind: "unknown-handle"; parameter: string; form: HandleForm; unknownCode?: string }
  /** A capture session this partner did not open (another partner's, forgotten, or never made). */
  | { kind: "unknown-session"; parameter: string }
  | { kind: "rate-limited"; retryAfterSeconds: number }
  | { kind: "upstream-timeout"; timeoutMs: number }
  | { kind: "upstream-unreachable"; detail: string }
  | { kind: "upstream-malformed"; detail: string }
  /** FaceID answered with an API error (not a verdict) to a call the REST dialect made for its caller. */
  | { kind: "upstream-rejected"; code: string; description: string }
  /** No valid verdict signing key (VERDICT_SIGNING_KEY): no verification is made, as its verdict could not be signed. */
  | { kind: "verdict-signing-unavailable" }
  | { kind: "internal"; detail: string };

export class GatewayError extends Error {
  readonly failure: GatewayFailure;

  constructor(failure: GatewayFailure) {
    super(failure.kind);
    this.name = "GatewayError";
    this.failure = failure;
  }
}

export function fail(failure: GatewayFailure): never {
  throw new GatewayError(failure);
}

/** Any thrown value as a failure; unexpected ones become `internal` without their message (it may hold data). */
export function asFailure(error: unknown): GatewayFailure {
  if (error instanceof GatewayError) return error.failure;
  return { kind: "internal", detail: error instanceof Error ? error.name : typeof error };
}
