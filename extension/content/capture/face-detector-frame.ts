/**
 * A FaceDetector in a hidden frame: the detector page (extension/detector/) wherever it is served from (the
 * extension, or any origin that serves its files together), reached over a MessagePort. Frames travel as
 * ImageBitmaps, transferred, not copied. Nothing here is specific to the extension.
 */
import { DETECTOR_CONNECT, type FromDetector, type ToDetector } from "../../detector/detector-protocol";
import { t } from "../../ui/i18n";
import type { FaceDetector, FrameReading } from "./face-checks/face-detector";

/** Loading the runtime and compiling the model takes well under a second; past this it is not coming. */
const LOAD_TIMEOUT_MS = 15_000;

export class DetectorUnavailable extends Error {}

/**
 * Embeds the detector page at `pageUrl` with `mount` and resolves once its model is loaded, or rejects with
 * DetectorUnavailable (the caller records without checks and says so).
 */
export async function loadFrameDetector(
  pageUrl: string,
  mount: (frame: HTMLIFrameElement) => void,
): Promise<FaceDetector> {
  const frame = document.createElement("iframe");
  frame.hidden = true;
  frame.tabIndex = -1;
  frame.setAttribute("aria-hidden", "true");
  frame.src = pageUrl;
  const channel = new MessageChannel();
  const port = channel.port1;
  const pending = new Map<
    number,
    { resolve: (reading: FrameReading) => void; reject: (error: Error) => void }
  >();
  let nextId = 1;

  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new DetectorUnavailable(t("face_detector_load_timeout"))),
      LOAD_TIMEOUT_MS,
    );
    port.onmessage = (event: MessageEvent<FromDetector>) => {
      const message = event.data;
      switch (message.kind) {
        case "ready":
          clearTimeout(timer);
          resolve();
          return;
        case "unavailable":
          clearTimeout(timer);
          reject(new DetectorUnavailable(t("face_detector_start_failed", message.message)));
          return;
        case "reading":
          pending.get(message.id)?.resolve(message.reading);
          pending.delete(message.id);
          return;
        case "failed":
          pending.get(message.id)?.reject(new Error(message.message));
          pending.delete(message.id);
          return;
      }
    };
    frame.addEventListener("error", () => reject(new DetectorUnavailable(t("face_detector_page_failed"))), {
      once: true,
    });
    frame.addEventListener(
      "load",
      () => frame.contentWindow?.postMessage(DETECTOR_CONNECT, new URL(frame.src).origin, [channel.port2]),
      { once: true },
    );
  });
  mount(frame);
  try {
    await ready;
  } catch (error) {
    port.close();
    frame.remove();
    throw error;
  }

  return {
    read(bitmap: ImageBitmap): Promise<FrameReading> {
      const id = nextId++;
      const message: ToDetector = { id, frame: bitmap, frameWidth: bitmap.width, frameHeight: bitmap.height };
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        port.postMessage(message, [bitmap]);
      });
    },
    close() {
      for (const { reject } of pending.values()) reject(new Error("The face detector was closed."));
      pending.clear();
      port.close();
      frame.remove();
    },
  };
}
