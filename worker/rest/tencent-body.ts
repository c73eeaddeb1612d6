/**
 * The CompareFaceLiveness JSON body for Tencent, written straight into one byte buffer from the uploaded
 * bytes: base64 encoded in place, no intermediate strings, no JSON.stringify of a 10 MB object.
 */
import { base64Length } from "../../shared/faceid/limits";
import type { LivenessType } from "../../shared/faceid/types";

const ALPHABET = new TextEncoder().encode("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/");
const PAD = 61;

export interface CompareUpload {
  image: Uint8Array;
  video: Uint8Array;
  livenessType: LivenessType;
  validateData?: string;
}

/** Size of the body `encodeCompareBody` writes, to check against Tencent's 10 MB before allocating it. */
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

export function encodeCompareBody(upload: CompareUpload): Uint8Array<ArrayBuffer> {
  const [head, middle, tail] = frame(upload);
  const out = new Uint8Array(compareBodyLength(upload));
  let offset = 0;
  out.set(head, offset);
  offset += head.length;
  offset = writeBase64(upload.image, out, offset);
  out.set(middle, offset);
  offset += middle.length;
  offset = writeBase64(upload.video, out, offset);
  out.set(tail, offset);
  return out;
}

function frame(upload: CompareUpload): [Uint8Array, Uint8Array, Uint8Array] {
  const encoder = new TextEncoder();
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
