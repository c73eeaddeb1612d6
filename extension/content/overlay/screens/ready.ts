/**
 * The live preview before recording: what the person will be asked to do, the camera, and the face checks.
 * The recording starts by itself once every check has held for half a second; "Record anyway" is the agent's
 * override, recorded with the attempt. Without a detector, the agent starts it as before, and is told why.
 */

import { ACTION_LABELS } from "../../../ui/action-labels";
import { h } from "../../../ui/dom";
import type { CameraDevice } from "../../capture/camera";
import { PROMPTS } from "../../capture/guidance";
import type { LiveFaceChecks } from "../../capture/live-face-checks";
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
import { createFaceStatusPanel } from "./face-status";

export type StartChoice =
  | { kind: "start"; checksOverridden: boolean }
  | { kind: "switch-camera"; deviceId: string }
  | PhoneChoice;

export const RECORD_ANYWAY_LABEL = "Record anyway";

export function askToStart(
  overlay: CaptureOverlay,
  plan: RecordingPlan,
  cameras: CameraDevice[],
  currentDeviceId: string,
  notice?: string,
  /** Offers "Continue on phone": the page's request said where a hand-off returns (redirectUrl). */
  offerPhone = false,
  checks: LiveFaceChecks | null = null,
): Promise<StartChoice> {
  overlay.setStage("preview");
  let stopChecking = () => {};
  const choice = waitForChoice<StartChoice>(overlay, (choose) => {
    const select = cameraSelect(cameras, currentDeviceId);
    select?.addEventListener("change", () => choose({ kind: "switch-camera", deviceId: select.value }));
    // Without a detector (none, or it failed to load) the agent starts the recording, and that is no override.
    let withoutChecks = checks === null || checks.current().kind === "unavailable";
    const start = button(
      withoutChecks ? "Start recording" : RECORD_ANYWAY_LABEL,
      () => choose({ kind: "start", checksOverridden: !withoutChecks }),
      withoutChecks,
    );
    const panel = createFaceStatusPanel(overlay);
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
      panel.element,
      select && h("label", { class: "field" }, "Camera", select),
      actions(
        button("Cancel", () => overlay.close()),
        offerPhone ? continueOnPhoneButton(choose) : null,
        start,
      ),
    );
    const howToStart = withoutChecks
      ? "Press Start recording when ready."
      : "Recording starts when the face checks pass.";
    const instructions =
      plan.livenessType === "ACTION"
        ? `Position your face in the oval. You will be asked to ${steps.map((step) => ACTION_LABELS[step.kind as keyof typeof ACTION_LABELS]).join(", then ")}. ${howToStart}`
        : `Position your face in the oval and hold still. ${howToStart}`;
    // A notice (why the last take stopped, say) is heard first.
    overlay.announce(notice ? `${notice} ${instructions}` : instructions);
    const focusStart = withoutChecks;
    if (checks) {
      stopChecking = checks.subscribe((status) => {
        panel.show(status);
        if (status.kind === "unavailable" && !withoutChecks) {
          withoutChecks = true;
          start.textContent = "Start recording";
          start.classList.add("primary");
        }
        if (status.kind === "checking" && status.problem === null && status.progress >= 1) {
          choose({ kind: "start", checksOverridden: false });
        }
      });
    } else {
      panel.element.hidden = true;
    }
    // The start button when it is the way on; otherwise the instructions, so an override is never one
    // stray Enter away.
    overlay.focus(focusStart ? start : panel.element);
  });
  return choice.finally(() => {
    stopChecking();
    overlay.setGuide("neutral");
  });
}
