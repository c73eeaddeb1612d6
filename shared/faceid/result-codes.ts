/**
 * Every result and error code of the FaceID actions the project uses (../shared/tencent-faceid.md §3–4), with
 * a short text for a support agent or the person verifying: what happened and what to do next.
 * The REST dialect and the extension show these texts; the sandbox uses the lists to accept requested outcomes.
 *
 * Three families, looked up separately because their codes overlap in form but not in meaning:
 * - CompareFaceLiveness `Result` strings ("Success", "FailedOperation.*"), returned without an Error object;
 * - GetLivenessResult `Result` numeric strings ("0", "1002", "-999", ...);
 * - API error codes (`Response.Error.Code`), common to all actions or specific to these.
 */

/** What kind of outcome a code is, so a caller can pick an icon, a colour or a next step without the text. */
export type ResultCategory =
  | "passed"
  | "pending"
  | "capture" // recording conditions or the person's performance: a new recording can pass
  | "reference-image" // the reference photo must change
  | "mismatch" // the faces do not match
  | "spoof" // not a live person, or suspected so
  | "token" // the liveness token cannot be used (any more)
  | "request" // an integration error: the call itself is wrong
  | "account" // the Tencent account's state or quota
  | "rate-limit"
  | "service" // Tencent failed: try again later
  | "unknown";

export interface ResultCodeInfo {
  code: string;
  /** One or two sentences: what happened and what to do. */
  description: string;
  /** Only "Success" (CompareFaceLiveness) and "0" (GetLivenessResult) are passes. */
  passed: boolean;
  /** Whether repeating the step (a new recording, or the same call a little later) may succeed. */
  retryable: boolean;
  category: ResultCategory;
}

export function describeCompareResult(code: string): ResultCodeInfo {
  return lookUp(COMPARE_RESULTS, code) ?? lookUpApiError(code) ?? fallback(code, "Verification did not pass");
}

export function describeLivenessResult(code: string): ResultCodeInfo {
  return (
    lookUp(LIVENESS_RESULTS, code) ??
    lookUpApiError(code) ??
    fallback(code, "The liveness check did not pass")
  );
}

export function describeApiError(code: string): ResultCodeInfo {
  return lookUpApiError(code) ?? fallback(code, "The FaceID request failed");
}

export function isCompareResultCode(code: string): boolean {
  return Object.hasOwn(COMPARE_RESULTS, code);
}

export function isLivenessResultCode(code: string): boolean {
  return Object.hasOwn(LIVENESS_RESULTS, code);
}

export function isApiErrorCode(code: string): boolean {
  return Object.hasOwn(API_ERRORS, code);
}

// ---------------------------------------------------------------------------------------------------------

type Entry = readonly [category: ResultCategory, description: string];

const RETRYABLE: Readonly<Record<ResultCategory, boolean>> = {
  passed: false,
  pending: true,
  capture: true,
  "reference-image": false,
  mismatch: false,
  spoof: false,
  token: false,
  request: false,
  account: false,
  "rate-limit": true,
  service: true,
  unknown: true,
};

const SERVICE_ERROR =
  "Tencent FaceID had an internal error. Try again in a moment; contact support if it persists.";
const START_AGAIN = "Start a new liveness check.";

/** CompareFaceLiveness `Result` (tencent-faceid.md §4). */
const COMPARE_RESULTS: Readonly<Record<string, Entry>> = {
  Success: ["passed", "The person in the video is live and matches the reference photo."],
  "FailedOperation.CompareLowSimilarity": [
    "mismatch",
    "The face in the video does not match the reference photo closely enough. Check that the right person is verifying and that the photo is recent and clear.",
  ],
  "FailedOperation.ActionFirstAction": [
    "capture",
    "The first requested action was not detected. Do the actions in the order shown, then record again.",
  ],
  "FailedOperation.SilentTooShort": [
    "capture",
    "The video is too short. Record more than 2 seconds (3–5 s is best).",
  ],
  "FailedOperation.SilentFaceDetectFail": [
    "capture",
    "No face was found in the video. Keep the whole face in the frame, facing the camera, and record again.",
  ],
  "FailedOperation.SilentMultiFaceFail": [
    "capture",
    "More than one face was in the video. Make sure only the person verifying is in view and record again.",
  ],
  "FailedOperation.LifePhotoDetectNoFaces": [
    "reference-image",
    "No face was found in the reference photo. Provide a clear, front-facing photo of the person.",
  ],
  "FailedOperation.LifePhotoDetectFaces": [
    "reference-image",
    "The reference photo shows more than one face. Provide a photo of the person verifying only.",
  ],
  "FailedOperation.LifePhotoPoorQuality": [
    "reference-image",
    "The reference photo is of poor quality. Provide a sharp, well-lit, front-facing photo.",
  ],
  "FailedOperation.LivessDetectFake": [
    "spoof",
    "The video looks like a photo, a screen or a mask rather than a live person. Do not accept it; review the case.",
  ],
  "FailedOperation.ActionLightDark": [
    "capture",
    "The face was too dark. Move to a brighter place and retry.",
  ],
  "FailedOperation.ActionLightStrong": [
    "capture",
    "The face was over-exposed. Avoid strong direct light or backlight and retry.",
  ],
  "FailedOperation.ActionNodetectFace": [
    "capture",
    "No face was detected during the actions. Keep the face centred in the frame and retry.",
  ],
  "FailedOperation.ActionOpenMouth": [
    "capture",
    "Opening the mouth was not detected. Open it clearly when asked and retry.",
  ],
  "FailedOperation.ActionCloseEye": [
    "capture",
    "Blinking was not detected. Blink clearly when asked and retry.",
  ],
  "FailedOperation.ActionFaceClose": [
    "capture",
    "The face was too close to the camera. Move back a little and retry.",
  ],
  "FailedOperation.ActionFaceFar": [
    "capture",
    "The face was too far from the camera. Move closer and retry.",
  ],
  "FailedOperation.ActionFaceLeft": [
    "capture",
    "The face was too far to the left. Centre it in the frame and retry.",
  ],
  "FailedOperation.ActionFaceRight": [
    "capture",
    "The face was too far to the right. Centre it in the frame and retry.",
  ],
  "FailedOperation.ImageBlur": ["reference-image", "The reference photo is blurred. Provide a sharp photo."],
  "FailedOperation.ImageDecodeFailed": [
    "reference-image",
    "The reference photo could not be decoded. Provide a valid JPG or PNG file.",
  ],
  "FailedOperation.ImageSizeTooLarge": [
    "reference-image",
    "The reference photo is too large. Provide a JPG or PNG under 3 MB once base64-encoded.",
  ],
};

/** GetLivenessResult `Result` (tencent-faceid.md §4; "0" as success is inferred there). */
const LIVENESS_RESULTS: Readonly<Record<string, Entry>> = {
  "0": ["passed", "The liveness check passed."],
  "1": [
    "request",
    "The liveness flow received an invalid parameter. This is an integration error: contact support.",
  ],
  "2": [
    "request",
    "The liveness flow received an incorrect parameter value. This is an integration error: contact support.",
  ],
  "3": [
    "request",
    "The liveness flow received a bad request. This is an integration error: contact support.",
  ],
  "4": ["service", SERVICE_ERROR],
  "8": ["service", SERVICE_ERROR],
  "9": ["service", SERVICE_ERROR],
  "10": ["service", SERVICE_ERROR],
  "11": ["service", SERVICE_ERROR],
  "14": ["token", `This check has already been completed. ${START_AGAIN}`],
  "15": ["token", `The check was not finished within 10 minutes and its token expired. ${START_AGAIN}`],
  "16": ["token", `The person reached the retry limit of this check. ${START_AGAIN}`],
  "202": ["service", `The recorded video could not be retrieved. ${START_AGAIN}`],
  "1001": ["service", `The liveness engine could not be reached. ${START_AGAIN}`],
  "1002": [
    "spoof",
    "The recording looks spoofed (a replayed video, photo or screen). Do not accept it; review the case.",
  ],
  "1003": [
    "spoof",
    "The real-person check failed. Do not accept it; have the person verify live, or review the case.",
  ],
  "1004": ["capture", `No face was detected. Keep the face in the frame in good light. ${START_AGAIN}`],
  "1005": ["capture", `The liveness check failed. Follow the on-screen prompts closely. ${START_AGAIN}`],
  "1201": ["capture", `The lighting was too dim. Move to a brighter place. ${START_AGAIN}`],
  "1202": ["capture", `The lighting was too bright. Avoid strong direct light or backlight. ${START_AGAIN}`],
  "2004": [
    "reference-image",
    "The image size is not acceptable. Provide a photo of normal size (JPG or PNG under 3 MB).",
  ],
  "2012": [
    "capture",
    `Several faces were in view. Only the person verifying may be in the frame. ${START_AGAIN}`,
  ],
  "2013": ["capture", `No face, or only part of a face, was in view. Show the whole face. ${START_AGAIN}`],
  "2014": [
    "capture",
    `The image quality was too low. Use better light and hold the camera still. ${START_AGAIN}`,
  ],
  "2015": [
    "mismatch",
    "The face comparison failed. Check that the right person is verifying and the reference photo is clear.",
  ],
  "2016": [
    "mismatch",
    "The face does not match the reference photo closely enough. Check that the right person is verifying.",
  ],
  "2017": ["capture", `The face was covered. Remove masks, sunglasses or hair from the face. ${START_AGAIN}`],
  "-999": ["pending", "The person has not finished the liveness check yet. Check again in a moment."],
};

/** API error codes: common ones (tencent-faceid.md §3) and those of the three actions (§4). */
const API_ERRORS: Readonly<Record<string, Entry>> = {
  AuthFailure: [
    "request",
    "The request's credentials were refused. Check the SecretId, SecretKey and signature.",
  ],
  "AuthFailure.SignatureFailure": [
    "request",
    "The request signature is wrong. Check the SecretKey and how the request is signed.",
  ],
  "AuthFailure.SignatureExpire": [
    "request",
    "The request's timestamp is more than 5 minutes from the server's time. Synchronise the clock and retry.",
  ],
  "AuthFailure.SecretIdNotFound": ["request", "The SecretId is unknown or disabled. Check the credentials."],
  "AuthFailure.InvalidAuthorization": ["request", "The Authorization header is missing or malformed."],
  "AuthFailure.TokenFailure": ["request", "The temporary credential's token is invalid or expired."],
  "AuthFailure.UnauthorizedOperation": ["account", "These credentials are not allowed to call this action."],
  InvalidAction: ["request", "The action does not exist. Check X-TC-Action."],
  InvalidParameter: ["request", "A parameter is invalid (wrong type or malformed body). Fix the request."],
  InvalidParameterValue: ["request", "A parameter value is not acceptable. Fix the request."],
  "InvalidParameterValue.BizTokenExpired": [
    "token",
    `The liveness token's results are no longer available. ${START_AGAIN}`,
  ],
  "InvalidParameterValue.BizTokenIllegal": [
    "token",
    "The liveness token is not valid. Check it, or start a new liveness check.",
  ],
  MissingParameter: ["request", "A required parameter is missing. Fix the request."],
  UnknownParameter: ["request", "The request has a parameter the action does not define. Remove it."],
  NoSuchVersion: ["request", "The API version does not exist. FaceID uses 2018-03-01."],
  UnsupportedRegion: ["request", "The action is not offered in this region. Use a supported X-TC-Region."],
  UnsupportedProtocol: ["request", "The HTTP method or protocol is not supported. FaceID calls are POST /."],
  RequestLimitExceeded: ["rate-limit", "Too many requests per second. Wait a moment and retry."],
  "RequestLimitExceeded.UinLimitExceeded": [
    "rate-limit",
    "The account's request rate was exceeded. Wait a moment and retry.",
  ],
  "RequestLimitExceeded.GlobalRegionUinLimitExceeded": [
    "rate-limit",
    "The account's request rate across regions was exceeded. Wait a moment and retry.",
  ],
  "RequestLimitExceeded.IPLimitExceeded": [
    "rate-limit",
    "This IP address sent too many requests. Wait a moment and retry.",
  ],
  RequestSizeLimitExceeded: ["request", "The request body is over 10 MB. Send a shorter or smaller video."],
  LimitExceeded: ["account", "A quota of the account was exceeded."],
  InternalError: ["service", SERVICE_ERROR],
  ServiceUnavailable: ["service", "Tencent FaceID is temporarily unavailable. Try again later."],
  UnauthorizedOperation: [
    "account",
    "The account is not authorised to use FaceID. Contact the account administrator.",
  ],
  "UnauthorizedOperation.Activating": [
    "account",
    "FaceID is still being activated for this account. Try again later.",
  ],
  "UnauthorizedOperation.ActivateError": [
    "account",
    "FaceID could not be activated for this account. Contact the administrator.",
  ],
  "UnauthorizedOperation.Arrears": [
    "account",
    "The Tencent Cloud account has overdue payments. Contact the administrator.",
  ],
  "UnauthorizedOperation.NonAuthorize": [
    "account",
    "The Tencent Cloud account has not completed identity verification. Contact the administrator.",
  ],
  "UnauthorizedOperation.Nonactivated": [
    "account",
    "FaceID is not activated for this account. Contact the administrator.",
  ],
  OperationDenied: ["account", "The operation was denied for this account."],
  ResourceNotFound: ["request", "The requested resource does not exist."],
  FailedOperation: ["service", "The operation failed. Try again; contact support if it persists."],
  "FailedOperation.CompressVideoError": [
    "capture",
    "The video could not be processed. Record again as MP4 (H.264), AVI or FLV of more than 2 seconds.",
  ],
  "FailedOperation.UnKnown": [
    "service",
    "The verification failed for an unknown reason. Try again; contact support if it persists.",
  ],
};

/** The codes of each family, in catalogue order (after the tables: a const is not hoisted). */
export const COMPARE_RESULT_CODES: readonly string[] = Object.freeze(Object.keys(COMPARE_RESULTS));
export const LIVENESS_RESULT_CODES: readonly string[] = Object.freeze(Object.keys(LIVENESS_RESULTS));
export const API_ERROR_CODES: readonly string[] = Object.freeze(Object.keys(API_ERRORS));

function lookUp(table: Readonly<Record<string, Entry>>, code: string): ResultCodeInfo | undefined {
  if (!Object.hasOwn(table, code)) return undefined;
  const [category, description] = table[code] as Entry;
  return { code, description, passed: category === "passed", retryable: RETRYABLE[category], category };
}

/**
 * An exact API code (a FailedOperation.* code may be a CompareFaceLiveness result sent as an error), then its
 * family: "AuthFailure.Foo" falls back to "AuthFailure".
 */
function lookUpApiError(code: string): ResultCodeInfo | undefined {
  const exact =
    lookUp(API_ERRORS, code) ??
    (code.startsWith("FailedOperation.") ? lookUp(COMPARE_RESULTS, code) : undefined);
  if (exact) return exact;
  const dot = code.lastIndexOf(".");
  const family = dot > 0 ? lookUp(API_ERRORS, code.slice(0, dot)) : undefined;
  return family && { ...family, code };
}

function fallback(code: string, summary: string): ResultCodeInfo {
  return {
    code,
    description: `${summary} (code ${code}). Try again; contact support if it persists.`,
    passed: false,
    retryable: RETRYABLE.unknown,
    category: "unknown",
  };
}
