/**
 * One verification upload to `POST /v1/liveness/compare`: the retry policy and the reading of the answer.
 * The bytes are moved by an `UploadTransport` (XMLHttpRequest, for its upload progress events), so this
 * module is pure and its policy is tested with a fake transport.
 *
 * A verification is billable, so it is sent again only when the first attempt failed on the network before
 * the Worker answered at all, once, after a short pause. A timeout is not retried: the Worker may still be
 * working on it, and a second attempt could be billed twice.
 */
import type { LivenessActionName, LivenessType } from "../../shared/faceid/types";
import {
  COMPARE_FORM_FIELDS,
  type CompareResult,
  REST_ERROR_STATUS,
  REST_PATHS,
  type RestErrorCode,
} from "../../shared/rest/api";
import { ExtensionError } from "../messaging/errors";
import type { TransportOutcome, TransportRequest } from "../messaging/protocol";

export interface UploadTransport {
  send(
    request: TransportRequest,
    onProgress: (sentBytes: number, totalBytes: number) => void,
    signal: AbortSignal,
  ): Promise<TransportOutcome>;
}

export interface CompareUpload {
  workerUrl: string;
  sessionToken: string;
  livenessType: LivenessType;
  actions: readonly LivenessActionName[];
  videoBase64: string;
  imageBase64: string;
  imageType: "jpeg" | "png";
}

export interface UploadHooks {
  onProgress(sentBytes: number, totalBytes: number): void;
  /** Called before the one retry. */
  onRetry(): void;
  signal: AbortSignal;
  /** Injected so tests do not wait. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

/** Tencent takes a few seconds per verification; the Worker's own upstream timeout is below this. */
export const UPLOAD_TIMEOUT_MS = 90_000;
export const RETRY_DELAY_MS = 1_000;
/** One attempt, plus one retry after a network failure. */
export const MAX_ATTEMPTS = 2;

export async function uploadForVerdict(
  upload: CompareUpload,
  transport: UploadTransport,
  hooks: UploadHooks,
): Promise<CompareResult> {
  const request = buildTransportRequest(upload);
  const sleep = hooks.sleep ?? abortableSleep;
  let outcome: TransportOutcome = { kind: "network-error" };
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    if (attempt > 1) {
      hooks.onRetry();
      await sleep(RETRY_DELAY_MS, hooks.signal).catch(() => undefined);
      if (hooks.signal.aborted) return interpretCompareOutcome({ kind: "aborted" });
    }
    outcome = await transport.send(request, hooks.onProgress, hooks.signal);
    if (outcome.kind !== "network-error" || hooks.signal.aborted) break;
  }
  return interpretCompareOutcome(hooks.signal.aborted ? { kind: "aborted" } : outcome);
}

export function buildTransportRequest(upload: CompareUpload): TransportRequest {
  const fields: Record<string, string> = { [COMPARE_FORM_FIELDS.livenessType]: upload.livenessType };
  if (upload.livenessType === "ACTION") fields[COMPARE_FORM_FIELDS.actions] = upload.actions.join(",");
  return {
    url: `${upload.workerUrl}${REST_PATHS.compare}`,
    sessionToken: upload.sessionToken,
    fields,
    video: { base64: upload.videoBase64, type: "video/mp4", fileName: "liveness.mp4" },
    image: {
      base64: upload.imageBase64,
      type: upload.imageType === "png" ? "image/png" : "image/jpeg",
      fileName: upload.imageType === "png" ? "reference.png" : "reference.jpg",
    },
    timeoutMs: UPLOAD_TIMEOUT_MS,
  };
}

/** The verdict in a 200 answer, or the error any other outcome stands for. */
export function interpretCompareOutcome(outcome: TransportOutcome): CompareResult {
  switch (outcome.kind) {
    case "aborted":
      throw new ExtensionError("cancelled", "The upload was cancelled.");
    case "timeout":
      throw new ExtensionError(
        "network_error",
        `The Worker did not answer within ${UPLOAD_TIMEOUT_MS / 1000} s. The verification may still have run.`,
      );
    case "network-error":
      throw new ExtensionError(
        "network_error",
        "The Worker could not be reached. Check the connection and try again.",
      );
    case "response":
      return readResponse(outcome.status, outcome.body, outcome.requestId);
  }
}

/** Reads a REST answer: the value on 2xx, the error envelope otherwise (shared with the other REST calls). */
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

function readResponse(status: number, body: string, requestId: string | null): CompareResult {
  const json = readRestAnswer(status, body, requestId);
  if (!isCompareResult(json)) {
    throw new ExtensionError(
      "upstream_error",
      "The Worker's verdict is missing fields.",
      requestId ?? undefined,
    );
  }
  return json;
}

export function isCompareResult(value: unknown): value is CompareResult {
  if (!isRecord(value)) return false;
  return (
    typeof value.passed === "boolean" &&
    typeof value.result === "string" &&
    typeof value.description === "string" &&
    (value.similarity === null || typeof value.similarity === "number") &&
    (value.bestFrameBase64 === null || typeof value.bestFrameBase64 === "string") &&
    typeof value.tencentRequestId === "string" &&
    typeof value.requestId === "string"
  );
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

function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      "abort",
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
