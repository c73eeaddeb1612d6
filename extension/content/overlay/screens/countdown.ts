/** One second of the countdown before recording, with the first prompt named in advance. */
import { h } from "../../../ui/dom";
import { t } from "../../../ui/i18n";
import { PROMPTS } from "../../capture/guidance";
import type { RecordingPlan } from "../../capture/timeline";
import type { CaptureOverlay } from "../overlay";
import { actions, button } from "./controls";

/** The flow calls it for 3, 2, 1. */
export function showCountdown(overlay: CaptureOverlay, seconds: number, plan: RecordingPlan): void {
  overlay.setStage("countdown");
  overlay.setCountdown(seconds);
  const first = plan.steps.find((step) => step.kind !== "look_at_camera") ?? plan.steps[0];
  if (!overlay.closed.aborted && seconds > 0) {
    overlay.setBody(
      h("h3", {}, t("countdown_title")),
      h("p", {}, first ? t("countdown_first", t(PROMPTS[first.kind].inSentence)) : ""),
      actions(button(t("common_cancel"), () => overlay.close())),
    );
    overlay.announce(String(seconds));
  }
}
