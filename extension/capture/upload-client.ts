/**
 * The content script's side of an upload: hands the recording to the background over a port and follows
 * its progress. Aborting the signal cancels the upload in the background (and the request on the wire).
 */
import browser from "webextension-polyfill";
import type { CompareResult } from "../../shared/rest/api";
import { ExtensionError } from "../messaging/errors";
import {
  type CaptureUpload,
  UPLOAD_PORT_NAME,
  type UploadCommand,
  type UploadEvent,
} from "../messaging/protocol";

export type UploadStatus = { kind: "progress"; sentBytes: number; totalBytes: number } | { kind: "retrying" };

export function uploadCapture(
  upload: CaptureUpload,
  onStatus: (status: UploadStatus) => void,
  signal: AbortSignal,
): Promise<CompareResult> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(new ExtensionError("cancelled", "The upload was cancelled."));
      return;
    }
    const port = browser.runtime.connect({ name: UPLOAD_PORT_NAME });
    let settled = false;
    const settle = (finish: () => void) => {
      if (settled) return;
      settled = true;
      signal.removeEventListener("abort", onAbort);
      port.disconnect();
      finish();
    };
    const onAbort = () => {
      const cancel: UploadCommand = { kind: "cancel" };
      port.postMessage(cancel);
      settle(() => reject(new ExtensionError("cancelled", "The upload was cancelled.")));
    };
    signal.addEventListener("abort", onAbort, { once: true });
    port.onMessage.addListener((message: unknown) => {
      const event = message as UploadEvent;
      if (event.kind === "progress" || event.kind === "retrying") onStatus(event);
      else if (event.kind === "verdict") settle(() => resolve(event.verdict));
      else if (event.kind === "failed") settle(() => reject(ExtensionError.fromWire(event.error)));
    });
    port.onDisconnect.addListener(() =>
      settle(() =>
        reject(new ExtensionError("internal_error", "The extension stopped the upload. Please try again.")),
      ),
    );
    const start: UploadCommand = { kind: "start", upload };
    port.postMessage(start);
  });
}
