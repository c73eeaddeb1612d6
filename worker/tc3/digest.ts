/**
 * The three primitives TC3-HMAC-SHA256 is built from, on Web Crypto so they run unchanged in workerd,
 * browsers and Node. Inputs are bytes or UTF-8 text; intermediate HMAC keys stay binary (spec step 6).
 */

const encoder = new TextEncoder();

export type Bytes = ArrayBuffer | ArrayBufferView<ArrayBuffer>;

/** Lowercase hex SHA-256 of the bytes (or of the UTF-8 encoding of the text). */
export async function sha256Hex(data: Bytes | string): Promise<string> {
  return toHex(await crypto.subtle.digest("SHA-256", asBytes(data)));
}

/** HMAC-SHA256(key, message), binary. A key used again and again is best imported once (`hmacKey`). */
export async function hmacSha256(
  key: CryptoKey | Bytes | string,
  message: Bytes | string,
): Promise<ArrayBuffer> {
  const cryptoKey = key instanceof CryptoKey ? key : await hmacKey(key);
  return crypto.subtle.sign("HMAC", cryptoKey, asBytes(message));
}

/** The key as a Web Crypto HMAC-SHA256 key, for signing only. */
export function hmacKey(key: Bytes | string): Promise<CryptoKey> {
  return crypto.subtle.importKey("raw", asBytes(key), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
}

export function toHex(buffer: ArrayBuffer): string {
  const bytes = new Uint8Array(buffer);
  let hex = "";
  for (const byte of bytes) hex += HEX[byte];
  return hex;
}

/**
 * Compares two strings in time that depends only on their lengths, so a signature check does not tell an
 * attacker how many leading characters they guessed right.
 */
export function timingSafeEqual(a: string, b: string): boolean {
  const left = encoder.encode(a);
  const right = encoder.encode(b);
  let difference = left.length ^ right.length;
  const length = Math.max(left.length, right.length);
  for (let i = 0; i < length; i++) difference |= (left[i] ?? 0) ^ (right[i] ?? 0);
  return difference === 0;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

function asBytes(data: Bytes | string): BufferSource {
  return typeof data === "string" ? encoder.encode(data) : data;
}
