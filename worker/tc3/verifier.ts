/**
 * Verifies a TC3-HMAC-SHA256 signed request the way Tencent Cloud does: the same steps as the signer, a
 * 5-minute timestamp window, the scope's date, the service the client derived, and a constant-time compare.
 * The gateway uses it for partner requests; the sandbox for the gateway's own upstream calls.
 */

import { parseAuthorization } from "./authorization";
import { sha256Hex, timingSafeEqual } from "./digest";
import { SigningKeyCache } from "./signer";
import {
  canonicalRequest,
  credentialScope,
  type SignedHeader,
  signatureOf,
  stringToSign,
  utcDate,
} from "./steps";

/** Why a request's signature was not accepted; each reason maps to one Tencent error code. */
export type Tc3Rejection =
  | "missing-authorization"
  | "malformed-authorization"
  | "missing-timestamp"
  | "stale-timestamp"
  | "scope-mismatch"
  | "unknown-secret-id"
  | "signature-mismatch";

export type Tc3Verification =
  | { ok: true; secretId: string; timestamp: number; service: string }
  | { ok: false; rejection: Tc3Rejection };

/** Signatures of unsigned payloads hash this literal instead of the body (Go, Python and Java SDKs). */
export const UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";

export const TIMESTAMP_WINDOW_SECONDS = 300;

export interface Tc3VerifyRequest {
  method: string;
  /** Path and query string as received. */
  url: URL;
  headers: Headers;
  /** Lowercase hex SHA-256 of the body bytes as received. */
  bodyHash: string;
}

/** The secret key of a SecretId, or undefined when it is unknown or revoked. */
export type SecretKeyLookup = (secretId: string) => Promise<string | undefined>;

export interface Tc3VerifierOptions {
  /** Whether the service named in the credential scope is acceptable for a request to this host name. */
  acceptsService: (service: string, hostname: string) => boolean;
  /** Unix time in milliseconds. */
  clock?: () => number;
}

export class Tc3Verifier {
  readonly #options: Tc3VerifierOptions;
  readonly #clock: () => number;
  readonly #keys = new SigningKeyCache();

  constructor(options: Tc3VerifierOptions) {
    this.#options = options;
    this.#clock = options.clock ?? Date.now;
  }

  async verify(request: Tc3VerifyRequest, lookupSecretKey: SecretKeyLookup): Promise<Tc3Verification> {
    const header = request.headers.get("authorization");
    if (!header) return reject("missing-authorization");
    const parsed = parseAuthorization(header);
    if (!parsed.ok) return reject("malformed-authorization");
    const auth = parsed.value;
    if (!auth.signedHeaders.includes("content-type") || !auth.signedHeaders.includes("host")) {
      return reject("malformed-authorization");
    }

    const timestampText = request.headers.get("x-tc-timestamp");
    if (!timestampText) return reject("missing-timestamp");
    if (!/^\d{1,12}$/.test(timestampText)) return reject("malformed-authorization");
    const timestamp = Number(timestampText);
    const now = Math.floor(this.#clock() / 1000);
    if (Math.abs(now - timestamp) > TIMESTAMP_WINDOW_SECONDS) return reject("stale-timestamp");

    const host = request.headers.get("host") ?? request.url.host;
    const hostname = stripPort(host);
    if (auth.date !== utcDate(timestamp) || !this.#options.acceptsService(auth.service, hostname)) {
      return reject("scope-mismatch");
    }

    const secretKey = await lookupSecretKey(auth.secretId);
    if (secretKey === undefined) return reject("unknown-secret-id");

    const unsigned = request.headers.get("x-tc-content-sha256") === UNSIGNED_PAYLOAD;
    const payloadHash = unsigned ? await sha256Hex(UNSIGNED_PAYLOAD) : request.bodyHash;
    const signingKey = await this.#keys.get(secretKey, auth.date, auth.service);
    const scope = credentialScope(auth.date, auth.service);

    // The Node SDK signs the host name without its port; other SDKs sign the Host header as sent.
    const hostForms = host === hostname ? [host] : [host, hostname];
    for (const signedHost of hostForms) {
      const headers: SignedHeader[] = auth.signedHeaders.map((name) => [
        name,
        name === "host" ? signedHost : (request.headers.get(name) ?? ""),
      ]);
      const canonical = canonicalRequest({
        method: request.method,
        path: request.url.pathname,
        query: request.url.search.slice(1),
        headers,
        payloadHash,
      });
      const expected = await signatureOf(signingKey, await stringToSign(timestamp, scope, canonical));
      if (timingSafeEqual(expected, auth.signature)) {
        return { ok: true, secretId: auth.secretId, timestamp, service: auth.service };
      }
    }
    return reject("signature-mismatch");
  }
}

function reject(rejection: Tc3Rejection): Tc3Verification {
  return { ok: false, rejection };
}

/** The host name of a Host header value: `example.com:8787` → `example.com`; `[::1]:8787` → `[::1]`. */
export function stripPort(host: string): string {
  if (host.startsWith("[")) return host.slice(0, host.indexOf("]") + 1);
  const colon = host.lastIndexOf(":");
  return colon < 0 ? host : host.slice(0, colon);
}
