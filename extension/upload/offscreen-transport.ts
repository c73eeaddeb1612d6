/**
 * Chrome's transport: the service worker has no XMLHttpRequest, so the bytes go through an offscreen
 * document (an extension page, with the extension's host permissions) that runs `xhrTransport` and streams
 * progress back over a port. Closing the port aborts the request.
 */
import browser from "webextension-polyfill";
import {
  TRANSPORT_PORT_NAME,
  type TransportCommand,
  type TransportEvent,
  type TransportOutcome,
  type TransportRequest,
} from "../messaging/protocol";
import { chromeExtras } from "../platform/chrome-extras";
import type { UploadTransport } from "./compare-upload";

const OFFSCREEN_PATH = "offscreen/offscreen.html";

export const offscreenTransport: UploadTransport = {
  async send(request, onProgress, signal) {
    if (signal.aborted) return { kind: "aborted" };
    inFlight++;
    try {
      await ensureOffscreenDocument();
      return await sendThroughDocument(request, onProgress, signal);
    } finally {
      inFlight--;
      // The document exists only while it has work: it holds the video in memory otherwise.
      if (inFlight === 0)
        await chromeExtras()
          ?.offscreen?.closeDocument()
          .catch(() => undefined);
    }
  },
};

let inFlight = 0;

function sendThroughDocument(
  request: TransportRequest,
  onProgress: (sentBytes: number, totalBytes: number) => void,
  signal: AbortSignal,
): Promise<TransportOutcome> {
  return new Promise<TransportOutcome>((resolve) => {
    const port = browser.runtime.connect({ name: TRANSPORT_PORT_NAME });
    let settled = false;
    const finish = (outcome: TransportOutcome) => {
      if (settled) return;
      settled = true;
      signal.removeEventListener("abort", onAbort);
      port.disconnect();
      resolve(outcome);
    };
    const onAbort = () => finish({ kind: "aborted" });
    signal.addEventListener("abort", onAbort, { once: true });
    port.onMessage.addListener((message: unknown) => {
      const event = message as TransportEvent;
      if (event.kind === "progress") onProgress(event.sentBytes, event.totalBytes);
      else if (event.kind === "outcome") finish(event.outcome);
    });
    // The document went away mid-request: nothing is known about the request, treat it as a network failure.
    port.onDisconnect.addListener(() => finish({ kind: "network-error" }));
    const command: TransportCommand = { kind: "send", request };
    port.postMessage(command);
  });
}

let creating: Promise<void> | null = null;

async function ensureOffscreenDocument(): Promise<void> {
  const chrome = chromeExtras();
  if (!chrome?.offscreen) throw new Error("offscreen documents are not available");
  const url = browser.runtime.getURL(OFFSCREEN_PATH);
  const existing = await chrome.runtime.getContexts?.({
    contextTypes: ["OFFSCREEN_DOCUMENT"],
    documentUrls: [url],
  });
  if (existing && existing.length > 0) return;
  creating ??= chrome.offscreen
    .createDocument({
      url: OFFSCREEN_PATH,
      // The closest reason Chrome offers: the document builds the video Blob and sends it.
      reasons: ["BLOBS"],
      justification: "Uploads the recorded video with XMLHttpRequest to report upload progress.",
    })
    .finally(() => {
      creating = null;
    });
  await creating;
}
