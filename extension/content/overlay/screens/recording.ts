/** The prompts while recording: the current step, its hint, the time left, and the ring around the oval. */
import { h } from "../../../ui/dom";
import { t } from "../../../ui/i18n";
import { PROMPTS } from "../../capture/guidance";
import type { PromptAt, RecordingPlan } from "../../capture/timeline";
import type { CaptureOverlay } from "../overlay";
import { actions, button } from "./controls";

/** Called on every animation frame while recording; touches the DOM only when something changed. */
export function createRecordingView(
  overlay: CaptureOverlay,
  plan: RecordingPlan,
): (prompt: PromptAt) => void {
  // The prompt sits below the picture, never over it: the person must see the mouth they are asked to open.
  overlay.setStage("recording");
  const meta = h("p", { class: "step-count" });
  const title = h("p", { class: "prompt-title" });
  const hint = h("p", { class: "prompt-hint" });
  overlay.setBody(meta, title, hint, actions(button(t("common_cancel"), () => overlay.close())));
  let shownStep = -1;
  let shownMeta = "";
  return (prompt) => {
    overlay.setProgress(prompt.progress);
    const stepIndex = plan.steps.indexOf(prompt.step);
    if (stepIndex !== shownStep) {
      shownStep = stepIndex;
      const text = PROMPTS[prompt.step.kind];
      title.textContent = t(text.title);
      hint.textContent = t(text.hint);
      overlay.announce(t(text.title));
    }
    const seconds = Math.ceil((plan.totalMs * (1 - prompt.progress)) / 1000);
    const time = seconds > 0 ? t("recording_seconds_left", seconds) : t("recording_done");
    const text =
      plan.livenessType === "ACTION" && prompt.step.index > 0
        ? t("recording_status_step", prompt.step.index, plan.actionCount, time)
        : t("recording_status", time);
    if (text !== shownMeta) {
      shownMeta = text;
      meta.textContent = text;
    }
  };
}
