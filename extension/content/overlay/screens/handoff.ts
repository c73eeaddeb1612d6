/**
 * The hand-off to the customer's phone: the link as a QR code, the same link as text, the short code to type
 * instead, and the flow's live status (waiting → opened → in progress → verdict) until the verdict arrives.
 * Cancel (or Esc, ×) closes the overlay, which ends the wait.
 */
import { h } from "../../../ui/dom";
import { qrModulesOf, qrPixelsOf, qrScaleFor } from "../../handoff/qr-code";
import type { HandoffProgress } from "../../handoff/status-poll";
import type { CaptureOverlay } from "../overlay";
import { actions, button } from "./controls";

/** Every text of this screen, in one place (another issue brings locales). */
export const HANDOFF_TEXT = {
  title: "Continue on the customer's phone",
  scan: "Ask the customer to scan this code with their phone's camera.",
  qrLabel: (url: string) => `QR code of the link ${url}`,
  openLink: "Or open this link on the phone:",
  typeCode: (typingUrl: string) => `Or type this code at ${typingUrl}:`,
  validUntil: (time: string) => `The link and the code work until ${time}.`,
  steps: { waiting: "Waiting", opened: "Opened", in_progress: "In progress", verdict: "Verdict" },
  status: {
    waiting: "Waiting for the customer to open the link.",
    opened: "The customer opened the link on their phone.",
    in_progress: "The customer is going through the check on their phone.",
    verdict: "The verdict arrived.",
  },
  trouble: "The Worker could not be reached. Trying again…",
  copy: "Copy link",
  copied: "Copied",
  copiedAnnouncement: "Link copied.",
  pressCtrlC: "Press Ctrl+C",
  cancel: "Cancel",
  announce: (code: string) =>
    `Hand-off to the customer's phone. Show the QR code, or give the code ${code.split("").join(" ")}. Waiting for the customer to open the link.`,
} as const;

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
  const text = HANDOFF_TEXT;
  const typingUrl = link.handoffUrl.slice(0, link.handoffUrl.lastIndexOf("/"));
  const url = h("code", { class: "handoff-url" }, link.handoffUrl);
  const copy = button(text.copy, async () => {
    try {
      await navigator.clipboard.writeText(link.handoffUrl);
      copy.textContent = text.copied;
      overlay.announce(text.copiedAnnouncement);
    } catch {
      // Clipboard refused (page policy, no focus): select the link so Ctrl+C works.
      const range = document.createRange();
      range.selectNodeContents(url);
      getSelection()?.removeAllRanges();
      getSelection()?.addRange(range);
      copy.textContent = text.pressCtrlC;
    }
  });
  const steps = STEP_ORDER.map((step) => h("li", {}, text.steps[step]));
  const status = h("p", { class: "handoff-status" }, text.status.waiting);
  const trouble = h("p", { class: "notice info", role: "status", hidden: true }, text.trouble);
  overlay.setBody(
    h("h3", {}, text.title),
    h("p", {}, text.scan),
    h(
      "div",
      { class: "handoff" },
      qrCanvas(link.handoffUrl),
      h(
        "div",
        { class: "handoff-links" },
        h("p", { class: "muted" }, text.openLink),
        url,
        h("p", { class: "muted" }, text.typeCode(typingUrl)),
        h("p", { class: "handoff-code" }, link.handoffCode),
        h("p", { class: "muted" }, text.validUntil(clockTime(link.expiresAtMs))),
      ),
    ),
    h("ol", { class: "handoff-steps", "aria-label": "Status on the phone" }, ...steps),
    status,
    trouble,
    actions(
      button(text.cancel, () => overlay.close()),
      copy,
    ),
  );
  overlay.announce(text.announce(link.handoffCode.replace(/-/g, "")));
  overlay.focus(copy);

  const show = (current: HandoffProgress | "verdict") => {
    const index = STEP_ORDER.indexOf(current);
    steps.forEach((item, i) => {
      item.className = i < index ? "done" : i === index ? "current" : "";
      if (i === index) item.setAttribute("aria-current", "step");
      else item.removeAttribute("aria-current");
    });
    status.textContent = text.status[current];
  };
  show("waiting");
  return {
    progress(progress) {
      show(progress);
      overlay.announce(text.status[progress]);
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
    "aria-label": HANDOFF_TEXT.qrLabel(link),
  });
  canvas.getContext("2d")?.putImageData(new ImageData(pixels.data, pixels.width, pixels.height), 0, 0);
  return canvas;
}

function clockTime(epochMs: number): string {
  return new Date(epochMs).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
}
