/**
 * One guided capture, from the reference photo to the verdict:
 *   settings → reference photo → camera → ready → countdown → recording → remux + checks → upload → verdict
 * with retakes looping back to "ready" (the camera stays open) and every step cancellable by Esc or ×.
 * Each verdict is reported through `onVerdict` as soon as it arrives; the flow ends when the overlay closes.
 */
import { encodeBase64 } from "../../shared/base64";
import { describeCompareResult } from "../../shared/faceid/result-codes";
import type { LivenessActionName, LivenessType } from "../../shared/faceid/types";
import { probeVideo } from "../../shared/media/probe";
import type { ReferenceImageSource } from "../../shared/page-protocol";
import type { CompareResult } from "../../shared/rest/api";
import { askBackground } from "../messaging/client";
import { ExtensionError } from "../messaging/errors";
import type { CaptureSettings } from "../messaging/protocol";
import {
  type CameraDevice,
  CameraError,
  listCameras,
  type OpenCamera,
  openCamera,
  stopStream,
} from "./camera";
import { CaptureOverlay } from "./overlay/overlay";
import {
  askAfterCameraProblem,
  askAfterError,
  askAfterVerdict,
  askReferencePhoto,
  askToStart,
  createRecordingView,
  showBusy,
  showCountdown,
  showUploading,
} from "./overlay/screens";
import { recordClip, recordingFormatForThisBrowser } from "./recorder";
import { checkRecordedVideo, describeRecordingProblem } from "./recording-format";
import {
  pageImageCandidates,
  type ReferencePhoto,
  readImageElement,
  readReferenceFile,
  readReferenceImage,
} from "./reference-photo";
import { RemuxError, toTencentMp4 } from "./remux";
import { planRecording, type RecordingPlan } from "./timeline";
import { uploadCapture } from "./upload-client";

export interface CaptureJob {
  source: "page" | "agent";
  livenessType: LivenessType;
  actions: LivenessActionName[];
  pageSessionToken?: string;
  /** Null: the agent picks the photo from the page or a file. */
  reference: ReferenceImageSource | null;
}

export type CaptureEnd =
  | { kind: "verdict"; verdict: CompareResult }
  | { kind: "error"; error: ExtensionError };

/** REST errors after which another attempt with the same session cannot succeed. */
const FINAL_ERRORS = new Set([
  "unauthorized",
  "token_expired",
  "token_revoked",
  "attempts_exhausted",
  "origin_not_allowed",
  "forbidden",
  "not_configured",
  "invalid_request",
]);

export async function runCaptureFlow(
  job: CaptureJob,
  onVerdict: (verdict: CompareResult) => void,
): Promise<CaptureEnd> {
  const overlay = new CaptureOverlay(
    job.source === "page" ? `Requested by ${location.host}` : `Started by the agent on ${location.host}`,
  );
  const flowId = crypto.randomUUID();
  let camera: OpenCamera | null = null;
  let lastVerdict: CompareResult | null = null;
  try {
    showBusy(overlay, "Getting ready…");
    const settings = await askBackground("capture.prepare", {
      hasPageSessionToken: job.pageSessionToken !== undefined,
    });
    if (!recordingFormatForThisBrowser()) {
      throw new ExtensionError(
        "recording_unsupported",
        "This browser cannot record video. Use a current Chrome, Edge or Firefox.",
      );
    }
    const photo = await obtainReferencePhoto(overlay, job.reference);
    const plan = planRecording(job.livenessType, job.actions, settings.recordingSeconds);

    let notice: string | undefined;
    let deviceId: string | undefined;
    for (;;) {
      camera ??= await startCamera(overlay, settings, deviceId);
      overlay.setStream(camera.stream);
      const choice = await askToStart(overlay, plan, await listCameras(), camera.device.deviceId, notice);
      notice = undefined;
      if (choice.kind === "switch-camera") {
        stopStream(camera.stream);
        camera = null;
        deviceId = choice.deviceId;
        continue;
      }
      const attempt = await recordAndVerify(overlay, job, plan, settings, camera, photo, flowId);
      if (attempt.kind === "again") {
        notice = attempt.notice;
        continue;
      }
      lastVerdict = attempt.verdict;
      onVerdict(attempt.verdict);
      const info = describeCompareResult(attempt.verdict.result);
      const next = await askAfterVerdict(overlay, attempt.verdict, !attempt.verdict.passed && info.retryable);
      if (next === "done") return { kind: "verdict", verdict: attempt.verdict };
    }
  } catch (error) {
    if (lastVerdict) return { kind: "verdict", verdict: lastVerdict };
    const failure =
      error instanceof ExtensionError
        ? error
        : overlay.closed.aborted
          ? new ExtensionError("cancelled", "The verification was cancelled.")
          : new ExtensionError("internal_error", "The capture failed unexpectedly.");
    // Show why before closing, unless the agent closed the overlay or already saw it.
    if (!overlay.closed.aborted && failure.code !== "cancelled" && !shownToAgent.has(failure)) {
      await askAfterError(overlay, {
        title: "The verification cannot continue",
        message: failure.message,
        canRetry: false,
      });
    }
    return { kind: "error", error: failure };
  } finally {
    stopStream(camera?.stream ?? null);
    overlay.destroy();
  }
}

/** Errors the agent has already read on an error screen and dismissed: not shown a second time. */
const shownToAgent = new WeakSet<ExtensionError>();

type Attempt = { kind: "verdict"; verdict: CompareResult } | { kind: "again"; notice?: string };

async function recordAndVerify(
  overlay: CaptureOverlay,
  job: CaptureJob,
  plan: RecordingPlan,
  settings: CaptureSettings,
  camera: OpenCamera,
  photo: ReferencePhoto,
  flowId: string,
): Promise<Attempt> {
  await countDown(overlay, settings.countdownSeconds, plan);
  const recording = await recordClip(camera.stream, plan, createRecordingView(overlay, plan), overlay.closed);
  overlay.setStage("preview");
  showBusy(overlay, "Preparing the video…");

  let video: Uint8Array;
  try {
    video = (await toTencentMp4(recording.bytes)).bytes;
  } catch (error) {
    if (error instanceof RemuxError && error.reason === "conversion-unsupported") {
      throw new ExtensionError("recording_unsupported", error.message);
    }
    return retryAfter(
      overlay,
      "The video could not be prepared",
      error instanceof Error ? error.message : String(error),
    );
  }
  const problem = checkRecordedVideo(probeVideo(video), video.length, photo.bytes.length);
  if (problem) return retryAfter(overlay, "The recording cannot be sent", describeRecordingProblem(problem));

  const uploadCancel = new AbortController();
  const onClose = () => uploadCancel.abort();
  overlay.closed.addEventListener("abort", onClose, { once: true });
  const view = showUploading(overlay, () => uploadCancel.abort());
  try {
    const verdict = await uploadCapture(
      {
        flowId,
        source: job.source,
        livenessType: job.livenessType,
        actions: job.actions,
        videoBase64: encodeBase64(video),
        imageBase64: encodeBase64(photo.bytes),
        imageType: photo.type,
        ...(job.pageSessionToken !== undefined ? { pageSessionToken: job.pageSessionToken } : {}),
      },
      (status) =>
        status.kind === "progress" ? view.progress(status.sentBytes, status.totalBytes) : view.retrying(),
      uploadCancel.signal,
    );
    return { kind: "verdict", verdict };
  } catch (error) {
    if (!(error instanceof ExtensionError)) throw error;
    if (overlay.closed.aborted) throw error;
    if (error.code === "cancelled")
      return { kind: "again", notice: "Upload cancelled. You can record again." };
    if (FINAL_ERRORS.has(error.code)) throw error;
    return retryAfter(overlay, "The verification did not go through", error.message, "Record again");
  } finally {
    overlay.closed.removeEventListener("abort", onClose);
  }
}

async function retryAfter(
  overlay: CaptureOverlay,
  title: string,
  message: string,
  retryLabel = "Record again",
): Promise<Attempt> {
  const choice = await askAfterError(overlay, { title, message, canRetry: true, retryLabel });
  if (choice === "close") {
    const error = new ExtensionError("recording_failed", message);
    shownToAgent.add(error);
    throw error;
  }
  return { kind: "again" };
}

async function obtainReferencePhoto(
  overlay: CaptureOverlay,
  reference: ReferenceImageSource | null,
): Promise<ReferencePhoto> {
  if (reference) {
    showBusy(overlay, "Reading the reference photo…");
    return readReferenceImage(reference);
  }
  for (;;) {
    const choice = await askReferencePhoto(overlay, pageImageCandidates());
    showBusy(overlay, "Reading the reference photo…");
    try {
      return choice.kind === "image"
        ? await readImageElement(choice.image)
        : await readReferenceFile(choice.file);
    } catch (error) {
      if (!(error instanceof ExtensionError)) throw error;
      const next = await askAfterError(overlay, {
        title: "That photo cannot be used",
        message: error.message,
        canRetry: true,
        retryLabel: "Choose another",
      });
      if (next === "close") {
        shownToAgent.add(error);
        throw error;
      }
    }
  }
}

/** Opens the camera, walking the agent through each problem until it works or they give up. */
async function startCamera(
  overlay: CaptureOverlay,
  settings: CaptureSettings,
  deviceId?: string,
): Promise<OpenCamera> {
  let chosen = deviceId;
  for (;;) {
    overlay.setStage("hidden");
    showBusy(overlay, "Starting the camera…", "If the browser asks, allow access to the camera.");
    try {
      const camera = await openCamera({ deviceId: chosen, preferredLabel: settings.cameraLabel });
      if (overlay.closed.aborted) {
        stopStream(camera.stream);
        throw new ExtensionError("cancelled", "The verification was cancelled.");
      }
      return camera;
    } catch (error) {
      if (!(error instanceof CameraError)) throw error;
      const cameras: CameraDevice[] = await listCameras().catch(() => []);
      const retry = await askAfterCameraProblem(overlay, error.problem, cameras);
      chosen = retry.deviceId;
    }
  }
}

async function countDown(overlay: CaptureOverlay, seconds: number, plan: RecordingPlan): Promise<void> {
  for (let left = seconds; left > 0; left--) {
    showCountdown(overlay, left, plan);
    await delay(1000, overlay.closed);
  }
  overlay.setCountdown(0);
}

function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const cancelled = () => new ExtensionError("cancelled", "The verification was cancelled.");
    if (signal.aborted) {
      reject(cancelled());
      return;
    }
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(cancelled());
    };
    signal.addEventListener("abort", onAbort, { once: true });
  });
}
