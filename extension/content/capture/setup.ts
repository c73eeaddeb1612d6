/**
 * What a capture needs before anyone is recorded: the reference photo (the page's, or one the agent picks)
 * and a working camera, each with the agent walked through the problems until it works or they give up.
 */

import type { ReferenceImageSource } from "../../../shared/page-protocol";
import { ExtensionError } from "../../messaging/errors";
import type { CaptureSettings } from "../../messaging/protocol";
import { t } from "../../ui/i18n";
import type { CaptureOverlay } from "../overlay/overlay";
import { showBusy } from "../overlay/screens/busy";
import { askAfterCameraProblem } from "../overlay/screens/camera-problem";
import { offerRetry } from "../overlay/screens/error";
import { askReferencePhoto } from "../overlay/screens/reference-photo";
import {
  type CameraDevice,
  CameraError,
  listCameras,
  type OpenCamera,
  openCamera,
  stopStream,
} from "./camera";
import {
  pageImageCandidates,
  type ReferencePhoto,
  readImageElement,
  readReferenceFile,
  readReferenceImage,
} from "./reference-photo";

/**
 * The photo as bytes, read once here: a data URL is decoded, an `<img>` fetched or drawn. "phone" when the
 * agent chose to continue on the customer's phone instead (offered only with `offerPhone`).
 */
export async function obtainReferencePhoto(
  overlay: CaptureOverlay,
  reference: ReferenceImageSource | null,
  offerPhone = false,
): Promise<ReferencePhoto | "phone"> {
  if (reference) {
    showBusy(overlay, t("busy_reading_photo"));
    return readReferenceImage(reference);
  }
  for (;;) {
    const choice = await askReferencePhoto(overlay, pageImageCandidates(), offerPhone);
    if (choice.kind === "phone") return "phone";
    showBusy(overlay, t("busy_reading_photo"));
    try {
      return choice.kind === "image"
        ? await readImageElement(choice.image)
        : await readReferenceFile(choice.file);
    } catch (error) {
      if (!(error instanceof ExtensionError)) throw error;
      await offerRetry(
        overlay,
        {
          title: t("reference_unusable_title"),
          message: error.message,
          retryLabel: t("reference_choose_another"),
        },
        error,
      );
    }
  }
}

export async function startCamera(
  overlay: CaptureOverlay,
  settings: CaptureSettings,
  deviceId?: string,
): Promise<OpenCamera> {
  let chosen = deviceId;
  for (;;) {
    overlay.setStage("hidden");
    showBusy(overlay, t("busy_starting_camera"), t("busy_allow_camera"));
    try {
      const camera = await openCamera({ deviceId: chosen, preferredLabel: settings.cameraLabel });
      if (overlay.closed.aborted) {
        stopStream(camera.stream);
        throw new ExtensionError("cancelled", t("error_cancelled"));
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
