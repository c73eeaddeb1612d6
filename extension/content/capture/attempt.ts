/**
 * One attempt of a capture: countdown, recording, the MP4 Tencent accepts and its checks, then the upload and
 * the verdict. From the end of the recording to the request on the wire, the bytes pass through this module
 * and `../upload.ts` only, in this one context: the session token was asked for before the recording ended.
 */

import type { LivenessActionName, LivenessType } from "../../../shared/faceid/types";
import { probeVideo } from "../../../shared/media/probe";
import type { CompareResult } from "../../../shared/rest/api";
import { isFinalError } from "../../gateway/rest-answer";
import { ExtensionError } from "../../messaging/errors";
import type { CaptureSettings } from "../../messaging/protocol";
import { t } from "../../ui/i18n";
import type { CaptureOverlay } from "../overlay/overlay";
import { showBusy } from "../overlay/screens/busy";
import { showCountdown } from "../overlay/screens/countdown";
import { offerRetry } from "../overlay/screens/error";
import { createRecordingView } from "../overlay/screens/recording";
import { showUploading } from "../overlay/screens/uploading";
import { uploadForVerdict, xhrTransport } from "../upload";
import type { OpenCamera } from "./camera";
import type { FaceProblem } from "./face-checks/frame-checks";
import { FACE_PROBLEM_TEXTS } from "./face-checks/problem-texts";
import type { LiveFaceChecks } from "./live-face-checks";
import { type Recording, recordClip } from "./recorder";
import { checkRecordedVideo, describeRecordingProblem } from "./recording-format";
import type { ReferencePhoto } from "./reference-photo";
import { RemuxError, toTencentMp4 } from "./remux";
import type { RecordingPlan } from "./timeline";

export interface AttemptInputs {
  overlay: CaptureOverlay;
  plan: RecordingPlan;
  settings: CaptureSettings;
  camera: OpenCamera;
  photo: ReferencePhoto;
  livenessType: LivenessType;
  actions: readonly LivenessActionName[];
  /** Asked for when the attempt starts; a failure to get it is read where it is used. */
  sessionToken: Promise<string>;
  /** The face checks, which also watch the recording; null where the host has none. */
  checks: LiveFaceChecks | null;
  /** The agent started the recording although the checks did not pass: sent with the upload. */
  checksOverridden: boolean;
}

export type Attempt =
  | { kind: "verdict"; verdict: CompareResult }
  | { kind: "again"; notice?: string }
  /** The camera stopped before or during the take: nothing was sent. */
  | { kind: "camera-lost" };

export async function recordAndVerify(inputs: AttemptInputs): Promise<Attempt> {
  const { overlay, plan, settings, photo } = inputs;
  await countDown(overlay, settings.countdownSeconds, plan);
  const taken = await recordWatched(inputs);
  if (taken.kind === "camera-lost") return taken;
  if (taken.kind === "lost") {
    return {
      kind: "again",
      notice: t("face_problem_restart_notice", t(FACE_PROBLEM_TEXTS[taken.problem].title)),
    };
  }
  const { recording } = taken;
  overlay.setStage("preview");
  showBusy(overlay, t("busy_preparing_video"));

  let video: Uint8Array;
  try {
    video = (await toTencentMp4(recording.bytes)).bytes;
  } catch (error) {
    if (error instanceof RemuxError && error.reason === "conversion-unsupported") {
      throw new ExtensionError("recording_unsupported", error.message);
    }
    return retryAfter(
      overlay,
      t("attempt_not_prepared"),
      error instanceof Error ? error.message : String(error),
    );
  }
  const problem = checkRecordedVideo(probeVideo(video), video.length, photo.bytes.length);
  if (problem) return retryAfter(overlay, t("attempt_cannot_send"), describeRecordingProblem(problem));

  const uploadCancel = new AbortController();
  const onClose = () => uploadCancel.abort();
  overlay.closed.addEventListener("abort", onClose, { once: true });
  const view = showUploading(overlay, () => uploadCancel.abort());
  try {
    const verdict = await uploadForVerdict(
      {
        workerUrl: settings.workerUrl,
        sessionToken: await inputs.sessionToken,
        livenessType: inputs.livenessType,
        actions: inputs.actions,
        video,
        image: photo.bytes,
        imageType: photo.type,
        checksOverridden: inputs.checksOverridden,
      },
      xhrTransport,
      {
        signal: uploadCancel.signal,
        onProgress: (sentBytes, totalBytes) => view.progress(sentBytes, totalBytes),
        onRetry: () => view.retrying(),
      },
    );
    return { kind: "verdict", verdict };
  } catch (error) {
    if (!(error instanceof ExtensionError)) throw error;
    if (overlay.closed.aborted) throw error;
    if (error.code === "cancelled") return { kind: "again", notice: t("attempt_upload_cancelled") };
    if (isFinalError(error)) throw error;
    // The page hears the upload's own code (network_error, upstream_error…) if the person gives up here.
    return retryAfter(overlay, t("attempt_failed"), error.message, error);
  } finally {
    overlay.closed.removeEventListener("abort", onClose);
  }
}

/**
 * The recording, stopped when the face checks lose the face (or see a second one) for a moment, or when the
 * camera stops. A take the agent forced past the checks is not watched: what failed them would stop it at once.
 */
async function recordWatched(
  inputs: AttemptInputs,
): Promise<
  | { kind: "recorded"; recording: Recording }
  | { kind: "lost"; problem: FaceProblem }
  | { kind: "camera-lost" }
> {
  const { overlay, plan, camera, checks } = inputs;
  const lost = new AbortController();
  let problem: FaceProblem = "no_face";
  const stopWatching =
    checks && !inputs.checksOverridden
      ? checks.subscribe((status) => {
          if (status.kind !== "checking" || !status.lost || lost.signal.aborted) return;
          problem = status.problem ?? problem;
          lost.abort();
        })
      : () => {};
  try {
    const signal = AbortSignal.any([overlay.closed, lost.signal, camera.lost]);
    const recording = await recordClip(camera.stream, plan, createRecordingView(overlay, plan), signal);
    return { kind: "recorded", recording };
  } catch (error) {
    if (overlay.closed.aborted) throw error;
    if (camera.lost.aborted) return { kind: "camera-lost" };
    if (lost.signal.aborted) return { kind: "lost", problem };
    throw error;
  } finally {
    stopWatching();
  }
}

async function retryAfter(
  overlay: CaptureOverlay,
  title: string,
  message: string,
  failure = new ExtensionError("recording_failed", message),
): Promise<Attempt> {
  await offerRetry(overlay, { title, message, retryLabel: t("attempt_record_again") }, failure);
  return { kind: "again" };
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
    const cancelled = () => new ExtensionError("cancelled", t("error_cancelled"));
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
