/**
 * The verification upload, sent by the content script itself: `POST /v1/liveness/compare` as
 * multipart/form-data, the recorded video and the reference photo as binary parts (never base64 here: the
 * Worker encodes at the edge), with the capture's session token as bearer. The request carries the page's
 * Origin, so the Worker's CORS and its session origin binding apply as to the partner's own page.
 *
 * XMLHttpRequest moves the bytes: the only browser API that reports upload progress over HTTP/1.1. (A fetch
 * with a streamed body and `duplex: "half"` would let us count bytes, but Chromium accepts streamed request
 * bodies only over HTTP/2 or HTTP/3 and refuses them over HTTP/1.1, which is what a local gateway speaks; and a
 * count of bytes handed to fetch is not a count of bytes sent.) The transport is injected, so the retry policy
 * and the request are tested in Node with a fake one.
 *
 * A verification is billable, so it is sent again only when the first attempt failed on the network before
 * the Worker answered at all, once, after a short pause. A timeout is not retried: the Worker may still be
 * working on it, and a second attempt could be billed twice.
 */

import type { LivenessActionName, LivenessType } from "../../shared/faceid/types";
import { COMPARE_FORM_FIELDS, type CompareResult, REST_PATHS } from "../../shared/rest/api";
import { isCompareResult, readRestAnswer } from "../gateway/rest-answer";
import { ExtensionError } from "../messaging/errors";
import { t } from "../ui/i18n";
import { abortableSleep } from "./abortable-sleep";

export interface CompareUpload {
  workerUrl: string;
  sessionToken: string;
  livenessType: LivenessType;
  actions: readonly LivenessActionName[];
  video: Uint8Array;
  image: Uint8Array;
  imageType: "jpeg" | "png";
  /** The agent recorded although the face checks did not pass: the gateway keeps it with the attempt. */
  checksOverridden?: boolean;
}

/** One HTTP request, built once and sent as it is by each attempt. */
export interface CompareRequest {
  url: string;
  headers: Record<string, string>;
  body: FormData;
  timeoutMs: number;
}

/** How one HTTP attempt ended, before any interpretation. */
export type TransportOutcome =
  | { kind: "response"; status: number; body: string; requestId: string | null }
  /** No HTTP answer at all: connection refused, reset, DNS, CORS. */
  | { kind: "network-error" }
  /**
   * Refused before it left: the page's Content-Security-Policy does not allow connecting to the Worker.
   * Firefox holds a Manifest V3 content script's requests to the page's CSP (Chromium does not).
   */
  | { kind: "refused-by-page-policy"; origin: string }
  | { kind: "timeout" }
  | { kind: "aborted" };

export interface UploadTransport {
  send(
    request: CompareRequest,
    onProgress: (sentBytes: number, totalBytes: number) => void,
    signal: AbortSignal,
  ): Promise<TransportOutcome>;
}

export interface UploadHooks {
  onProgress(sentBytes: number, totalBytes: number): void;
  /** Called before the one retry. */
  onRetry(): void;
  /** Aborting cancels the upload: the request on the wire is aborted. */
  signal: AbortSignal;
  /** Injected so tests do not wait. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

/** Tencent takes a few seconds per verification; the Worker's own upstream timeout is below this. */
export const UPLOAD_TIMEOUT_MS = 90_000;
export const RETRY_DELAY_MS = 1_000;
/** One attempt, plus one retry after a network failure. */
export const MAX_ATTEMPTS = 2;
/** How long a network error waits for the page's CSP violation report that may explain it. */
const POLICY_REPORT_WAIT_MS = 50;

export async function uploadForVerdict(
  upload: CompareUpload,
  transport: UploadTransport,
  hooks: UploadHooks,
): Promise<CompareResult> {
  const request = buildCompareRequest(upload);
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

export function buildCompareRequest(upload: CompareUpload): CompareRequest {
  const fields = COMPARE_FORM_FIELDS;
  const body = new FormData();
  body.append(fields.livenessType, upload.livenessType);
  if (upload.livenessType === "ACTION") body.append(fields.actions, upload.actions.join(","));
  if (upload.checksOverridden) body.append(fields.checksOverridden, "true");
  body.append(fields.video, binary(upload.video, "video/mp4"), "liveness.mp4");
  body.append(
    fields.image,
    binary(upload.image, upload.imageType === "png" ? "image/png" : "image/jpeg"),
    upload.imageType === "png" ? "reference.png" : "reference.jpg",
  );
  return {
    url: `${upload.workerUrl}${REST_PATHS.compare}`,
    headers: { Authorization: `Bearer ${upload.sessionToken}` },
    body,
    timeoutMs: UPLOAD_TIMEOUT_MS,
  };
}

/** The verdict in a 200 answer, or the error any other outcome stands for. */
export function interpretCompareOutcome(outcome: TransportOutcome): CompareResult {
  switch (outcome.kind) {
    case "aborted":
      throw new ExtensionError("cancelled", t("upload_cancelled"));
    case "timeout":
      throw new ExtensionError("network_error", t("upload_timeout", UPLOAD_TIMEOUT_MS / 1000));
    case "network-error":
      throw new ExtensionError("network_error", t("upload_unreachable"));
    case "refused-by-page-policy":
      throw new ExtensionError("not_configured", t("upload_refused_by_page_policy", outcome.origin));
    case "response":
      return readVerdict(outcome.status, outcome.body, outcome.requestId);
  }
}

/** A CSP violation report for a connection to `url`'s origin, as the page's document dispatches it. */
function refusesConnectionTo(event: SecurityPolicyViolationEvent, url: string): boolean {
  const directive = event.effectiveDirective || event.violatedDirective;
  return (
    (directive === "connect-src" || directive === "default-src") &&
    event.blockedURI.startsWith(new URL(url).origin)
  );
}

export const xhrTransport: UploadTransport = {
  send(request, onProgress, signal) {
    return new Promise<TransportOutcome>((resolve) => {
      if (signal.aborted) {
        resolve({ kind: "aborted" });
        return;
      }
      const xhr = new XMLHttpRequest();
      xhr.open("POST", request.url);
      xhr.timeout = request.timeoutMs;
      for (const [name, value] of Object.entries(request.headers)) xhr.setRequestHeader(name, value);
      xhr.upload.addEventListener("progress", (event) => {
        if (event.lengthComputable) onProgress(event.loaded, event.total);
      });
      xhr.addEventListener("load", () =>
        resolve({
          kind: "response",
          status: xhr.status,
          body: xhr.responseText,
          requestId: xhr.getResponseHeader("X-Request-Id"),
        }),
      );
      // The page's CSP refusing the request shows here only as a network error; its violation report says
      // why. The report is queued as a task of its own, so the error waits one turn for it.
      let refusedByPolicy = false;
      const onViolation = (event: SecurityPolicyViolationEvent) => {
        if (refusesConnectionTo(event, request.url)) refusedByPolicy = true;
      };
      document.addEventListener("securitypolicyviolation", onViolation);
      const settled = () => document.removeEventListener("securitypolicyviolation", onViolation);
      xhr.addEventListener("loadend", () => setTimeout(settled, POLICY_REPORT_WAIT_MS * 2));
      xhr.addEventListener("error", () =>
        setTimeout(
          () =>
            resolve(
              refusedByPolicy
                ? { kind: "refused-by-page-policy", origin: new URL(request.url).origin }
                : { kind: "network-error" },
            ),
          POLICY_REPORT_WAIT_MS,
        ),
      );
      xhr.addEventListener("timeout", () => resolve({ kind: "timeout" }));
      xhr.addEventListener("abort", () => resolve({ kind: "aborted" }));
      signal.addEventListener("abort", () => xhr.abort(), { once: true });
      xhr.send(request.body);
    });
  },
};

function readVerdict(status: number, body: string, requestId: string | null): CompareResult {
  const json = readRestAnswer(status, body, requestId);
  if (!isCompareResult(json)) {
    throw new ExtensionError("upstream_error", t("upload_verdict_incomplete"), requestId ?? undefined);
  }
  return json;
}

function binary(bytes: Uint8Array, type: string): Blob {
  return new Blob([bytes as Uint8Array<ArrayBuffer>], { type });
}
