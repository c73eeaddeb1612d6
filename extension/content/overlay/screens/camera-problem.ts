/** Why the camera did not start and what to do about it, with another try or another camera. */
import { ExtensionError } from "../../../messaging/errors";
import { h } from "../../../ui/dom";
import type { CameraDevice } from "../../capture/camera";
import { CAMERA_PROBLEMS, type CameraProblem } from "../../capture/guidance";
import type { CaptureOverlay } from "../overlay";
import { actions, button, cameraSelect, waitForChoice } from "./controls";

export function askAfterCameraProblem(
  overlay: CaptureOverlay,
  problem: CameraProblem,
  cameras: CameraDevice[],
): Promise<{ deviceId?: string }> {
  const screen = CAMERA_PROBLEMS[problem];
  overlay.setStage("hidden");
  return waitForChoice<{ deviceId?: string }>(
    overlay,
    (choose) => {
      const select = cameraSelect(cameras, undefined);
      const retry = button("Try again", () => choose(select?.value ? { deviceId: select.value } : {}), true);
      overlay.setBody(
        h(
          "div",
          { class: "notice", role: "alert" },
          h(
            "div",
            {},
            h("h3", {}, screen.title),
            h("ol", { class: "steps" }, ...screen.steps.map((step) => h("li", {}, step))),
          ),
        ),
        select && h("label", { class: "field" }, "Camera", select),
        actions(
          button("Cancel", () => overlay.close()),
          retry,
        ),
      );
      overlay.announce(`${screen.title}. ${screen.steps.join(" ")}`);
      overlay.focus(retry);
    },
    // Giving up here tells the page why the capture failed, not merely that it was cancelled.
    () => new ExtensionError(screen.code, screen.title),
  );
}
