/**
 * The face checks' panel under the preview: what to fix in plain words, or "hold still" while the checks
 * hold, with the oval coloured to match and every change of instruction announced to screen readers.
 */
import { h } from "../../../ui/dom";
import { FACE_PROBLEM_TEXTS } from "../../capture/face-checks/problem-texts";
import type { FaceCheckStatus } from "../../capture/live-face-checks";
import type { CaptureOverlay } from "../overlay";

export const CHECKS_UNAVAILABLE_TITLE = "Face checks are unavailable";

export interface FaceStatusPanel {
  element: HTMLDivElement;
  show(status: FaceCheckStatus): void;
}

export function createFaceStatusPanel(overlay: CaptureOverlay): FaceStatusPanel {
  const title = h("p", { class: "face-status-title" });
  const hint = h("p", { class: "face-status-hint" });
  const element = h("div", { class: "face-status", "data-guide": "neutral", tabindex: -1 }, title, hint);
  // The first instruction is seen, not announced: the screen's own announcement comes first.
  let shown: string | null = null;
  const render = (guide: "neutral" | "fix" | "good", heading: string, detail: string) => {
    element.dataset.guide = guide;
    overlay.setGuide(guide);
    if (heading === shown) return;
    if (shown !== null) overlay.announce(detail ? `${heading}. ${detail}` : heading);
    shown = heading;
    title.textContent = heading;
    hint.textContent = detail;
  };
  return {
    element,
    show(status) {
      switch (status.kind) {
        case "loading":
          render("neutral", "Starting the face checks…", "");
          return;
        case "unavailable":
          render(
            "neutral",
            CHECKS_UNAVAILABLE_TITLE,
            "The face detector could not load, so nothing checks the picture before recording. You can still record, without the checks.",
          );
          return;
        case "checking":
          if (status.problem === null) {
            overlay.setProgress(status.progress);
            render("good", "Hold still", "Every check passes. Recording starts in a moment.");
          } else {
            overlay.setProgress(0);
            const text = FACE_PROBLEM_TEXTS[status.problem];
            render("fix", text.title, text.hint);
          }
          return;
      }
    },
  };
}
