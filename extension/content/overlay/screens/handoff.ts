/**
 * The hand-off to the customer's phone: the link as a QR code, the same link as text, the short code to type
 * instead, and the flow's live status (waiting → opened → in progress → verdict) until the verdict arrives.
 * Cancel (or Esc, ×) closes the overlay, which ends the wait.
 */
import { h } from "../../../ui/dom";
import { type MessageKey, t, uiLocale } from "../../../ui/i18n";
import { qrModulesOf, qrPixelsOf, qrScaleFor } from "../../handoff/qr-code";
import type { HandoffProgress } from "../../handoff/status-poll";
import type { CaptureOverlay } from "../overlay";
import { actions, button } from "./controls";

/** The flow's steps, as the list under the code names them, and the status line for each. */
const STEP_NAMES = {
  waiting: "handoff_step_waiting",
  opened: "handoff_step_opened",
  in_progress: "handoff_step_in_progress",
  verdict: "handoff_step_verdict",
} as const satisfies Record<string, MessageKey>;
const STATUS = {
  waiting: "handoff_status_waiting",
  opened: "handoff_status_opened",
  in_progress: "handoff_status_in_progress",
  verdict: "handoff_status_verdict",
} as const satisfies Record<keyof typeof STEP_NAMES, MessageKey>;

export interface HandoffLink {
  handoffUrl: string;
  handoffCode: string;
  /** Epoch milliseconds. */
  expiresAtMs: number;
}

export interface HandoffView {
  progress(progress: HandoffProgress | "verdict"): void;
  /** Whether reads are failing and being tried again. */
  trouble(failing: boolean): void;
}

/** Drawn at its own size (no resampling blurs or drops a module), within the 200 px column beside the code. */
const QR_MAX_PIXELS = 200;
const STEP_ORDER = ["waiting", "opened", "in_progress", "verdict"] as const;

export function showHandoff(overlay: CaptureOverlay, link: HandoffLink): HandoffView {
  overlay.setStage("hidden");
  const typingUrl = link.handoffUrl.slice(0, link.handoffUrl.lastIndexOf("/"));
  const url = h("code", { class: "handoff-url" }, link.handoffUrl);
  const copy = button(t("handoff_copy_link"), async () => {
    try {
      await navigator.clipboard.writeText(link.handoffUrl);
      copy.textContent = t("common_copied");
      overlay.announce(t("handoff_link_copied"));
    } catch {
      // Clipboard refused (page policy, no focus): select the link so Ctrl+C works.
      const range = document.createRange();
      range.selectNodeContents(url);
      getSelection()?.removeAllRanges();
      getSelection()?.addRange(range);
      copy.textContent = t("common_press_ctrl_c");
    }
  });
  const steps = STEP_ORDER.map((step) => h("li", {}, t(STEP_NAMES[step])));
  const status = h("p", { class: "handoff-status" }, t(STATUS.waiting));
  const trouble = h("p", { class: "notice info", role: "status", hidden: true }, t("handoff_trouble"));
  overlay.setBody(
    h("h3", {}, t("handoff_title")),
    h("p", {}, t("handoff_scan")),
    h(
      "div",
      { class: "handoff" },
      qrCanvas(link.handoffUrl),
      h(
        "div",
        { class: "handoff-links" },
        h("p", { class: "muted" }, t("handoff_open_link")),
        url,
        h("p", { class: "muted" }, t("handoff_type_code", typingUrl)),
        h("p", { class: "handoff-code" }, link.handoffCode),
        h("p", { class: "muted" }, t("handoff_valid_until", clockTime(link.expiresAtMs))),
      ),
    ),
    h("ol", { class: "handoff-steps", "aria-label": t("handoff_steps_label") }, ...steps),
    status,
    trouble,
    actions(
      button(t("common_cancel"), () => overlay.close()),
      copy,
    ),
  );
  overlay.announce(t("handoff_announce", spelledOut(link.handoffCode)));
  overlay.focus(copy);

  const show = (current: HandoffProgress | "verdict") => {
    const index = STEP_ORDER.indexOf(current);
    steps.forEach((item, i) => {
      item.className = i < index ? "done" : i === index ? "current" : "";
      if (i === index) item.setAttribute("aria-current", "step");
      else item.removeAttribute("aria-current");
    });
    status.textContent = t(STATUS[current]);
  };
  show("waiting");
  return {
    progress(progress) {
      show(progress);
      overlay.announce(t(STATUS[progress]));
    },
    trouble(failing) {
      trouble.hidden = !failing;
    },
  };
}

function qrCanvas(link: string): HTMLCanvasElement {
  const modules = qrModulesOf(link);
  const pixels = qrPixelsOf(modules, qrScaleFor(modules, QR_MAX_PIXELS));
  const canvas = h("canvas", {
    class: "qr",
    width: pixels.width,
    height: pixels.height,
    role: "img",
    "aria-label": t("handoff_qr_label", link),
  });
  canvas.getContext("2d")?.putImageData(new ImageData(pixels.data, pixels.width, pixels.height), 0, 0);
  return canvas;
}

function clockTime(epochMs: number): string {
  return new Date(epochMs).toLocaleTimeString(uiLocale(), { hour: "2-digit", minute: "2-digit" });
}

/** The code character by character, so a screen reader says "A B C" rather than a word. */
function spelledOut(code: string): string {
  return code.replace(/-/g, "").split("").join(" ");
}
