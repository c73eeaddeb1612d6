/**
 * The CompareFaceLiveness JSON body for Tencent, from the uploaded bytes, no JSON.stringify of a 10 MB object:
 * made chunk by chunk each time it is read (`compareBodyChunks`, what the multipart upload sends, so the
 * isolate holds the upload and one chunk rather than the upload and its base64 too), byte for byte what
 * JSON.stringify would write; or, for media already in base64, copied (`copyCompareBody`). The runtime's
 * native encoder (TC39
 * `Uint8Array.prototype.toBase64`) encodes windows whose text is copied out, several times faster than
 * encoding byte by byte in JavaScript, which remains for runtimes without it.
 */

import { concatBytes } from "../../shared/bytes";
import { base64Length } from "../../shared/faceid/limits";
import type { LivenessType } from "../../shared/faceid/types";

type ToBase64 = (this: Uint8Array) => string;

const ALPHABET = new TextEncoder().encode("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/");
const PAD = 61;
/**
 * A multiple of 3, so only the last window is padded. Also the chunk a chunked body is made in: 64 KB of
 * text, small enough that the garbage each pass leaves is swept young (bench, 8 multipart uploads in flight:
 * 1.2× to 1.3× the body per upload with these chunks, 1.4× to 1.9× with 256 KB ones).
 */
const WINDOW_BYTES = 48 * 1024;
const toBase64 = (Uint8Array.prototype as unknown as { toBase64?: ToBase64 }).toBase64;
const encoder = new TextEncoder();

export interface CompareUpload {
  image: Uint8Array;
  video: Uint8Array;
  livenessType: LivenessType;
  validateData?: string;
}

/** Size of the body `compareBodyChunks` makes, to check against Tencent's 10 MB before it is sent. */
export function compareBodyLength(upload: CompareUpload): number {
  const [head, middle, tail] = frame(upload);
  return (
    head.length +
    base64Length(upload.image.length) +
    middle.length +
    base64Length(upload.video.length) +
    tail.length
  );
}

/** The body's bytes, made afresh on every iteration, one chunk at a time. */
export function* compareBodyChunks(upload: CompareUpload): Generator<Uint8Array> {
  const [head, middle, tail] = frame(upload);
  yield head;
  yield* base64Chunks(upload.image);
  yield middle;
  yield* base64Chunks(upload.video);
  yield tail;
}

/**
 * The same body from media that is already base64 (the REST dialect's JSON upload): its bytes are copied as
 * they are, byte for byte what JSON.stringify would write, since base64 needs no escape.
 */
export function copyCompareBody(upload: {
  imageBase64: Uint8Array;
  videoBase64: Uint8Array;
  livenessType: LivenessType;
  validateData?: string;
}): Uint8Array<ArrayBuffer> {
  const [head, middle, tail] = frame(upload);
  return concatBytes([head, upload.imageBase64, middle, upload.videoBase64, tail]);
}

function frame(
  upload: Pick<CompareUpload, "livenessType" | "validateData">,
): [Uint8Array, Uint8Array, Uint8Array] {
  const rest = JSON.stringify({
    LivenessType: upload.livenessType,
    ...(upload.validateData ? { ValidateData: upload.validateData } : {}),
  }).slice(1);
  return [
    encoder.encode('{"ImageBase64":"'),
    encoder.encode('","VideoBase64":"'),
    encoder.encode(`",${rest}`),
  ];
}

function writeBase64(bytes: Uint8Array, out: Uint8Array, start: number): number {
  if (toBase64 === undefined) return writeBase64ByteByByte(bytes, out, start);
  let o = start;
  for (let i = 0; i < bytes.length; i += WINDOW_BYTES) {
    o += encoder.encodeInto(toBase64.call(bytes.subarray(i, i + WINDOW_BYTES)), out.subarray(o)).written;
  }
  return o;
}

function* base64Chunks(bytes: Uint8Array): Generator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += WINDOW_BYTES) {
    const window = bytes.subarray(i, i + WINDOW_BYTES);
    const out = new Uint8Array(base64Length(window.length));
    writeBase64(window, out, 0);
    yield out;
  }
}

function writeBase64ByteByByte(bytes: Uint8Array, out: Uint8Array, start: number): number {
  let o = start;
  const full = bytes.length - (bytes.length % 3);
  for (let i = 0; i < full; i += 3) {
    const n = ((bytes[i] as number) << 16) | ((bytes[i + 1] as number) << 8) | (bytes[i + 2] as number);
    out[o++] = ALPHABET[n >> 18] as number;
    out[o++] = ALPHABET[(n >> 12) & 63] as number;
    out[o++] = ALPHABET[(n >> 6) & 63] as number;
    out[o++] = ALPHABET[n & 63] as number;
  }
  const rest = bytes.length - full;
  if (rest > 0) {
    const n = ((bytes[full] as number) << 16) | (rest === 2 ? (bytes[full + 1] as number) << 8 : 0);
    out[o++] = ALPHABET[n >> 18] as number;
    out[o++] = ALPHABET[(n >> 12) & 63] as number;
    out[o++] = rest === 2 ? (ALPHABET[(n >> 6) & 63] as number) : PAD;
    out[o++] = PAD;
  }
  return o;
}
