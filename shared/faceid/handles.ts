/**
 * Handles FaceID hands out and later reads by: an SdkToken, a BizToken, an uploaded resource's URL. Every
 * partner shares the gateway's one Tencent account, so Tencent cannot tell whose a handle is; the gateway
 * records the partner that obtained each one when it is obtained and checks it on every read
 * (worker/handles/). This table says which call issues which handle, for how long, and which calls read one.
 *
 * Lifetimes are Tencent's documented ones, from issue to the end of the result's availability (the intl SDK's
 * faceid_client.js, 3.0.1426): a record never outlives its handle, and never expires before it.
 */
import { FACEID_CATALOGUE, type FaceIdAction } from "./catalogue";

/**
 * `token`: only the partner that obtained it may read by it, and an unrecorded one is unknown.
 * `resource-url`: a URL the gateway handed out binds to its partner; any other URL is the partner's own
 * storage and passes (VideoLivenessCompare also reads URLs that never came from CreateUploadUrl).
 */
export type HandleForm = "token" | "resource-url";

export interface HandleIssue {
  /** The field of the action's answer that holds the handle. */
  field: string;
  form: HandleForm;
  /** How long Tencent keeps the handle readable after issuing it. */
  lifetimeSeconds: number;
}

export interface HandleRead {
  /** The request parameter that names the handle. */
  field: string;
  form: HandleForm;
  /** The code Tencent answers for a token it never issued, where not InvalidParameterValue.BizTokenIllegal. */
  unknownCode?: string;
}

/**
 * A call that reads by handles: every parameter it takes, so the gateway can refuse any other name (Tencent's
 * parameter matching may be looser than an exact-case look-up, and a handle must not slip past the check under
 * another spelling), and the parameters that name handles.
 */
export interface HandleReader {
  parameters: readonly string[];
  handles: readonly HandleRead[];
}

const HOUR = 60 * 60;
const DAY = 24 * HOUR;

export const HANDLE_ISSUES: Partial<Record<FaceIdAction, HandleIssue>> = {
  /** "The token is valid for two hours after issuance" (GetLivenessResult). */
  ApplyLivenessToken: { field: "SdkToken", form: "token", lifetimeSeconds: 2 * HOUR },
  /** "The SDK token is valid for 72 hours (72*3600s) after generation" (GetFaceIdResultIntl). */
  GetFaceIdTokenIntl: { field: "SdkToken", form: "token", lifetimeSeconds: 72 * HOUR },
  /** "The token is valid for three days after issuance" (GetSdkVerificationResult). */
  ApplySdkVerificationToken: { field: "SdkToken", form: "token", lifetimeSeconds: 3 * DAY },
  /** "The token is valid for three days (259,200s) after issuance" (GetWebVerificationResultIntl). */
  ApplyWebVerificationBizTokenIntl: { field: "BizToken", form: "token", lifetimeSeconds: 3 * DAY },
  /** "The data will be stored in a COS bucket … for two hours" (CreateUploadUrl). */
  CreateUploadUrl: { field: "ResourceUrl", form: "resource-url", lifetimeSeconds: 2 * HOUR },
  /**
   * "Input the Token returned by the NFC SDK (valid for 10 minutes)" (GetWxNFCResult). That the SDK hands back
   * the token GetNFCToken issued is read from the two pages (GetNFCToken: "obtain Token information for the NFC
   * identify request"), not stated outright; the NFC data it reads is a person's identity document.
   */
  GetNFCToken: { field: "Token", form: "token", lifetimeSeconds: 10 * 60 },
};

/**
 * Every call that names a token, or a URL FaceID downloads (a CreateUploadUrl resource may be any of them), with
 * the parameters its catalogue row lists (the intl SDK 3.0.1426's models).
 */
export const HANDLE_READERS: Partial<Record<FaceIdAction, HandleReader>> = {
  GetLivenessResult: reader("GetLivenessResult", { SdkToken: "token" }),
  GetFaceIdResultIntl: reader("GetFaceIdResultIntl", { SdkToken: "token" }),
  GetSdkVerificationResult: reader("GetSdkVerificationResult", { SdkToken: "token" }),
  GetWebVerificationResultIntl: reader("GetWebVerificationResultIntl", { BizToken: "token" }),
  // "Token not found" (the intl Go SDK's errors.go, FailedOperation.InvalidTokenParameter).
  GetWxNFCResult: reader("GetWxNFCResult", { NFCToken: "token" }, "FailedOperation.InvalidTokenParameter"),
  VideoLivenessCompare: reader("VideoLivenessCompare", {
    ImageUrl: "resource-url",
    VideoUrl: "resource-url",
  }),
  DetectReflectLivenessAndCompare: reader("DetectReflectLivenessAndCompare", {
    LiveDataUrl: "resource-url",
    ImageUrl: "resource-url",
  }),
  GenerateReflectSequence: reader("GenerateReflectSequence", { DeviceDataUrl: "resource-url" }),
  LivenessCompare: reader("LivenessCompare", { ImageUrl: "resource-url", VideoUrl: "resource-url" }),
  IdCardOCRVerification: reader("IdCardOCRVerification", { ImageUrl: "resource-url" }),
  CheckIdCardInformation: reader("CheckIdCardInformation", { ImageUrl: "resource-url" }),
};

/** The handle an answer of `action` carries, if the action issues one and the answer has it. */
export function issuedHandle(
  action: FaceIdAction,
  response: Record<string, unknown>,
): { handle: string; issue: HandleIssue } | undefined {
  const issue = HANDLE_ISSUES[action];
  if (!issue) return undefined;
  const handle = response[issue.field];
  return typeof handle === "string" && handle ? { handle, issue } : undefined;
}

function reader(
  action: FaceIdAction,
  handles: Readonly<Record<string, HandleForm>>,
  unknownCode?: string,
): HandleReader {
  return {
    parameters: Object.keys(FACEID_CATALOGUE[action].parameters),
    handles: Object.entries(handles).map(([field, form]) => ({
      field,
      form,
      ...(unknownCode !== undefined ? { unknownCode } : {}),
    })),
  };
}
