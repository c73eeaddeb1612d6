/**
 * The parsed readers of CompareFaceLiveness's rules (rules.ts): a Tencent parameter object after JSON.parse,
 * and a REST upload after its wire parsing (multipart parts, or the JSON object its schema checked). They
 * apply every rule and fail with the first broken one, by the dialect's own names.
 */
import { fail } from "../errors/failure";
import { allowOnly, oneOf, type Parameters, requiredString } from "../validation/parameters";
import type { CompareJsonNames } from "./in-place";
import {
  type CheckedLiveness,
  COMPARE_MEDIA,
  type CompareScope,
  checkMediaBase64,
  checkMediaBytes,
  checkValidateData,
  LIVENESS_TYPES,
  livenessWithin,
} from "./rules";

/** Tencent's own names (API 2018-03-01). */
export const TENCENT_COMPARE_NAMES = {
  image: "ImageBase64",
  video: "VideoBase64",
  livenessType: "LivenessType",
  validateData: "ValidateData",
} as const satisfies CompareJsonNames;

/** The Tencent dialect's parameters: valid, or a failure naming the first parameter that is not. */
export function checkTencentParameters(parameters: Parameters): void {
  const names = TENCENT_COMPARE_NAMES;
  allowOnly(parameters, Object.values(names));
  const image = requiredString(parameters, names.image);
  const video = requiredString(parameters, names.video);
  const livenessType = oneOf(parameters, names.livenessType, LIVENESS_TYPES);
  checkMediaBase64(COMPARE_MEDIA.image, names.image, image);
  checkMediaBase64(COMPARE_MEDIA.video, names.video, video);
  const validateData = parameters[names.validateData];
  if (validateData !== undefined && typeof validateData !== "string") {
    fail({ kind: "invalid-parameter", parameter: names.validateData, detail: "must be a string." });
  }
  checkValidateData(names.validateData, livenessType, validateData);
}

/** A REST upload, its media as they came: bytes (multipart) or base64 text (JSON). */
export type CompareUpload = { livenessType?: string; actions?: readonly string[] } & (
  | { encoding: "binary"; video: Uint8Array; image: Uint8Array }
  | { encoding: "base64"; video: string; image: string }
);

/** The REST upload: valid within the session's scope, or a failure naming the first field that is not. */
export function checkUpload(
  upload: CompareUpload,
  names: { video: string; image: string },
  scope: CompareScope,
): CheckedLiveness {
  const checked = livenessWithin(scope, upload.livenessType, upload.actions);
  if (upload.encoding === "binary") {
    checkMediaBytes(COMPARE_MEDIA.video, names.video, upload.video);
    checkMediaBytes(COMPARE_MEDIA.image, names.image, upload.image);
  } else {
    checkMediaBase64(COMPARE_MEDIA.video, names.video, upload.video);
    checkMediaBase64(COMPARE_MEDIA.image, names.image, upload.image);
  }
  return checked;
}
