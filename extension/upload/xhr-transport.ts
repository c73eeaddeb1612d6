/**
 * Moves one multipart upload with XMLHttpRequest: the only browser API that reports upload progress over
 * HTTP/1.1. (A fetch with a streamed body and `duplex: "half"` would let us count bytes, but Chromium accepts
 * streamed request bodies only over HTTP/2 or HTTP/3 and refuses them over HTTP/1.1, which is what a local
 * gateway speaks; and a count of bytes handed to fetch is not a count of bytes sent.)
 *
 * Runs where XMLHttpRequest exists: Firefox's background page, and Chrome's offscreen document, because a
 * Manifest V3 service worker has no XMLHttpRequest.
 */
import { decodeBase64 } from "../../shared/base64";
import type { TransportOutcome, TransportRequest } from "../messaging/protocol";
import type { UploadTransport } from "./compare-upload";

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
      xhr.setRequestHeader("Authorization", `Bearer ${request.sessionToken}`);
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
      xhr.addEventListener("error", () => resolve({ kind: "network-error" }));
      xhr.addEventListener("timeout", () => resolve({ kind: "timeout" }));
      xhr.addEventListener("abort", () => resolve({ kind: "aborted" }));
      signal.addEventListener("abort", () => xhr.abort(), { once: true });
      xhr.send(buildForm(request));
    });
  },
};

function buildForm(request: TransportRequest): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(request.fields)) form.append(name, value);
  form.append("video", fileBlob(request.video.base64, request.video.type), request.video.fileName);
  form.append("image", fileBlob(request.image.base64, request.image.type), request.image.fileName);
  return form;
}

function fileBlob(base64: string, type: string): Blob {
  return new Blob([decodeBase64(base64) as Uint8Array<ArrayBuffer>], { type });
}
