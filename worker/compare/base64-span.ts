/**
 * Reads a base64 JSON string where it lies in the request's bytes: finds its closing quote and checks it by
 * the rules shared/base64.ts#checkBase64 applies to text (RFC 4648 §4 alphabet, `=` padding only at the end,
 * a length that is a multiple of 4), in one pass, and decodes its first bytes for magic-byte sniffing. The
 * pass runs over 64 KB windows (base64-scanner.ts): a 10 MB value never becomes a string or a decoded copy.
 *
 * Answers undefined when the bytes are not such a string: the caller then checks the decoded text the
 * reference way, which also says what is wrong.
 */
import { decodeBase64Prefix } from "../../shared/base64";
import { firstOutsideAlphabet, SCAN_WINDOW_BYTES } from "./base64-scanner";

export interface Base64String {
  /** Index of the closing quote. */
  end: number;
  /** The first decoded bytes (up to the number asked for). */
  head: Uint8Array;
}

const QUOTE = 0x22;
const PADDING = 0x3d;
const ascii = new TextDecoder();

/** The base64 string whose first byte is at `start`, at most `limitBytes` long. */
export function base64StringAt(
  body: Uint8Array,
  start: number,
  limitBytes: number,
  headBytes: number,
): Base64String | undefined {
  // One byte past the limit tells a string of exactly the limit from a longer one.
  const stop = Math.min(body.length, start + limitBytes + 1);
  for (let at = start; at < stop; at += SCAN_WINDOW_BYTES) {
    const window = body.subarray(at, Math.min(at + SCAN_WINDOW_BYTES, stop));
    const outside = firstOutsideAlphabet(window);
    if (outside === window.length) continue;
    // The alphabet ends here: at most two `=`, then the closing quote.
    let end = at + outside;
    if (body[end] === PADDING) end++;
    if (body[end] === PADDING) end++;
    const characters = end - start;
    if (body[end] !== QUOTE || characters === 0 || characters % 4 !== 0 || characters > limitBytes) {
      return undefined;
    }
    const headText = ascii.decode(
      body.subarray(start, start + Math.min(characters, 4 * Math.ceil(headBytes / 3))),
    );
    return { end, head: decodeBase64Prefix(headText, headBytes) };
  }
  // No end within the limit: too long, or not a string.
  return undefined;
}
