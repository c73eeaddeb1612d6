/**
 * The REST dialect's wire form of a failure: `{"error":{"code","message","requestId"}}` with a fitting HTTP
 * status (shared/rest/api.ts).
 */
import { REST_ERROR_STATUS, type RestErrorBody, type RestErrorCode } from "../../shared/rest/api";
import type { GatewayFailure } from "./failure";

export interface RestError {
  code: RestErrorCode;
  message: string;
  /** Headers the status needs: Retry-After for 429, Allow for 405. */
  headers?: Record<string, string>;
}

export function toRestError(failure: GatewayFailure): RestError {
  switch (failure.kind) {
    case "signature":
    case "partner-revoked":
      return { code: "unauthorized", message: "Missing or invalid credentials." };
    case "action-not-allowed":
      return { code: "forbidden", message: `This credential may not call ${failure.action}.` };
    case "missing-action":
    case "unknown-action":
    case "unsupported-version":
      return { code: "not_found", message: "No such operation." };
    case "removed-action":
      return {
        code: "not_found",
        message: `${failure.action} was removed from FaceID; use ${failure.replacement} instead.`,
      };
    case "unsupported-region":
      return {
        code: "invalid_request",
        message: `${failure.action} is not offered in region ${failure.region}.`,
      };
    case "unsupported-protocol":
      return { code: "unsupported_media_type", message: failure.detail };
    case "body-too-large":
      return { code: "payload_too_large", message: `The request body exceeds ${failure.limitBytes} bytes.` };
    case "invalid-body":
      return { code: "invalid_request", message: failure.detail };
    case "missing-parameter":
      return { code: "invalid_request", message: `${failure.parameter} is required.` };
    case "unknown-parameter":
      return { code: "invalid_request", message: `${failure.parameter} is not a known field.` };
    case "invalid-parameter":
      return { code: "invalid_request", message: `${failure.parameter} ${failure.detail}` };
    case "invalid-media":
      return { code: "invalid_media", message: `${failure.parameter} ${failure.detail}` };
    case "media-too-large":
      return {
        code: "payload_too_large",
        message: `${failure.parameter} exceeds its limit of ${failure.limitBytes} bytes.`,
      };
    case "credential-missing":
      return { code: "unauthorized", message: "Send Authorization: Bearer <token>." };
    case "credential-invalid":
      return { code: "unauthorized", message: "The bearer token is not valid." };
    case "session-expired":
      return { code: "token_expired", message: "The session token has expired; ask for a new one." };
    case "session-revoked":
      return { code: "token_revoked", message: "The session token has been revoked." };
    case "session-exhausted":
      return {
        code: "attempts_exhausted",
        message: `The session's ${failure.maxAttempts} verification attempts are used up.`,
      };
    case "session-scope":
      return { code: "forbidden", message: `This session token may not be used for ${failure.call}.` };
    case "origin-not-allowed":
      return {
        code: "origin_not_allowed",
        message: `The origin ${failure.origin} is not allowed for this token.`,
      };
    case "method-not-allowed":
      return {
        code: "method_not_allowed",
        message: `Use ${failure.allowed.join(" or ")}.`,
        headers: { Allow: failure.allowed.join(", ") },
      };
    case "unsupported-media-type":
      return { code: "unsupported_media_type", message: failure.detail };
    case "not-found":
      return { code: "not_found", message: "No such endpoint." };
    case "host-not-served":
      return { code: "not_found", message: `This gateway does not serve the host ${failure.host}.` };
    case "unknown-handle":
      return { code: "not_found", message: `No such ${failure.parameter}.` };
    case "unknown-session":
      return { code: "not_found", message: "No such session." };
    case "rate-limited":
      return {
        code: "rate_limited",
        message: "Too many requests; retry after the delay in Retry-After.",
        headers: { "Retry-After": String(Math.max(1, Math.ceil(failure.retryAfterSeconds))) },
      };
    case "upstream-timeout":
      return { code: "upstream_timeout", message: "FaceID did not answer in time." };
    case "upstream-rejected":
      return {
        code: "upstream_error",
        message: `FaceID refused the call (${failure.code}): ${failure.description}`,
      };
    case "upstream-unreachable":
    case "upstream-malformed":
      return { code: "upstream_error", message: "FaceID could not be reached; retry later." };
    case "verdict-signing-unavailable":
      return {
        code: "internal_error",
        message:
          "The gateway cannot sign verdicts now (its verdict signing key is missing or invalid); " +
          "nothing was sent to FaceID and no attempt was spent.",
      };
    case "internal":
      return { code: "internal_error", message: "Internal error." };
  }
}

export function restErrorResponse(
  error: RestError,
  requestId: string,
  extraHeaders: Record<string, string> = {},
): Response {
  const body: RestErrorBody = { error: { code: error.code, message: error.message, requestId } };
  const headers = { "Content-Type": "application/json", ...error.headers, ...extraHeaders };
  return new Response(JSON.stringify(body), { status: REST_ERROR_STATUS[error.code], headers });
}
