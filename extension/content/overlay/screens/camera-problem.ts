/**
 * Why the camera did not start (or stopped) and what to do about it, with another try or another camera. A
 * problem no retry can fix (the page cannot use a camera at all) offers only Cancel: the promise then settles
 * only by rejecting with the problem's code.
 */
import { ExtensionError } from "../../../messaging/errors";
import { h } from "../../../ui/dom";
import { t } from "../../../ui/i18n";
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
  const title = t(screen.title);
  const steps = screen.steps.map((step) => t(step));
  overlay.setStage("hidden");
  return waitForChoice<{ deviceId?: string }>(
    overlay,
    (choose) => {
      const select = screen.canRetry ? cameraSelect(cameras, undefined) : null;
      const retry = screen.canRetry
        ? button(t("common_try_again"), () => choose(select?.value ? { deviceId: select.value } : {}), true)
        : null;
      const cancel = button(t("common_cancel"), () => overlay.close());
      overlay.setBody(
        h(
          "div",
          { class: "notice", role: "alert" },
          h(
            "div",
            {},
            h("h3", {}, title),
            h("ol", { class: "steps" }, ...steps.map((step) => h("li", {}, step))),
          ),
        ),
        select && h("label", { class: "field" }, t("common_camera"), select),
        actions(cancel, retry),
      );
      overlay.announce(t("announce_title_and_text", title, steps.join(" ")));
      overlay.focus(retry ?? cancel);
    },
    // Giving up here tells the page why the capture failed, not merely that it was cancelled.
    () => new ExtensionError(screen.code, title),
  );
}
