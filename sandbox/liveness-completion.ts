/**
 * `POST /sandbox/liveness/<SdkToken>/complete` — sandbox only, unauthenticated, for local development and
 * tests: plays the part of the person who finishes Tencent's hosted liveness flow. The JSON body
 * `{"result": "<code>"}` chooses the GetLivenessResult code the flow ends with (any code of that family but
 * -999; default "0"). An empty body means "0". Errors use the project's REST shape `{"error": {code, message}}`.
 */
import { describeLivenessResult, isLivenessResultCode } from "../shared/faceid/result-codes";
import { readBodyWithin } from "./bounded-body";
import type { Completion, LivenessTokenStore } from "./liveness-tokens";
import { sandboxJson } from "./tencent-response";

const MAX_COMPLETION_BODY_BYTES = 4096;

export async function completeLivenessFlow(
  request: Request,
  sdkToken: string,
  tokens: LivenessTokenStore,
): Promise<Response> {
  const result = await requestedResult(request);
  if (typeof result !== "string") return result;
  const completion = await tokens.complete(sdkToken, result);
  if (completion === "recorded") {
    return sandboxJson({
      SdkToken: sdkToken,
      Result: result,
      Description: describeLivenessResult(result).description,
    });
  }
  const [status, code, message] = REFUSALS[completion];
  return failure(status, code, message);
}

const REFUSALS: Readonly<Record<Exclude<Completion, "recorded">, [number, string, string]>> = {
  unknown: [404, "unknown_token", "No liveness flow has this SdkToken."],
  "results-expired": [410, "token_expired", "The SdkToken is more than 2 hours old."],
  "flow-expired": [
    409,
    "flow_expired",
    "The 10-minute flow window has passed: GetLivenessResult now gives 15.",
  ],
  completed: [409, "already_completed", "This liveness flow has already been completed."],
};

async function requestedResult(request: Request): Promise<string | Response> {
  const body = await readBodyWithin(request, MAX_COMPLETION_BODY_BYTES);
  if (!body.ok) return failure(413, "invalid_body", "The body must be a small JSON object.");
  if (body.bytes.length === 0) return "0";
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder().decode(body.bytes));
  } catch {
    return failure(400, "invalid_body", 'The body must be JSON like {"result": "0"}.');
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    return failure(400, "invalid_body", 'The body must be a JSON object like {"result": "0"}.');
  }
  const value = (parsed as { result?: unknown }).result ?? "0";
  const result = typeof value === "number" ? String(value) : value;
  if (typeof result !== "string" || !isLivenessResultCode(result) || result === "-999") {
    return failure(
      400,
      "unknown_result",
      'result must be a GetLivenessResult code other than -999, e.g. "0" or "1002".',
    );
  }
  return result;
}

function failure(status: number, code: string, message: string): Response {
  return sandboxJson({ error: { code, message } }, status);
}
