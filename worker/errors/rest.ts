/**
 * The REST dialect's wire form of a failure: `{"error":{"code","message","requestId"}}` with a fitting HTTP
 * status (shared/rest/api.ts).
 */
import { REST_ERROR_STATUS, type RestErrorBody, type RestErrorCode } from "../../shared/rest/api";
import type { GatewayFailure } from "./failure";

export interface RestError {
  code: RestErrorCode;
  message: string;
  retryAfterSeconds?: number;
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
    case "rate-limited":
      return {
        code: "rate_limited",
        message: "Too many requests; retry after the delay in Retry-After.",
        retryAfterSeconds: failure.retryAfterSeconds,
      };
    case "upstream-timeout":
      return { code: "upstream_timeout", message: "FaceID did not answer in time." };
    case "upstream-unreachable":
    case "upstream-malformed":
      return { code: "upstream_error", message: "FaceID could not be reached; retry later." };
    case "internal":
      return { code: "internal_error", message: "Internal error." };
  }
}

export function restErrorResponse(error: RestError, requestId: string): Response {
  const body: RestErrorBody = { error: { code: error.code, message: error.message, requestId } };
  const headers: Record<string, string> = { "Content-Type": "application/json" };
  if (error.retryAfterSeconds !== undefined)
    headers["Retry-After"] = String(Math.ceil(error.retryAfterSeconds));
  return new Response(JSON.stringify(body), { status: REST_ERROR_STATUS[error.code], headers });
}
