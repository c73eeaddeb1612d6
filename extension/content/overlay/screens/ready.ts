/** The live preview before recording: what the person will be asked to do, the camera, and Start. */

import { h } from "../../../ui/dom";
import { t } from "../../../ui/i18n";
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
    const start = button(t("ready_start"), () => choose({ kind: "start" }), true);
    const seconds = Math.round(plan.totalMs / 1000);
    const steps = plan.steps.filter((step) => step.kind !== "look_at_camera" && step.kind !== "hold_still");
    overlay.setBody(
      notice && h("div", { class: "notice info", role: "status" }, h("p", {}, notice)),
      h("h3", {}, t("ready_title")),
      h(
        "p",
        {},
        plan.livenessType === "ACTION" ? t("ready_intro_action", seconds) : t("ready_intro_silent", seconds),
      ),
      steps.length > 0 &&
        h(
          "ol",
          { class: "plan", "aria-label": t("ready_plan_label") },
          ...steps.map((step) => h("li", {}, t("ready_plan_step", step.index, t(PROMPTS[step.kind].title)))),
        ),
      select && h("label", { class: "field" }, t("common_camera"), select),
      actions(
        button(t("common_cancel"), () => overlay.close()),
        offerPhone ? continueOnPhoneButton(choose) : null,
        start,
      ),
    );
    const asked = steps.map((step) => t(PROMPTS[step.kind].inSentence));
    overlay.announce(
      plan.livenessType === "ACTION"
        ? t("ready_announce_action", inOrder(asked))
        : t("ready_announce_silent"),
    );
    overlay.focus(start);
  });
}

/** One or two actions, in the order they are asked for. */
function inOrder(actions: string[]): string {
  const [first, second] = actions;
  return second === undefined ? (first ?? "") : t("ready_two_actions", first ?? "", second);
}
