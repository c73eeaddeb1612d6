/**
 * Tencent's answer shapes (../shared/tencent-faceid.md §3): HTTP 200 and `{"Response": {...}}` for success
 * and for API errors alike, errors as `Response.Error` with a `RequestId`. Every sandbox answer is marked:
 * its RequestId is `sandbox-<uuid>` and it carries `X-FaceID-Sandbox: 1`.
 */

export const SANDBOX_HEADER = "X-FaceID-Sandbox";

/** A Tencent API error raised anywhere in the sandbox's pipeline; one place turns it into a response. */
export class TencentApiError extends Error {
  readonly code: string;

  constructor(code: string, message: string) {
    super(message);
    this.name = "TencentApiError";
    this.code = code;
  }
}

export function sandboxRequestId(): string {
  return `sandbox-${crypto.randomUUID()}`;
}

/** A successful (or business-failed) action answer: the payload plus its RequestId. */
export function tencentSuccess(payload: Record<string, unknown>, requestId: string): Response {
  return sandboxJson({ Response: { ...payload, RequestId: requestId } });
}

export function tencentError(error: TencentApiError, requestId: string, status = 200): Response {
  return sandboxJson(
    { Response: { Error: { Code: error.code, Message: error.message }, RequestId: requestId } },
    status,
  );
}

/** JSON marked as a sandbox answer; also used by the sandbox-only endpoints. */
export function sandboxJson(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json; charset=utf-8", [SANDBOX_HEADER]: "1" },
  });
}
