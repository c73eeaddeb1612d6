/**
 * One guided capture, from the reference photo to the verdict:
 *   settings → reference photo → camera → ready → countdown → recording → remux + checks → upload → verdict
 * with retakes looping back to "ready" (the camera stays open) and every step cancellable by Esc or ×.
 * Each verdict goes to the agent's history, then through `onVerdict`, as soon as it arrives; the flow ends
 * when the overlay closes.
 */
import { describeCompareResult } from "../../../shared/faceid/result-codes";
import type { LivenessActionName, LivenessType } from "../../../shared/faceid/types";
import type { ReferenceImageSource } from "../../../shared/page-protocol";
import type { CompareResult } from "../../../shared/rest/api";
import { askBackground } from "../../messaging/client";
import { ExtensionError } from "../../messaging/errors";
import { CaptureOverlay } from "../overlay/overlay";
import { showBusy } from "../overlay/screens/busy";
import { askAfterError, wasShownToAgent } from "../overlay/screens/error";
import { askToStart } from "../overlay/screens/ready";
import { askAfterVerdict } from "../overlay/screens/verdict";
import { recordAndVerify } from "./attempt";
import { listCameras, type OpenCamera, stopStream } from "./camera";
import { recordingFormatForThisBrowser } from "./recorder";
import { obtainReferencePhoto, startCamera } from "./setup";
import { thumbnailFromBase64 } from "./thumbnail";
import { planRecording } from "./timeline";

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
      const attempt = await recordAndVerify({
        overlay,
        plan,
        settings,
        camera,
        photo,
        livenessType: job.livenessType,
        actions: job.actions,
        sessionToken: sessionTokenFor(job, flowId),
      });
      if (attempt.kind === "again") {
        notice = attempt.notice;
        continue;
      }
      lastVerdict = attempt.verdict;
      // The history is the agent's record: it is written before the page and the overlay learn the verdict.
      await recordInHistory(job, attempt.verdict).catch(() => undefined);
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
    if (!overlay.closed.aborted && failure.code !== "cancelled" && !wasShownToAgent(failure)) {
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

/**
 * The page's own session token, or one the background mints with the agent key for this page and flow
 * (retakes share it, and so its attempts). Asked for as the attempt starts, so it is ready by the time the
 * recording ends; a failure is read when the upload needs the token.
 */
function sessionTokenFor(job: CaptureJob, flowId: string): Promise<string> {
  if (job.pageSessionToken !== undefined) return Promise.resolve(job.pageSessionToken);
  const token = askBackground("capture.session", {
    flowId,
    livenessType: job.livenessType,
    actions: job.actions,
  }).then((session) => session.sessionToken);
  token.catch(() => undefined);
  return token;
}

/** The small record the background keeps: the verdict's fields and a thumbnail, never the video. */
async function recordInHistory(job: CaptureJob, verdict: CompareResult): Promise<void> {
  await askBackground("history.record", {
    source: job.source,
    livenessType: job.livenessType,
    actions: job.actions,
    passed: verdict.passed,
    result: verdict.result,
    similarity: verdict.similarity,
    tencentRequestId: verdict.tencentRequestId,
    requestId: verdict.requestId,
    thumbnail: await thumbnailFromBase64(verdict.bestFrameBase64),
  });
}
