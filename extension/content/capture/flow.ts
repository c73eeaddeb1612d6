/**
 * One guided capture, from the reference photo to the verdict:
 *   settings → reference photo → camera → ready → countdown → recording → remux + checks → upload → verdict
 * with retakes looping back to "ready" (the camera stays open) and every step cancellable by Esc or ×.
 * A hand-off runs the customer's phone instead (../handoff/flow.ts): asked for by the page (`mode:
 * "handoff"`), or chosen by the agent on the first screens ("Continue on phone") when the page's request said
 * where the phone returns. Each verdict, webcam or phone, goes to the agent's history, then through
 * `onVerdict`, as soon as it arrives; the flow ends when the overlay closes.
 *
 * Where it runs is the `host`'s business (host.ts): the extension's content script, or the `<faceid-capture>`
 * web component on a partner's own page. This module uses no browser-extension API.
 */

import {
  describeCompareResult,
  describeLivenessResult,
  isLivenessResultCode,
} from "../../../shared/faceid/result-codes";
import type { LivenessActionName, LivenessType } from "../../../shared/faceid/types";
import type { HostedVerificationOptions, ReferenceImageSource } from "../../../shared/page-protocol";
import type { CompareResult } from "../../../shared/rest/api";
import { ExtensionError } from "../../messaging/errors";
import type { CaptureSettings } from "../../messaging/protocol";
import { t } from "../../ui/i18n";
import { compareResultText } from "../../ui/result-texts";
import { type HandoffJob, runHandoff } from "../handoff/flow";
import type { CaptureOverlay } from "../overlay/overlay";
import { showBusy } from "../overlay/screens/busy";
import { askAfterCameraProblem } from "../overlay/screens/camera-problem";
import { askAfterError, wasShownToAgent } from "../overlay/screens/error";
import { askToStart } from "../overlay/screens/ready";
import { askAfterVerdict } from "../overlay/screens/verdict";
import { recordAndVerify } from "./attempt";
import { listCameras, type OpenCamera, stopStream } from "./camera";
import { describeCause } from "./error-cause";
import { loadFrameDetector } from "./face-detector-frame";
import type { CaptureHost, Liveness } from "./host";
import { LiveFaceChecks } from "./live-face-checks";
import { recordingFormatForThisBrowser } from "./recorder";
import { obtainReferencePhoto, startCamera } from "./setup";
import { planRecording } from "./timeline";

export type CaptureJob = WebcamJob | ({ mode: "handoff"; source: "page" | "agent" } & HandoffJob);

export interface WebcamJob {
  mode: "webcam";
  source: "page" | "agent";
  livenessType: LivenessType;
  actions: LivenessActionName[];
  pageSessionToken?: string;
  /** Null: the agent picks the photo from the page or a file. */
  reference: ReferenceImageSource | null;
  /** Where a hand-off would return: with it, the agent may continue on the customer's phone. */
  hosted: HostedVerificationOptions | null;
}

export type CaptureEnd =
  | { kind: "verdict"; verdict: CompareResult }
  | { kind: "error"; error: ExtensionError };

/** How a verdict was reached: the webcam (a compare) or the phone (Tencent's hosted page). */
type Channel = { kind: "webcam" | "phone"; liveness: Liveness };
type Deliver = (verdict: CompareResult, channel: Channel) => Promise<"retake" | "done">;

export async function runCaptureFlow(
  job: CaptureJob,
  host: CaptureHost,
  onVerdict: (verdict: CompareResult) => void,
): Promise<CaptureEnd> {
  const overlay = host.openOverlay();
  let lastVerdict: CompareResult | null = null;
  const deliver: Deliver = async (verdict, channel) => {
    lastVerdict = verdict;
    // The host's record (the agent's history) is written before the page and the overlay learn the verdict.
    await host.recordVerdict(job.source, channel.liveness, verdict).catch(() => undefined);
    onVerdict(verdict);
    const info =
      channel.kind === "phone" ? describeHostedVerdict(verdict) : describeCompareResult(verdict.result);
    // The page keeps the catalogue's English description; the agent reads it in the capture's language.
    const description =
      channel.kind === "phone" ? info.description : compareResultText(verdict.result, info.description);
    return askAfterVerdict(overlay, verdict, !verdict.passed && info.retryable, description);
  };
  try {
    // The camera, crypto.randomUUID and Web Crypto exist only in a secure context (https, or loopback): an
    // http page is told so at once, and only lets the agent give up (camera_denied).
    if (!globalThis.isSecureContext) await askAfterCameraProblem(overlay, "unsupported", []);
    const flowId = crypto.randomUUID();
    showBusy(overlay, t("busy_getting_ready"));
    const settings = await host.prepare();
    let handoff: HandoffJob;
    if (job.mode === "handoff") {
      handoff = job;
    } else {
      const webcam = await runWebcam(overlay, job, host, settings, flowId, deliver);
      if (webcam !== "phone") return { kind: "verdict", verdict: webcam };
      handoff = handoffFrom(job);
    }
    const verdict = await runHandoff({
      overlay,
      settings,
      job: handoff,
      mintSession: (liveness) => host.mintSession({ purpose: "handoff", flowId, liveness }),
      deliver: (result) => deliver(result, { kind: "phone", liveness: handoff.liveness }),
    });
    return { kind: "verdict", verdict };
  } catch (error) {
    if (lastVerdict) return { kind: "verdict", verdict: lastVerdict };
    const failure =
      error instanceof ExtensionError
        ? error
        : overlay.closed.aborted
          ? new ExtensionError("cancelled", t("error_cancelled"))
          : new ExtensionError("internal_error", `${t("error_unexpected")} (${describeCause(error)})`);
    // Show why before closing, unless the agent closed the overlay or already saw it.
    if (!overlay.closed.aborted && failure.code !== "cancelled" && !wasShownToAgent(failure)) {
      await askAfterError(overlay, {
        title: t("error_cannot_continue"),
        message: failure.message,
        canRetry: false,
      });
    }
    return { kind: "error", error: failure };
  } finally {
    overlay.destroy();
  }
}

/**
 * The webcam capture until the agent is done with a verdict, or "phone" when they chose to continue on the
 * customer's phone (the camera is closed by then).
 */
async function runWebcam(
  overlay: CaptureOverlay,
  job: WebcamJob,
  host: CaptureHost,
  settings: CaptureSettings,
  flowId: string,
  deliver: Deliver,
): Promise<CompareResult | "phone"> {
  const offerPhone = job.hosted !== null;
  let camera: OpenCamera | null = null;
  // The detector loads while the agent picks the photo and the camera starts.
  const checks = new LiveFaceChecks(
    overlay.preview,
    loadFrameDetector(host.detectorPage, (frame) => overlay.mountHidden(frame)),
  );
  try {
    if (!recordingFormatForThisBrowser()) {
      throw new ExtensionError("recording_unsupported", t("recording_unsupported"));
    }
    const photo = await obtainReferencePhoto(overlay, job.reference, offerPhone);
    if (photo === "phone") return "phone";
    const plan = planRecording(job.livenessType, job.actions, settings.recordingSeconds);

    let notice: string | undefined;
    let deviceId: string | undefined;
    for (;;) {
      camera ??= await startCamera(overlay, settings, deviceId);
      overlay.setStream(camera.stream);
      const cameras = await listCameras();
      const choice = await askToStart(overlay, plan, {
        cameras,
        camera,
        notice,
        offerPhone,
        checks,
        allowOverride: host.allowOverride,
      });
      notice = undefined;
      if (choice.kind === "phone") return "phone";
      if (choice.kind === "switch-camera") {
        stopStream(camera.stream);
        camera = null;
        deviceId = choice.deviceId;
        continue;
      }
      const attempt =
        choice.kind === "camera-lost"
          ? choice
          : await recordAndVerify({
              overlay,
              plan,
              settings,
              camera,
              photo,
              livenessType: job.livenessType,
              actions: job.actions,
              sessionToken: sessionTokenFor(job, host, flowId),
              checks,
              checksOverridden: choice.checksOverridden,
            });
      if (attempt.kind === "again") {
        notice = attempt.notice;
        continue;
      }
      if (attempt.kind === "camera-lost") {
        stopStream(camera.stream);
        camera = null;
        deviceId = await askAfterCameraLost(overlay);
        continue;
      }
      const next = await deliver(attempt.verdict, {
        kind: "webcam",
        liveness: { livenessType: job.livenessType, actions: job.actions },
      });
      if (next === "done") return attempt.verdict;
    }
  } finally {
    checks.close();
    stopStream(camera?.stream ?? null);
    overlay.setStream(null);
  }
}

/**
 * The camera stopped under the preview or the take: the agent is told what to do, and the camera they pick (or
 * the browser's default) is opened again on "Try again". Giving up tells the page `camera_disconnected`.
 */
async function askAfterCameraLost(overlay: CaptureOverlay): Promise<string | undefined> {
  const cameras = await listCameras().catch(() => []);
  return (await askAfterCameraProblem(overlay, "disconnected", cameras)).deviceId;
}

/**
 * A hosted verification's verdict carries Tencent's numeric ErrorCode, of the same family as
 * GetLivenessResult's Result: retakes follow that catalogue; the text is Tencent's own ErrorMsg as the gateway
 * passed it on, which also covers the codes of the document (OCR) steps the catalogue does not list.
 */
function describeHostedVerdict(verdict: CompareResult): { description: string; retryable: boolean } {
  const known = isLivenessResultCode(verdict.result) ? describeLivenessResult(verdict.result) : null;
  return { description: verdict.description, retryable: known?.retryable ?? false };
}

/** The webcam request's liveness and hosted options, for the phone instead. */
function handoffFrom(job: WebcamJob): HandoffJob {
  if (!job.hosted) throw new ExtensionError("internal_error", t("error_no_redirect_url"));
  return {
    hosted: job.hosted,
    liveness: { livenessType: job.livenessType, actions: job.actions },
    ...(job.pageSessionToken !== undefined ? { pageSessionToken: job.pageSessionToken } : {}),
  };
}

/**
 * The page's own session token, or one the host mints for this page and flow (retakes share it, and so its
 * attempts). Asked for as the attempt starts, so it is ready by the time the recording ends; a failure is read
 * when the upload needs the token.
 */
function sessionTokenFor(job: WebcamJob, host: CaptureHost, flowId: string): Promise<string> {
  if (job.pageSessionToken !== undefined) return Promise.resolve(job.pageSessionToken);
  const token = host.mintSession({
    purpose: "capture",
    flowId,
    livenessType: job.livenessType,
    actions: job.actions,
  });
  token.catch(() => undefined);
  return token;
}
