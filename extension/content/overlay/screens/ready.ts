/** The live preview before recording: what the person will be asked to do, the camera, and Start. */

import { ACTION_LABELS } from "../../../ui/action-labels";
import { h } from "../../../ui/dom";
import type { CameraDevice } from "../../capture/camera";
import { PROMPTS } from "../../capture/guidance";
import type { RecordingPlan } from "../../capture/timeline";
import type { CaptureOverlay } from "../overlay";
import {
  actions,
  button,
  cameraSelect,
  continueOnPhoneButton,
  type PhoneChoice,
  waitForChoice,
} from "./controls";

export type StartChoice = { kind: "start" } | { kind: "switch-camera"; deviceId: string } | PhoneChoice;

export function askToStart(
  overlay: CaptureOverlay,
  plan: RecordingPlan,
  cameras: CameraDevice[],
  currentDeviceId: string,
  notice?: string,
  /** Offers "Continue on phone": the page's request said where a hand-off returns (redirectUrl). */
  offerPhone = false,
): Promise<StartChoice> {
  overlay.setStage("preview");
  return waitForChoice<StartChoice>(overlay, (choose) => {
    const select = cameraSelect(cameras, currentDeviceId);
    select?.addEventListener("change", () => choose({ kind: "switch-camera", deviceId: select.value }));
    const start = button("Start recording", () => choose({ kind: "start" }), true);
    const seconds = Math.round(plan.totalMs / 1000);
    const steps = plan.steps.filter((step) => step.kind !== "look_at_camera" && step.kind !== "hold_still");
    overlay.setBody(
      notice && h("div", { class: "notice info", role: "status" }, h("p", {}, notice)),
      h("h3", {}, "Position your face in the oval"),
      h(
        "p",
        {},
        plan.livenessType === "ACTION"
          ? `Good light, no hat or glasses. The recording takes ${seconds} seconds; follow the prompts in this order:`
          : `Good light, no hat or glasses. Look at the camera and hold still for ${seconds} seconds.`,
      ),
      steps.length > 0 &&
        h(
          "ol",
          { class: "plan", "aria-label": "Actions, in order" },
          ...steps.map((step) => h("li", {}, `${step.index}. ${PROMPTS[step.kind].title}`)),
        ),
      select && h("label", { class: "field" }, "Camera", select),
      actions(
        button("Cancel", () => overlay.close()),
        offerPhone ? continueOnPhoneButton(choose) : null,
        start,
      ),
    );
    overlay.announce(
      plan.livenessType === "ACTION"
        ? `Position your face in the oval. You will be asked to ${steps.map((step) => ACTION_LABELS[step.kind as keyof typeof ACTION_LABELS]).join(", then ")}. Press Start recording when ready.`
        : "Position your face in the oval, then press Start recording and hold still.",
    );
    overlay.focus(start);
  });
}
