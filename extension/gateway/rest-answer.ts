/**
 * Reads an answer of the gateway's REST dialect, wherever the extension calls it: the value on 2xx, otherwise
 * the error envelope (`{ error: { code, message, requestId } }`) as an `ExtensionError` with the Worker's own
 * code, so a page learns `attempts_exhausted` or `origin_not_allowed` as the Worker said it.
 */
import { REST_ERROR_STATUS, type RestErrorCode } from "../../shared/rest/api";
import { ExtensionError } from "../messaging/errors";

export function readRestAnswer(status: number, body: string, requestId: string | null): unknown {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    json = undefined;
  }
  if (status >= 200 && status < 300) {
    if (json === undefined)
      throw new ExtensionError(
        "upstream_error",
        "The Worker sent an answer that is not JSON.",
        requestId ?? undefined,
      );
    return json;
  }
  const error = isRecord(json) && isRecord(json.error) ? json.error : {};
  const code =
    typeof error.code === "string" && isRestErrorCode(error.code) ? error.code : statusCode(status);
  const message =
    typeof error.message === "string" && error.message !== ""
      ? error.message
      : `The Worker answered HTTP ${status}.`;
  const id = typeof error.requestId === "string" ? error.requestId : (requestId ?? undefined);
  throw new ExtensionError(code, message, id);
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
