/**
 * The page side of the protocol (shared/page-protocol.ts): listens on the page's own window for capture
 * requests and posts the answers back. Messages from other windows (frames, openers, popups) or from another
 * origin are ignored, and so is everything that is not a capture request.
 */
import {
  type CaptureErrorMessage,
  type CaptureRequestMessage,
  type CaptureResultMessage,
  describeCaptureRequestProblem,
  isCaptureRequestLike,
  PAGE_MESSAGE_TYPE,
  parseCaptureRequest,
  type ReadyMessage,
} from "../../shared/page-protocol";

export type OutgoingPageMessage = ReadyMessage | CaptureResultMessage | CaptureErrorMessage;

export function listenForCaptureRequests(onRequest: (request: CaptureRequestMessage) => void): () => void {
  const listener = (event: MessageEvent) => {
    if (event.source !== window || event.origin !== location.origin) return;
    if (!isCaptureRequestLike(event.data)) return;
    const parsed = parseCaptureRequest(event.data);
    if (parsed.ok) {
      onRequest(parsed.request);
    } else if (parsed.id !== null) {
      postToPage({
        type: PAGE_MESSAGE_TYPE.captureError,
        id: parsed.id,
        code: "invalid_request",
        message: describeCaptureRequestProblem(parsed.problem),
      });
    }
  };
  window.addEventListener("message", listener);
  return () => window.removeEventListener("message", listener);
}

/** Posted to the page's own origin only: nothing goes to a frame or another site that may be listening. */
export function postToPage(message: OutgoingPageMessage): void {
  window.postMessage(message, location.origin);
}
