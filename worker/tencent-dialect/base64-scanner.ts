/// <reference path="../wasm-modules.d.ts" />
/**
 * The base64 alphabet check of base64-span.ts, in WebAssembly (base64-scan.wat, compiled to base64-scan.wasm
 * by `npm run build:wasm`): a window of the body is copied into the scanner's memory and searched 16 bytes
 * per instruction for the first byte outside RFC 4648 §4's alphabet. Over a 10 MB body it costs about a
 * quarter less than decoding the bytes to text and running the runtime's base64 decoder over it, which the
 * check did before (bench/PERFORMANCE.md), and it never makes a string of the body.
 */
import scannerModule from "./base64-scan.wasm";

/** The most bytes one call takes: the scanner's memory holds them and the 16 its last load may read past. */
export const SCAN_WINDOW_BYTES = 64 * 1024;

const scanner = new WebAssembly.Instance(scannerModule);
const memory = new Uint8Array((scanner.exports.memory as WebAssembly.Memory).buffer);
const scan = scanner.exports.scan as (length: number) => number;

/** The index of the first byte of `window` that is not in the base64 alphabet, or its length if none. */
export function firstOutsideAlphabet(window: Uint8Array): number {
  if (window.length > SCAN_WINDOW_BYTES) throw new RangeError("window larger than the scanner's memory");
  memory.set(window);
  return scan(window.length);
}
