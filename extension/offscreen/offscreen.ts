/**
 * Chrome's offscreen document: runs the XMLHttpRequest upload for the service worker (which has none) and
 * reports progress and the outcome over the port the background opened. It accepts ports only from the
 * extension's own background, and closing the port aborts the upload.
 */
import browser, { type Runtime } from "webextension-polyfill";
import { TRANSPORT_PORT_NAME, type TransportCommand, type TransportEvent } from "../messaging/protocol";
import { xhrTransport } from "../upload/xhr-transport";

/** Well inside Chrome's 30-second idle limit for extension service workers. */
const HEARTBEAT_MS = 15_000;

browser.runtime.onConnect.addListener((port: Runtime.Port) => {
  if (port.name !== TRANSPORT_PORT_NAME || port.sender?.id !== browser.runtime.id || port.sender?.tab) return;
  const controller = new AbortController();
  port.onDisconnect.addListener(() => controller.abort());
  port.onMessage.addListener(async (message: unknown) => {
    const command = message as TransportCommand;
    if (command.kind !== "send") return;
    const post = (event: TransportEvent) => {
      if (!controller.signal.aborted) port.postMessage(event);
    };
    const heartbeat = setInterval(() => post({ kind: "heartbeat" }), HEARTBEAT_MS);
    try {
      const outcome = await xhrTransport.send(
        command.request,
        (sentBytes, totalBytes) => post({ kind: "progress", sentBytes, totalBytes }),
        controller.signal,
      );
      post({ kind: "outcome", outcome });
    } finally {
      clearInterval(heartbeat);
    }
  });
});
