/**
 * The base64 alphabet check of base64-span.ts, on the runtime's own decoder: a window of the body becomes a
 * string of one character per byte (latin1) and TC39 `Uint8Array.prototype.setFromBase64` decodes it into one
 * small scratch buffer, which it refuses at any character outside RFC 4648 §4's alphabet. Neither a string of
 * the whole body nor a decoded copy of it is ever made.
 *
 * A hand-written WebAssembly scanner (16 bytes per instruction) was measured against this one in
 * `npm run bench` and removed: it led by 0.1–0.2 ms per 10 MB body, less than the figures moved between
 * runs (bench/PERFORMANCE.md).
 */

/** The most bytes one call takes. */
export const SCAN_WINDOW_BYTES = 64 * 1024;

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const PADDING = 0x3d;
const IN_ALPHABET = new Uint8Array(256);
for (let i = 0; i < ALPHABET.length; i++) IN_ALPHABET[ALPHABET.charCodeAt(i)] = 1;

type SetFromBase64 = (this: Uint8Array, text: string) => { read: number; written: number };
const setFromBase64 = (Uint8Array.prototype as unknown as { setFromBase64: SetFromBase64 }).setFromBase64;
/** Where the decoder writes: what a whole window decodes to. */
const scratch = new Uint8Array((SCAN_WINDOW_BYTES / 4) * 3);

/**
 * The runtime's Node `Buffer` (wrangler.toml's nodejs_compat): its latin1 decoding makes the cheapest string of
 * one character per byte of those measured in workerd (TextDecoder's UTF-8 costs about a fifth more, its
 * latin1, which is windows-1252, six times as much, String.fromCharCode over the window 25 times).
 */
const NodeBuffer = (
  globalThis as unknown as {
    Buffer?: {
      from(buffer: ArrayBufferLike, offset: number, length: number): { toString(as: "latin1"): string };
    };
  }
).Buffer;

/** The index of the first byte of `window` that is not in the base64 alphabet, or its length if none. */
export function firstOutsideAlphabet(window: Uint8Array): number {
  if (window.length > SCAN_WINDOW_BYTES) throw new RangeError("window larger than the scan window");
  const text = textOf(window);
  const whole = window.length - (window.length % 4);
  if (decodes(text, whole)) return firstOutsideFrom(window, whole, window.length);
  // A byte outside the alphabet: where a string ends, its padding or its closing quote. All in the alphabet
  // before the first quote and the `=` just before it?
  const quote = text.indexOf('"');
  let end = quote < 0 ? window.length : quote;
  while (end > 0 && window[end - 1] === PADDING) end--;
  const aligned = end - (end % 4);
  if (decodes(text, aligned) && firstOutsideFrom(window, aligned, end) === end) return end;
  // Something else: byte by byte (a body the parsed reader will refuse).
  return firstOutsideFrom(window, 0, window.length);
}

function textOf(bytes: Uint8Array): string {
  if (NodeBuffer === undefined) throw new Error("the base64 check needs nodejs_compat's Buffer");
  return NodeBuffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString("latin1");
}

/** Whether the first `length` characters of `text` (a multiple of 4) are all in the alphabet. */
function decodes(text: string, length: number): boolean {
  try {
    const { read, written } = setFromBase64.call(
      scratch,
      length === text.length ? text : text.slice(0, length),
    );
    // The decoder also skips ASCII whitespace and takes padding at the end: either leaves fewer bytes.
    return read === length && written === (length / 4) * 3;
  } catch {
    // SyntaxError: a character outside the alphabet, or padding before the end.
    return false;
  }
}

function firstOutsideFrom(window: Uint8Array, from: number, to: number): number {
  for (let at = from; at < to; at++) if (IN_ALPHABET[window[at] as number] === 0) return at;
  return to;
}
