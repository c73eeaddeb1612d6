/**
 * TC3-HMAC-SHA256, one pure function per step of Tencent Cloud's signature v3 spec
 * (https://www.tencentcloud.com/document/api/1061/37004, steps 1–4), so each step can be checked against the
 * vendor's worked example on its own.
 */
import { type Bytes, hmacSha256, sha256Hex, toHex } from "./digest";

export const TC3_ALGORITHM = "TC3-HMAC-SHA256";
const TERMINATOR = "tc3_request";

/** A header that takes part in the signature, as the name and value the client sent. */
export type SignedHeader = readonly [name: string, value: string];

export interface CanonicalRequestInput {
  method: string;
  path: string;
  query: string;
  headers: readonly SignedHeader[];
  /** Lowercase hex SHA-256 of the exact body bytes. */
  payloadHash: string;
}

export interface CanonicalHeaders {
  /** `name:value\n` per header, lowercased, trimmed and sorted by name. */
  canonical: string;
  /** The same names, sorted, joined with `;`. */
  signedHeaders: string;
}

/** Step 1: names and values lowercased and trimmed, sorted by name; the block ends with its own newline. */
export function canonicalHeaders(headers: readonly SignedHeader[]): CanonicalHeaders {
  const normalised = headers
    .map(([name, value]) => [name.trim().toLowerCase(), value.trim().toLowerCase()] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return {
    canonical: normalised.map(([name, value]) => `${name}:${value}\n`).join(""),
    signedHeaders: normalised.map(([name]) => name).join(";"),
  };
}

/** Step 1: the six lines of the canonical request. */
export function canonicalRequest(input: CanonicalRequestInput): string {
  const { canonical, signedHeaders } = canonicalHeaders(input.headers);
  return [
    input.method.toUpperCase(),
    input.path,
    input.query,
    canonical,
    signedHeaders,
    input.payloadHash,
  ].join("\n");
}

/** The UTC calendar date of a Unix timestamp, `YYYY-MM-DD` (local time breaks signing around midnight). */
export function utcDate(timestamp: number): string {
  return new Date(timestamp * 1000).toISOString().slice(0, 10);
}

/** Step 2: `<date>/<service>/tc3_request`. */
export function credentialScope(date: string, service: string): string {
  return `${date}/${service}/${TERMINATOR}`;
}

/** Step 2: the string to sign. */
export async function stringToSign(timestamp: number, scope: string, canonical: string): Promise<string> {
  return `${TC3_ALGORITHM}\n${timestamp}\n${scope}\n${await sha256Hex(canonical)}`;
}

/** Step 3: kSigning = HMAC(HMAC(HMAC("TC3" + key, date), service), "tc3_request"), binary throughout. */
export async function deriveSigningKey(
  secretKey: string,
  date: string,
  service: string,
): Promise<ArrayBuffer> {
  const kDate = await hmacSha256(`TC3${secretKey}`, date);
  const kService = await hmacSha256(kDate, service);
  return hmacSha256(kService, TERMINATOR);
}

/** Step 3: lowercase hex HMAC(kSigning, string to sign). */
export async function signatureOf(signingKey: CryptoKey | Bytes, toSign: string): Promise<string> {
  return toHex(await hmacSha256(signingKey, toSign));
}

/** Step 4: the Authorization header, parts separated by a comma and one space. */
export function authorizationHeader(parts: {
  secretId: string;
  scope: string;
  signedHeaders: string;
  signature: string;
}): string {
  return `${TC3_ALGORITHM} Credential=${parts.secretId}/${parts.scope}, SignedHeaders=${parts.signedHeaders}, Signature=${parts.signature}`;
}
