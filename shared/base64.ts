/**
 * Base64 as Tencent expects it: RFC 4648 §4 alphabet with `=` padding, no line breaks, no data-URL prefix.
 * Written without atob/btoa so the same code runs in every runtime and can decode just a prefix.
 */

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const VALUES = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) VALUES[ALPHABET.charCodeAt(i)] = i;

/** Why a string is not acceptable base64; undefined when it is. */
export type Base64Problem = "empty" | "bad-length" | "bad-character" | "bad-padding";

export function checkBase64(text: string): Base64Problem | undefined {
  if (text.length === 0) return "empty";
  if (text.length % 4 !== 0) return "bad-length";
  const padding = text.endsWith("==") ? 2 : text.endsWith("=") ? 1 : 0;
  const end = text.length - padding;
  for (let i = 0; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code >= 128 || VALUES[code] === -1) return code === 61 ? "bad-padding" : "bad-character";
  }
  return undefined;
}

/** Number of bytes that well-formed base64 text decodes to. */
export function decodedLength(text: string): number {
  const padding = text.endsWith("==") ? 2 : text.endsWith("=") ? 1 : 0;
  return (text.length / 4) * 3 - padding;
}

/** Decodes at most `maxBytes` bytes from the start of well-formed base64 text (for magic-byte sniffing). */
export function decodeBase64Prefix(text: string, maxBytes: number): Uint8Array {
  const chars = Math.min(text.length, Math.ceil(maxBytes / 3) * 4);
  return decodeBase64(text.slice(0, chars)).subarray(0, maxBytes);
}

export function decodeBase64(text: string): Uint8Array {
  const out = new Uint8Array(Math.floor((text.length * 3) / 4));
  let length = 0;
  let buffer = 0;
  let bits = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 61) break;
    const value = code < 128 ? (VALUES[code] ?? -1) : -1;
    if (value < 0) throw new TypeError("invalid base64");
    buffer = (buffer << 6) | value;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[length++] = (buffer >> bits) & 0xff;
    }
  }
  return out.subarray(0, length);
}

export function encodeBase64(bytes: Uint8Array): string {
  let out = "";
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += letter(n >> 18) + letter(n >> 12) + letter(n >> 6) + letter(n);
  }
  const rest = bytes.length - i;
  if (rest > 0) {
    const n = ((bytes[i] ?? 0) << 16) | (rest === 2 ? (bytes[i + 1] ?? 0) << 8 : 0);
    out += `${letter(n >> 18)}${letter(n >> 12)}${rest === 2 ? letter(n >> 6) : "="}=`;
  }
  return out;
}

function letter(sextet: number): string {
  return ALPHABET.charAt(sextet & 63);
}
