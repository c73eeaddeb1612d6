/** The prompts while recording: the current step, its hint, the time left, and the ring around the oval. */
import { h } from "../../../ui/dom";
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
  overlay.setBody(meta, title, hint, actions(button("Cancel", () => overlay.close())));
  let shownStep = -1;
  let shownMeta = "";
  return (prompt) => {
    overlay.setProgress(prompt.progress);
    const stepIndex = plan.steps.indexOf(prompt.step);
    if (stepIndex !== shownStep) {
      shownStep = stepIndex;
      const text = PROMPTS[prompt.step.kind];
      title.textContent = text.title;
      hint.textContent = text.hint;
      overlay.announce(text.title);
    }
    const seconds = Math.ceil((plan.totalMs * (1 - prompt.progress)) / 1000);
    const step =
      plan.livenessType === "ACTION" && prompt.step.index > 0
        ? `Step ${prompt.step.index} of ${plan.actionCount} · `
        : "";
    const text = `Recording · ${step}${seconds > 0 ? `${seconds} s left` : "done"}`;
    if (text !== shownMeta) {
      shownMeta = text;
      meta.textContent = text;
    }
  };
}
