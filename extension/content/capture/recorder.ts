/**
 * Records one clip of exactly the planned length from the camera stream, calling back on every animation
 * frame with the prompt to show. The clock starts at MediaRecorder's `start` event, not at the call, so the
 * file is never shorter than the plan because the encoder was slow to start.
 */

import { ExtensionError } from "../../messaging/errors";
import { t } from "../../ui/i18n";
import { ownBytes } from "./own-bytes";
import { chooseRecordingFormat, type RecordingFormat, VIDEO_BITS_PER_SECOND } from "./recording-format";
import { type PromptAt, promptAt, type RecordingPlan } from "./timeline";

export interface Recording {
  bytes: Uint8Array;
  format: RecordingFormat;
  /** Wall-clock length from start to stop, for diagnostics; the file's own duration is what counts. */
  elapsedMs: number;
}

export function recordingFormatForThisBrowser(): RecordingFormat | null {
  if (typeof MediaRecorder === "undefined") return null;
  return chooseRecordingFormat((mimeType) => MediaRecorder.isTypeSupported(mimeType));
}

export async function recordClip(
  stream: MediaStream,
  plan: RecordingPlan,
  onFrame: (prompt: PromptAt) => void,
  signal: AbortSignal,
): Promise<Recording> {
  const format = recordingFormatForThisBrowser();
  if (!format) throw new ExtensionError("recording_unsupported", t("recording_unsupported"));
  if (signal.aborted) throw new ExtensionError("cancelled", t("error_cancelled"));

  const recorder = new MediaRecorder(stream, {
    mimeType: format.mimeType,
    videoBitsPerSecond: VIDEO_BITS_PER_SECOND,
  });
  const chunks: Blob[] = [];
  let startedAt = 0;
  let frame = 0;
  let stopTimer: ReturnType<typeof setTimeout> | undefined;
  let failure: unknown = null;

  const stopped = new Promise<void>((resolve) => {
    recorder.addEventListener("stop", () => resolve(), { once: true });
  });
  recorder.addEventListener("dataavailable", (event) => {
    if (event.data.size > 0) chunks.push(event.data);
  });
  recorder.addEventListener("error", (event) => {
    failure = (event as Event & { error?: unknown }).error ?? event;
    stop();
  });

  function stop(): void {
    clearTimeout(stopTimer);
    cancelAnimationFrame(frame);
    if (recorder.state !== "inactive") recorder.stop();
  }

  /** A timer may fire late but never decides alone: the stop waits until the plan's length has passed. */
  function armStop(): void {
    const remaining = plan.totalMs - (performance.now() - startedAt);
    if (remaining <= 0) stop();
    else stopTimer = setTimeout(armStop, remaining + 20);
  }

  function tick(): void {
    const prompt = promptAt(plan, performance.now() - startedAt);
    onFrame(prompt);
    if (!prompt.done) frame = requestAnimationFrame(tick);
  }

  const onAbort = () => {
    failure = signal.reason;
    stop();
  };
  signal.addEventListener("abort", onAbort, { once: true });

  try {
    await new Promise<void>((resolve, reject) => {
      recorder.addEventListener(
        "start",
        () => {
          startedAt = performance.now();
          armStop();
          tick();
          resolve();
        },
        { once: true },
      );
      try {
        // Chunks every second keep memory flat and make `stop` deliver quickly.
        recorder.start(1000);
      } catch (error) {
        reject(new ExtensionError("recording_failed", t("recording_start_failed", String(error))));
      }
    });
    await stopped;
  } finally {
    signal.removeEventListener("abort", onAbort);
    stop();
  }
  if (signal.aborted) throw new ExtensionError("cancelled", t("error_cancelled"));
  if (failure !== null) {
    if (failure instanceof ExtensionError) throw failure;
    throw new ExtensionError("recording_failed", t("recording_failed", String(failure)));
  }
  const blob = new Blob(chunks, { type: format.mimeType });
  return {
    bytes: await ownBytes(blob),
    format,
    elapsedMs: performance.now() - startedAt,
  };
}
