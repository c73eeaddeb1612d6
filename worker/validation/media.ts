/**
 * Media checks both dialects share: what Tencent would reject (../shared/tencent-faceid.md §4) is refused at
 * the edge, judged by the bytes (base64 form, size, magic bytes), never by a name or a declared type.
 * `field` is the caller's own name for the input (ImageBase64 in the Tencent dialect, image in REST).
 */
import { checkBase64, decodeBase64Prefix } from "../../shared/base64";
import { base64Length, MAX_IMAGE_BASE64_BYTES, MAX_VIDEO_BASE64_BYTES } from "../../shared/faceid/limits";
import {
  ACCEPTED_IMAGE_TYPES,
  ACCEPTED_VIDEO_CONTAINERS,
  SNIFF_BYTES,
  sniffImageType,
  sniffVideoContainer,
} from "../../shared/media/sniff";
import { fail } from "../errors/failure";

export function checkImageBase64(field: string, base64: string): void {
  checkBase64Text(field, base64, MAX_IMAGE_BASE64_BYTES);
  checkImageHead(field, decodeBase64Prefix(base64, SNIFF_BYTES));
}

export function checkVideoBase64(field: string, base64: string): void {
  checkBase64Text(field, base64, MAX_VIDEO_BASE64_BYTES);
  checkVideoHead(field, decodeBase64Prefix(base64, SNIFF_BYTES));
}

/** Raw image bytes (REST uploads): the same limit as Tencent's, counted as the base64 they become. */
export function checkImageBytes(field: string, bytes: Uint8Array): void {
  checkEncodedSize(field, bytes.byteLength, MAX_IMAGE_BASE64_BYTES);
  checkImageHead(field, bytes);
}

export function checkVideoBytes(field: string, bytes: Uint8Array): void {
  checkEncodedSize(field, bytes.byteLength, MAX_VIDEO_BASE64_BYTES);
  checkVideoHead(field, bytes);
}

/** The largest raw upload whose base64 fits Tencent's limit. */
export function maxRawBytes(base64Limit: number): number {
  return Math.floor(base64Limit / 4) * 3;
}

function checkEncodedSize(field: string, byteLength: number, base64Limit: number): void {
  if (byteLength === 0) fail({ kind: "missing-parameter", parameter: field });
  if (base64Length(byteLength) > base64Limit) {
    fail({ kind: "media-too-large", parameter: field, limitBytes: base64Limit });
  }
}

function checkBase64Text(field: string, base64: string, limitBytes: number): void {
  if (base64.length > limitBytes) fail({ kind: "media-too-large", parameter: field, limitBytes });
  const problem = checkBase64(base64);
  if (problem) {
    fail({
      kind: "invalid-parameter",
      parameter: field,
      detail: `is not base64 (RFC 4648 with = padding, no data: prefix or line breaks): ${problem}.`,
    });
  }
}

function checkImageHead(field: string, head: Uint8Array): void {
  const type = sniffImageType(head.subarray(0, SNIFF_BYTES));
  if (!ACCEPTED_IMAGE_TYPES.includes(type)) {
    fail({
      kind: "invalid-media",
      parameter: field,
      detail: `must be a JPG or PNG image (found ${describe(type)}).`,
    });
  }
}

function checkVideoHead(field: string, head: Uint8Array): void {
  const container = sniffVideoContainer(head.subarray(0, SNIFF_BYTES));
  if (!ACCEPTED_VIDEO_CONTAINERS.includes(container)) {
    fail({
      kind: "invalid-media",
      parameter: field,
      detail: `must be an MP4, AVI or FLV video (found ${describe(container)}).`,
    });
  }
}

function describe(type: string): string {
  return type === "unknown" ? "an unrecognised format" : type.toUpperCase();
}
