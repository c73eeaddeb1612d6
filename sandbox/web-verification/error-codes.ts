/**
 * The numeric ErrorCode family of hosted web verification (GetWebVerificationResultIntl's ErrorCode and each
 * VerificationDetail's codes), with Tencent's own descriptions as ErrorMsg. Sources:
 * - tencentcloud.com/document/product/1061/55390, "Selfie Verification (Mobile HTML5) Error Codes", the page the
 *   intl SDK's GetWebVerificationResultIntlResponse.ErrorCode links to;
 * - the intl SDK 3.0.1426's CompareResult model for the comparison codes 2004–2017;
 * - Tencent's notice of 2026-03-03 (tencentcloud.com/announce/detail/100989): 1409 and 1410 added;
 * - -999 is documented for GetFaceIdResultIntl's Result of the same family ("The verification process wasn't
 *   finished."); that GetWebVerificationResultIntl answers it while the person has not finished is inferred.
 * The lip-reading codes 1101–1109 are left out: no SecurityLevel of the web flow reads lips.
 */

/** Where in an attempt a code arises, which decides the VerificationDetail fields it fills. */
export type ErrorStage =
  | "success"
  | "liveness" // LivenessErrorCode carries it; no comparison was made
  | "compare" // liveness passed (LivenessErrorCode 0); CompareErrorCode carries it
  | "process" // the attempt failed outside both stages (internal errors, timeout)
  | "final"; // only ever the flow's final ErrorCode, never an attempt's

export interface WebErrorCode {
  message: string;
  stage: ErrorStage;
}

export const IN_PROGRESS = -999;
export const TOKEN_EXPIRED = 15;
export const USER_EXITED = 1410;

const CODES: ReadonlyMap<number, WebErrorCode> = new Map<number, WebErrorCode>([
  [0, { message: "Success", stage: "success" }],
  [1, { message: "Invalid parameter", stage: "final" }],
  [2, { message: "Incorrect parameter value", stage: "final" }],
  [3, { message: "Bad request", stage: "final" }],
  [4, { message: "Internal service error", stage: "process" }],
  [8, { message: "Internal service error", stage: "process" }],
  [9, { message: "Internal service error", stage: "process" }],
  [10, { message: "Internal service error", stage: "process" }],
  [11, { message: "Internal service error", stage: "process" }],
  [14, { message: "Verification has been completed", stage: "final" }],
  [TOKEN_EXPIRED, { message: "Token expired", stage: "final" }],
  [16, { message: "Retry limit has been reached", stage: "final" }],
  [202, { message: "Failed to get video", stage: "liveness" }],
  [1001, { message: "Failed to call the liveness engine", stage: "liveness" }],
  [1002, { message: "Suspected spoofed recording", stage: "liveness" }],
  [1003, { message: "Real person detection failed", stage: "liveness" }],
  [1004, { message: "Face detection failed", stage: "liveness" }],
  [1005, { message: "Liveness detection failed", stage: "liveness" }],
  [1201, { message: "The lighting is too dim", stage: "liveness" }],
  [1202, { message: "The lighting is too bright", stage: "liveness" }],
  [1409, { message: "Verification process timed out", stage: "process" }],
  [USER_EXITED, { message: "User exited voluntarily", stage: "final" }],
  [2004, { message: "The image passed in is too large or too small", stage: "compare" }],
  [2012, { message: "Multiple faces detected", stage: "compare" }],
  [2013, { message: "No face was detected, or the face detected was incomplete", stage: "compare" }],
  [
    2014,
    {
      message: "The image resolution is too low or the quality does not meet the requirements",
      stage: "compare",
    },
  ],
  [2015, { message: "Face comparison failed", stage: "compare" }],
  [2016, { message: "The similarity did not reach the standard passing threshold", stage: "compare" }],
  [2017, { message: "Facial occlusion detected", stage: "compare" }],
  [IN_PROGRESS, { message: "The verification process wasn't finished.", stage: "final" }],
]);

export function webErrorCode(code: number): WebErrorCode | undefined {
  return CODES.get(code);
}

export function webErrorMessage(code: number): string {
  return CODES.get(code)?.message ?? "Unknown error";
}

/** The codes a step can end with (what a sandbox outcome may ask for): all but the final-only ones. */
export const STEP_OUTCOME_CODES: readonly number[] = Object.freeze(
  [...CODES].filter(([, info]) => info.stage !== "final").map(([code]) => code),
);
