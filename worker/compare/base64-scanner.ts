/// <reference path="../wasm-modules.d.ts" />
/**
 * The base64 alphabet check of base64-span.ts, two ways behind one interface:
 * - in WebAssembly (base64-scan.wat, compiled to base64-scan.wasm by `npm run build:wasm`), the one the gateway
 *   uses: a window of the body is copied into the scanner's memory and searched 16 bytes per instruction for
 *   the first byte outside RFC 4648 §4's alphabet;
 * - natively, the one it is measured against: the window becomes a string of one character per byte (latin1)
 *   and the runtime's base64 decoder (TC39 `Uint8Array.prototype.setFromBase64`) decodes it into one small
 *   scratch buffer, which it refuses at any character outside the alphabet.
 * `npm run bench` runs the in-place check of its 10 MB body with each in the same rounds: the native check
 * cost 1.25–1.38× the WebAssembly scanner's over five runs (bench/PERFORMANCE.md), and the scanner stays
 * while it wins by more than the spread between runs. Neither makes a string of the whole body or a decoded
 * copy of it.
 */
import scannerModule from "./base64-scan.wasm";

export interface AlphabetScanner {
  /** The most bytes one call takes. */
  readonly windowBytes: number;
  /** The index of the first byte of `window` that is not in the base64 alphabet, or its length if none. */
  firstOutsideAlphabet(window: Uint8Array): number;
}

/** The most bytes one call takes, for both: the WebAssembly scanner's memory holds them and 16 more. */
export const SCAN_WINDOW_BYTES = 64 * 1024;

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const PADDING = 0x3d;

function checkWindow(window: Uint8Array): void {
  if (window.length > SCAN_WINDOW_BYTES) throw new RangeError("window larger than the scanner's memory");
}

const scanner = new WebAssembly.Instance(scannerModule);
const memory = new Uint8Array((scanner.exports.memory as WebAssembly.Memory).buffer);
const scan = scanner.exports.scan as (length: number) => number;

export const webAssemblyScanner: AlphabetScanner = {
  windowBytes: SCAN_WINDOW_BYTES,
  firstOutsideAlphabet(window) {
    checkWindow(window);
    memory.set(window);
    return scan(window.length);
  },
};

type SetFromBase64 = (this: Uint8Array, text: string) => { read: number; written: number };
const setFromBase64 = (Uint8Array.prototype as unknown as { setFromBase64: SetFromBase64 }).setFromBase64;
/**
 * Where the decoder writes: what a whole window decodes to. Made on first use: the gateway itself uses the
 * WebAssembly scanner, and an isolate should not hold 48 KB for the benchmark's comparison.
 */
let scratch: Uint8Array | undefined;
const IN_ALPHABET = new Uint8Array(256);
for (let i = 0; i < ALPHABET.length; i++) IN_ALPHABET[ALPHABET.charCodeAt(i)] = 1;

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
function textOf(bytes: Uint8Array): string {
  if (NodeBuffer === undefined) throw new Error("the native base64 check needs nodejs_compat's Buffer");
  return NodeBuffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString("latin1");
}

/** Whether the first `length` characters of `text` (a multiple of 4) are all in the alphabet. */
function decodes(text: string, length: number): boolean {
  try {
    scratch ??= new Uint8Array((SCAN_WINDOW_BYTES / 4) * 3);
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

export const nativeScanner: AlphabetScanner = {
  windowBytes: SCAN_WINDOW_BYTES,
  firstOutsideAlphabet(window) {
    checkWindow(window);
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
    // Something else: byte by byte (a body the reference path will refuse).
    return firstOutsideFrom(window, 0, window.length);
  },
};
