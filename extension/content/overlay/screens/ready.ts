/**
 * The live preview before recording: what the person will be asked to do, the camera, and the face checks.
 * The recording starts by itself once every check has held for half a second; "Record anyway" is the agent's
 * override, recorded with the attempt. Without a detector, the agent starts it as before, and is told why.
 */

import { h } from "../../../ui/dom";
import { t } from "../../../ui/i18n";
import type { CameraDevice, OpenCamera } from "../../capture/camera";
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
  /** The camera stopped under the preview (unplugged, taken by another application). */
  | { kind: "camera-lost" }
  | PhoneChoice;

export interface ReadyScreenOptions {
  cameras: CameraDevice[];
  camera: OpenCamera;
  /** Why the last take stopped, said first. */
  notice?: string;
  /** Offers "Continue on phone": the page's request said where a hand-off returns (redirectUrl). */
  offerPhone: boolean;
  checks: LiveFaceChecks | null;
  /** Whether "Record anyway" is offered while the checks fail (the host's `allowOverride`). */
  allowOverride: boolean;
}

export function askToStart(
  overlay: CaptureOverlay,
  plan: RecordingPlan,
  { cameras, camera, notice, offerPhone, checks, allowOverride }: ReadyScreenOptions,
): Promise<StartChoice> {
  overlay.setStage("preview");
  let stopChecking = () => {};
  let stopWatchingCamera = () => {};
  const choice = waitForChoice<StartChoice>(overlay, (choose) => {
    const select = cameraSelect(cameras, camera.device.deviceId);
    select?.addEventListener("change", () => choose({ kind: "switch-camera", deviceId: select.value }));
    // Without a detector (none, or it failed to load) the agent starts the recording, and that is no override.
    let withoutChecks = checks === null || checks.current().kind === "unavailable";
    const start = button(
      withoutChecks ? t("ready_start") : t("ready_record_anyway"),
      () => choose({ kind: "start", checksOverridden: !withoutChecks }),
      withoutChecks,
    );
    // Without the override, the button only appears once the checks cannot run.
    start.hidden = !withoutChecks && !allowOverride;
    const panel = createFaceStatusPanel(overlay);
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
      panel.element,
      select && h("label", { class: "field" }, t("common_camera"), select),
      actions(
        button(t("common_cancel"), () => overlay.close()),
        offerPhone ? continueOnPhoneButton(choose) : null,
        start,
      ),
    );
    const asked = steps.map((step) => t(PROMPTS[step.kind].inSentence));
    const instructions = withoutChecks
      ? plan.livenessType === "ACTION"
        ? t("ready_announce_action", inOrder(asked))
        : t("ready_announce_silent")
      : plan.livenessType === "ACTION"
        ? t("ready_announce_action_checked", inOrder(asked))
        : t("ready_announce_silent_checked");
    // A notice (why the last take stopped, say) is heard first.
    overlay.announce(notice ? `${notice} ${instructions}` : instructions);
    const focusStart = withoutChecks;
    if (checks) {
      stopChecking = checks.subscribe((status) => {
        panel.show(status);
        if (status.kind === "unavailable" && !withoutChecks) {
          withoutChecks = true;
          start.textContent = t("ready_start");
          start.classList.add("primary");
          start.hidden = false;
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
    const onLost = () => choose({ kind: "camera-lost" });
    if (camera.lost.aborted) onLost();
    camera.lost.addEventListener("abort", onLost, { once: true });
    stopWatchingCamera = () => camera.lost.removeEventListener("abort", onLost);
  });
  return choice.finally(() => {
    stopChecking();
    stopWatchingCamera();
    overlay.setGuide("neutral");
  });
}

/** One or two actions, in the order they are asked for. */
function inOrder(actions: string[]): string {
  const [first, second] = actions;
  return second === undefined ? (first ?? "") : t("ready_two_actions", first ?? "", second);
}
