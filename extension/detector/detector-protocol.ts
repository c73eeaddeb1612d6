/**
 * The messages between the capture overlay (a content script on the partner page) and the detector page it
 * embeds, over the MessagePort the overlay hands over first. A port, not window messages: the partner page
 * shares the content script's window and could read or forge those.
 */
import type { FrameReading } from "../content/capture/face-checks/face-detector";

/** The detector's page inside the extension: the one extension page a partner site may embed. */
export const DETECTOR_PAGE = "detector/detector.html";

/** window.postMessage from the overlay to the detector frame, carrying the port. */
export const DETECTOR_CONNECT = "faceid-edge:detector-connect";

export type ToDetector = { id: number; frame: ImageBitmap; frameWidth: number; frameHeight: number };

export type FromDetector =
  | { kind: "ready"; backend: string }
  | { kind: "unavailable"; message: string }
  | { kind: "reading"; id: number; reading: FrameReading }
  | { kind: "failed"; id: number; message: string };

/** The User Timing name of each frame the detector reads, for profiling (and the e2e suite's cost figures). */
export const DETECTOR_READ_MEASURE = "faceid-edge detector read";
/** The User Timing mark of the model ready to read, from the detector page's own start. */
export const DETECTOR_READY_MARK = "faceid-edge detector ready";
