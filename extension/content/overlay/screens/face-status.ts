/**
 * The face checks' panel under the preview: what to fix in plain words, or "hold still" while the checks
 * hold, with the oval coloured to match and every change of instruction announced to screen readers.
 */
import { h } from "../../../ui/dom";
import { t } from "../../../ui/i18n";
import { FACE_PROBLEM_TEXTS } from "../../capture/face-checks/problem-texts";
import type { FaceCheckStatus } from "../../capture/live-face-checks";
import type { CaptureOverlay } from "../overlay";

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
          render("neutral", t("face_checks_starting"), "");
          return;
        case "unavailable":
          render("neutral", t("face_checks_unavailable_title"), t("face_checks_unavailable_hint"));
          return;
        case "checking":
          if (status.problem === null) {
            overlay.setProgress(status.progress);
            render("good", t("prompt_hold_still_title"), t("face_checks_passing_hint"));
          } else {
            overlay.setProgress(0);
            const text = FACE_PROBLEM_TEXTS[status.problem];
            render("fix", t(text.title), t(text.hint));
          }
          return;
      }
    },
  };
}
