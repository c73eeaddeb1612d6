/**
 * The parameter rules of CompareFaceLiveness's media (tencent-faceid.md §4): strict RFC 4648 base64, JPEG or
 * PNG reference photo by magic bytes, MP4/AVI/FLV video by magic bytes of at most 8 MB of base64.
 * Refusals are `InvalidParameterValue` and never echo the base64 they refuse. An image over 3 MB is not
 * refused here: Tencent answers that as a business Result (FailedOperation.ImageSizeTooLarge).
 */
import { type Base64Problem, checkBase64, decodeBase64, decodeBase64Prefix } from "../shared/base64";
import { MAX_IMAGE_BASE64_BYTES, MAX_VIDEO_BASE64_BYTES } from "../shared/faceid/limits";
import { SNIFF_BYTES, sniffImageType, sniffVideoContainer, type VideoContainer } from "../shared/media/sniff";
import { TencentApiError } from "./tencent-response";

export interface ReferenceImage {
  bytes: Uint8Array;
  type: "jpeg" | "png";
  /** Over MAX_IMAGE_BASE64_BYTES of base64. */
  tooLarge: boolean;
}

export interface LivenessVideo {
  bytes: Uint8Array;
  container: Extract<VideoContainer, "mp4" | "avi" | "flv">;
}

export function readReferenceImage(base64: string): ReferenceImage {
  checkForm("ImageBase64", base64);
  const type = sniffImageType(decodeBase64Prefix(base64, SNIFF_BYTES));
  if (type !== "jpeg" && type !== "png") {
    throw invalid(`ImageBase64 must be a JPG or PNG image; the data is ${describeType(type)}.`);
  }
  return { bytes: decodeBase64(base64), type, tooLarge: base64.length > MAX_IMAGE_BASE64_BYTES };
}

export function readLivenessVideo(base64: string): LivenessVideo {
  checkForm("VideoBase64", base64);
  if (base64.length > MAX_VIDEO_BASE64_BYTES) {
    throw invalid(`VideoBase64 is ${megabytes(base64.length)} MB of base64; the limit is 8 MB.`);
  }
  const container = sniffVideoContainer(decodeBase64Prefix(base64, SNIFF_BYTES));
  if (container !== "mp4" && container !== "avi" && container !== "flv") {
    throw invalid(`VideoBase64 must be an MP4, AVI or FLV video; the data is ${describeType(container)}.`);
  }
  return { bytes: decodeBase64(base64), container };
}

function checkForm(name: string, base64: string): void {
  const problem = checkBase64(base64);
  if (problem !== undefined)
    throw invalid(`${name} is not standard base64 (RFC 4648 with = padding): ${PROBLEMS[problem]}.`);
}

const PROBLEMS: Readonly<Record<Base64Problem, string>> = {
  empty: "it is empty",
  "bad-length": "its length is not a multiple of 4",
  "bad-character":
    "it contains a character outside the alphabet (a data: prefix, a line break or URL-safe base64?)",
  "bad-padding": "its = padding is misplaced",
};

function describeType(type: string): string {
  return type === "unknown" ? "of an unknown type" : `${type.toUpperCase()}, which FaceID does not accept`;
}

function megabytes(bytes: number): string {
  return (bytes / (1024 * 1024)).toFixed(1);
}

function invalid(message: string): TencentApiError {
  return new TencentApiError("InvalidParameterValue", message);
}
