/**
 * Reads an answer of the gateway's REST dialect, wherever the extension calls it: the value on 2xx, otherwise
 * the error envelope (`{ error: { code, message, requestId } }`) as an `ExtensionError` with the Worker's own
 * code, so a page learns `attempts_exhausted` or `origin_not_allowed` as the Worker said it.
 */

import { type CompareResult, REST_ERROR_STATUS, type RestErrorCode } from "../../shared/rest/api";
import { ExtensionError } from "../messaging/errors";
import { t } from "../ui/i18n";

export function readRestAnswer(status: number, body: string, requestId: string | null): unknown {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    json = undefined;
  }
  if (status >= 200 && status < 300) {
    if (json === undefined)
      throw new ExtensionError("upstream_error", t("error_answer_not_json"), requestId ?? undefined);
    return json;
  }
  const error = isRecord(json) && isRecord(json.error) ? json.error : {};
  const code =
    typeof error.code === "string" && isRestErrorCode(error.code) ? error.code : statusCode(status);
  const message =
    typeof error.message === "string" && error.message !== ""
      ? error.message
      : t("error_http_status", status);
  const id = typeof error.requestId === "string" ? error.requestId : (requestId ?? undefined);
  throw new ExtensionError(code, message, id);
}

/**
 * Errors after which the same call with the same session cannot succeed: the token is bad, spent or
 * refused, the request itself is wrong, or what it names does not exist. Anything else (the network, the
 * gateway's or Tencent's 5xx, rate limiting) may pass on another try.
 */
const FINAL_ERROR_CODES: ReadonlySet<string> = new Set([
  "unauthorized",
  "token_expired",
  "token_revoked",
  "attempts_exhausted",
  "origin_not_allowed",
  "forbidden",
  "not_found",
  "method_not_allowed",
  "not_configured",
  "invalid_request",
]);

export function isFinalError(error: ExtensionError): boolean {
  return FINAL_ERROR_CODES.has(error.code);
}

/**
 * A verdict as the gateway gives it (a compare's, a hosted verification's), taken only with its signed
 * `verdictToken`: a page never gets a verdict its backend could not confirm.
 */
export function isCompareResult(value: unknown): value is CompareResult {
  if (!isRecord(value)) return false;
  return (
    typeof value.passed === "boolean" &&
    typeof value.result === "string" &&
    typeof value.description === "string" &&
    (value.similarity === null || typeof value.similarity === "number") &&
    (value.bestFrameBase64 === null || typeof value.bestFrameBase64 === "string") &&
    typeof value.tencentRequestId === "string" &&
    typeof value.requestId === "string" &&
    typeof value.verdictToken === "string" &&
    value.verdictToken.length > 0
  );
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isRestErrorCode(code: string): code is RestErrorCode {
  return Object.hasOwn(REST_ERROR_STATUS, code);
}

/** A status without a readable error body still says something. */
function statusCode(status: number): RestErrorCode {
  if (status === 401) return "unauthorized";
  if (status === 403) return "forbidden";
  if (status === 404) return "not_found";
  if (status === 413) return "payload_too_large";
  if (status === 429) return "rate_limited";
  if (status === 504) return "upstream_timeout";
  return status >= 500 ? "upstream_error" : "invalid_request";
}
