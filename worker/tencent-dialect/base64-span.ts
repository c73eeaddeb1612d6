/**
 * Reads a base64 JSON string where it lies in the request's bytes: finds its closing quote and checks it by
 * the rules shared/base64.ts#checkBase64 applies to text (RFC 4648 §4 alphabet, `=` padding only at the end,
 * a length that is a multiple of 4), in one pass, and keeps its first decoded bytes for magic-byte sniffing.
 * The runtime's native decoder (TC39 `Uint8Array.prototype.setFromBase64`) runs over 64 KB windows into one
 * small scratch buffer: a 10 MB value is checked at memory speed and never becomes a 10 MB string or a
 * decoded copy.
 *
 * Answers undefined when the bytes are not such a string, or when the runtime has no native decoder: the
 * caller then checks the decoded text the reference way, which also says what is wrong.
 */

type SetFromBase64 = (this: Uint8Array, text: string) => { read: number; written: number };

export interface Base64String {
  /** Index of the closing quote. */
  end: number;
  /** The first decoded bytes (up to the number asked for). */
  head: Uint8Array;
}

/** A multiple of 4, so every window but the last decodes to whole bytes with no padding. */
const WINDOW_CHARS = 64 * 1024;

const setFromBase64 = (Uint8Array.prototype as unknown as { setFromBase64?: SetFromBase64 }).setFromBase64;
const scratch = new Uint8Array((WINDOW_CHARS / 4) * 3);
const ascii = new TextDecoder();

/** The base64 string whose first byte is at `start`, at most `limitBytes` long. */
export function base64StringAt(
  body: Uint8Array,
  start: number,
  limitBytes: number,
  headBytes: number,
): Base64String | undefined {
  if (setFromBase64 === undefined) return undefined;
  const stop = Math.min(body.length, start + limitBytes + 1);
  let head: Uint8Array | undefined;
  for (let at = start; at < stop; at += WINDOW_CHARS) {
    // One byte past the window tells whether the string ends exactly at its edge.
    const bytes = body.subarray(at, Math.min(at + WINDOW_CHARS + 1, stop));
    // Bytes that are not ASCII decode to fewer characters (or to U+FFFD), never to the base64 alphabet.
    const window = ascii.decode(bytes);
    if (window.length !== bytes.length) return undefined;
    const quote = window.indexOf('"');
    const last = quote >= 0 && quote <= WINDOW_CHARS;
    const text = last ? window.slice(0, quote) : window.slice(0, WINDOW_CHARS);
    if (text.length < WINDOW_CHARS && !last) return undefined;
    const length = at - start + text.length;
    if (last && (length === 0 || length % 4 !== 0)) return undefined;
    let decoded: { read: number; written: number };
    try {
      decoded = setFromBase64.call(scratch, text);
    } catch {
      return undefined;
    }
    // The decoder skips ASCII whitespace and stops at padding: either shows as fewer bytes than expected.
    const padding = last ? trailingPadding(body, at + text.length) : 0;
    if (decoded.read !== text.length || decoded.written !== (text.length / 4) * 3 - padding) return undefined;
    head ??= scratch.slice(0, Math.min(headBytes, decoded.written));
    if (last) return { end: at + text.length, head };
  }
  // No closing quote within the limit: too long, or not a string.
  return undefined;
}

/** How many `=` end the text that ends before `end` (at most 2; a third one makes the decoder throw). */
function trailingPadding(body: Uint8Array, end: number): number {
  if (body[end - 1] !== 0x3d) return 0;
  return body[end - 2] === 0x3d ? 2 : 1;
}
