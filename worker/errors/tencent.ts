/**
 * The Tencent dialect's wire form of a failure: HTTP 200 with `Response.Error`, Tencent's own codes
 * (../shared/tencent-faceid.md §3), so official SDKs raise the same TencentCloudSDKException they would
 * against Tencent.
 */
import type { Tc3Rejection } from "../tc3/verifier";
import type { GatewayFailure } from "./failure";

export interface TencentError {
  code: string;
  message: string;
}

export function toTencentError(failure: GatewayFailure): TencentError {
  switch (failure.kind) {
    case "signature":
      return signatureError(failure.rejection);
    case "partner-revoked":
      return { code: "AuthFailure.SecretIdNotFound", message: "The SecretId has been revoked." };
    case "action-not-allowed":
      return {
        code: "AuthFailure.UnauthorizedOperation",
        message: `This partner is not allowed to call ${failure.action}.`,
      };
    case "missing-action":
      return { code: "MissingParameter", message: "The X-TC-Action header is missing." };
    case "unknown-action":
      return { code: "InvalidAction", message: `The action ${failure.action} does not exist for faceid.` };
    case "removed-action":
      // What Tencent answers for an action its API no longer defines. (Its common code ActionOffline is for an
      // action still listed but switched off; these were deleted from the API and its SDKs.) The message says
      // why and what to call instead.
      return {
        code: "InvalidAction",
        message: `The action ${failure.action} was removed from faceid; use ${failure.replacement} instead.`,
      };
    case "unsupported-version":
      return {
        code: "NoSuchVersion",
        message: `The API version ${failure.version} is not supported; use 2018-03-01.`,
      };
    case "unsupported-region":
      return {
        code: "UnsupportedRegion",
        message: `${failure.action} is not offered in region ${failure.region || "(none)"}.`,
      };
    case "unsupported-protocol":
      return { code: "UnsupportedProtocol", message: failure.detail };
    case "body-too-large":
      return {
        code: "RequestSizeLimitExceeded",
        message: `The request body exceeds ${failure.limitBytes} bytes.`,
      };
    case "invalid-body":
      return { code: "InvalidParameter", message: failure.detail };
    case "missing-parameter":
      return { code: "MissingParameter", message: `The parameter ${failure.parameter} is required.` };
    case "unknown-parameter":
      return { code: "UnknownParameter", message: `The parameter ${failure.parameter} is not recognised.` };
    case "invalid-parameter":
      return { code: "InvalidParameterValue", message: `${failure.parameter}: ${failure.detail}` };
    case "invalid-media":
      return { code: "InvalidParameterValue", message: `${failure.parameter}: ${failure.detail}` };
    case "media-too-large":
      return {
        code: "InvalidParameterValue",
        message: `${failure.parameter}: exceeds ${megabytes(failure.limitBytes)} MB of base64.`,
      };
    case "credential-missing":
    case "credential-invalid":
    case "session-expired":
    case "session-revoked":
    case "session-exhausted":
    case "session-scope":
    case "origin-not-allowed":
      // Browser credentials belong to the REST dialect; the Tencent dialect authenticates by signature only.
      return { code: "AuthFailure.InvalidAuthorization", message: "Use a TC3-HMAC-SHA256 signature." };
    case "method-not-allowed":
    case "unsupported-media-type":
      return { code: "UnsupportedProtocol", message: "Use POST / with Content-Type application/json." };
    case "not-found":
      return { code: "InvalidAction", message: "No such action." };
    case "host-not-served":
      // The signature covers the host: one made for another host is not a signature for this gateway.
      return {
        code: "AuthFailure.SignatureFailure",
        message: `This gateway does not serve the host ${failure.host}.`,
      };
    case "unknown-handle":
      // What Tencent answers for a token it never issued (the action's own code where it has one, else
      // GetLivenessResult's), and a plain refusal for a resource URL: a stranger learns nothing about whose the
      // handle is.
      return failure.form === "token"
        ? {
            code: failure.unknownCode ?? "InvalidParameterValue.BizTokenIllegal",
            message: `The ${failure.parameter} is not valid.`,
          }
        : { code: "InvalidParameterValue", message: `${failure.parameter}: the resource cannot be read.` };
    case "unknown-session":
      // One answer for another partner's session and for none at all: a stranger learns nothing.
      return { code: "ResourceNotFound", message: `No session has this ${failure.parameter}.` };
    case "rate-limited":
      return { code: "RequestLimitExceeded", message: "Too many requests; retry shortly." };
    case "upstream-timeout":
      return { code: "InternalError", message: "FaceID did not answer in time." };
    case "upstream-rejected":
      return { code: failure.code, message: failure.description };
    case "upstream-unreachable":
    case "upstream-malformed":
      return { code: "InternalError", message: "FaceID could not be reached; retry later." };
    case "verdict-signing-unavailable":
      return { code: "InternalError", message: "The gateway cannot sign verdicts now." };
    case "internal":
      return { code: "InternalError", message: "Internal error." };
  }
}

function signatureError(rejection: Tc3Rejection): TencentError {
  switch (rejection) {
    case "missing-authorization":
    case "malformed-authorization":
      return {
        code: "AuthFailure.InvalidAuthorization",
        message: "The Authorization header is missing or not a valid TC3-HMAC-SHA256 authorization.",
      };
    case "missing-timestamp":
      return { code: "MissingParameter", message: "The X-TC-Timestamp header is missing." };
    case "stale-timestamp":
      return {
        code: "AuthFailure.SignatureExpire",
        message: "The request timestamp is more than 5 minutes from server time.",
      };
    case "scope-mismatch":
      return {
        code: "AuthFailure.SignatureFailure",
        message: "The credential scope does not match the request's date or service.",
      };
    case "unknown-secret-id":
      return { code: "AuthFailure.SecretIdNotFound", message: "The SecretId does not exist." };
    case "signature-mismatch":
      return { code: "AuthFailure.SignatureFailure", message: "The request signature does not match." };
  }
}

function megabytes(bytes: number): number {
  return bytes / 1024 / 1024;
}

/** A Tencent-shaped error body. */
export function tencentErrorBody(error: TencentError, requestId: string) {
  return { Response: { Error: { Code: error.code, Message: error.message }, RequestId: requestId } };
}
