/** Documented size limits (../shared/tencent-faceid.md §1, §4). Sizes of base64 text, in bytes. */

const MB = 1024 * 1024;

/** Whole request body with TC3 signing. */
export const MAX_BODY_BYTES = 10 * MB;
/** `ImageBase64` of CompareFaceLiveness: JPG or PNG. */
export const MAX_IMAGE_BASE64_BYTES = 3 * MB;
/** `VideoBase64` of CompareFaceLiveness: MP4, AVI or FLV. */
export const MAX_VIDEO_BASE64_BYTES = 8 * MB;
/** A silent liveness video must be longer than this (FailedOperation.SilentTooShort otherwise). */
export const MIN_VIDEO_SECONDS = 2;
/** Timestamp window of a signed request. */
export const SIGNATURE_WINDOW_SECONDS = 300;
/** An SdkToken runs a liveness flow for 10 minutes; its result is readable for 2 hours. */
export const SDK_TOKEN_FLOW_SECONDS = 10 * 60;
export const SDK_TOKEN_RESULT_SECONDS = 2 * 60 * 60;
/** Similarity thresholds: 70 ≈ 0.1 % false accepts, 80 ≈ 0.01 %. */
export const SIMILARITY_THRESHOLD_STANDARD = 70;
export const SIMILARITY_THRESHOLD_STRICT = 80;

/** Base64 length of `bytes` bytes with `=` padding. */
export function base64Length(bytes: number): number {
  return Math.ceil(bytes / 3) * 4;
}
