/**
 * The capture overlay's shell: a `<dialog>` in a shadow root. The extension places it modal, in a closed
 * shadow root of its own on the partner page (`pageOverlay`): the page can neither style nor script its
 * content; the dialog sits in the top layer (no z-index can cover it), makes the page inert behind it and traps
 * focus. The web component places it inline, in its own shadow root (sdk/). Screens (`screens/`, one module
 * each) fill its stage and body.
 *
 * Esc and the × button end the overlay through `closed`; every waiting screen races against it.
 */
import { type Child, h, replaceChildren, svg } from "../../ui/dom";
import { t, uiDirection, uiLocale } from "../../ui/i18n";
import { OVERLAY_CSS, OVERLAY_HOST_CSS } from "./styles";

/** Where the overlay's dialog lives. */
export interface OverlayPlacement {
  /** The shadow root the dialog goes in, its styles already applied. */
  root: ShadowRoot;
  /** Modal over the page (the page goes inert behind it), or inline in its element's box. */
  modal: boolean;
  /** Undoes the placement once the overlay is destroyed. */
  remove(): void;
}

const HOST_TAG = "faceid-edge-overlay";
/** The oval face guide in the 640×480 stage: a face at arm's length fills it. The face checks use it too. */
export const GUIDE_OVAL = { cx: 320, cy: 236, rx: 148, ry: 192 } as const;

export type StageMode = "hidden" | "preview" | "countdown" | "recording";
/** The oval's colour: no judgement yet, something to fix, or every face check passing. */
export type GuideState = "neutral" | "fix" | "good";

export class CaptureOverlay {
  readonly closed: AbortSignal;
  private readonly closer = new AbortController();
  private readonly dialog: HTMLDialogElement;
  private readonly stage: HTMLDivElement;
  private readonly video: HTMLVideoElement;
  private readonly ring: SVGPathElement;
  private readonly countdown: HTMLDivElement;
  private readonly rec: HTMLDivElement;
  private readonly body: HTMLDivElement;
  private readonly live: HTMLParagraphElement;
  private readonly root: ShadowRoot;

  constructor(
    subtitle: string,
    private readonly placement: OverlayPlacement = pageOverlay(),
  ) {
    this.closed = this.closer.signal;
    this.root = placement.root;

    this.video = h("video", { muted: true, playsinline: true, autoplay: true, "aria-hidden": "true" });
    this.video.muted = true;
    this.ring = svg("path", {
      class: "guide-progress",
      // Starts at the top of the oval and runs clockwise; pathLength lets progress be a plain percentage.
      d: `M ${GUIDE_OVAL.cx} ${GUIDE_OVAL.cy - GUIDE_OVAL.ry} a ${GUIDE_OVAL.rx} ${GUIDE_OVAL.ry} 0 1 1 -0.01 0`,
      pathLength: 100,
      "stroke-dasharray": 100,
      "stroke-dashoffset": 100,
    });
    this.countdown = h("div", { class: "countdown", hidden: true, "aria-hidden": "true" });
    this.rec = h("div", { class: "rec", hidden: true }, t("overlay_recording_badge"));
    this.stage = h(
      "div",
      { class: "stage", hidden: true, "data-mode": "preview", "data-guide": "neutral" },
      this.video,
      svg(
        "svg",
        { viewBox: "0 0 640 480", preserveAspectRatio: "xMidYMid slice", "aria-hidden": "true" },
        svg(
          "defs",
          {},
          svg(
            "mask",
            { id: "face-window" },
            svg("rect", { width: 640, height: 480, fill: "white" }),
            svg("ellipse", { ...GUIDE_OVAL, fill: "black" }),
          ),
        ),
        svg("rect", { width: 640, height: 480, fill: "rgba(2,6,23,0.55)", mask: "url(#face-window)" }),
        svg("ellipse", { ...GUIDE_OVAL, class: "guide-outline" }),
        this.ring,
      ),
      this.countdown,
      this.rec,
    );
    this.body = h("div", { class: "body" });
    // Assertive: a prompt must be heard while it is still current, not after the next one.
    this.live = h("p", { class: "sr-only", role: "status", "aria-live": "assertive", "aria-atomic": "true" });
    const closeButton = h(
      "button",
      { class: "icon-button", type: "button", "aria-label": t("overlay_close_label") },
      "×",
    );
    closeButton.addEventListener("click", () => this.close());
    this.dialog = h(
      "dialog",
      {
        "aria-labelledby": "fe-title",
        "aria-describedby": "fe-subtitle",
        // The language chosen for this capture, which need not be the page's; Arabic reads right to left.
        lang: uiLocale(),
        dir: uiDirection(),
      },
      h(
        "div",
        { class: "header" },
        h("div", { class: "brand", "aria-hidden": "true" }, "FE"),
        h(
          "div",
          { class: "titles" },
          h("h2", { class: "title", id: "fe-title" }, t("overlay_title")),
          h("p", { class: "subtitle", id: "fe-subtitle" }, subtitle),
        ),
        closeButton,
      ),
      this.stage,
      this.body,
      this.live,
    );
    // Esc: handle it ourselves so that cancelling always goes through the same path.
    this.dialog.addEventListener("cancel", (event) => {
      event.preventDefault();
      this.close();
    });
    // A dialog closed by the browser (a second Esc, for instance) ends the capture the same way.
    this.dialog.addEventListener("close", () => this.close());
    placement.root.append(this.dialog);
    if (placement.modal) {
      this.dialog.showModal();
    } else {
      // An inline dialog gets no "cancel" event: Esc inside it cancels as it does on the modal one.
      this.dialog.addEventListener("keydown", (event) => {
        if (event.key === "Escape") this.close();
      });
      this.dialog.show();
    }
  }

  setStream(stream: MediaStream | null): void {
    if (this.video.srcObject !== stream) this.video.srcObject = stream;
    if (stream) void this.video.play().catch(() => undefined);
  }

  setStage(mode: StageMode): void {
    this.stage.hidden = mode === "hidden";
    this.stage.dataset.mode = mode;
    this.rec.hidden = mode !== "recording";
    if (mode !== "countdown") this.countdown.hidden = true;
    if (mode !== "recording") this.setProgress(0);
  }

  setGuide(state: GuideState): void {
    this.stage.dataset.guide = state;
  }

  /** The live camera picture, for the face checks to read frames from. */
  get preview(): HTMLVideoElement {
    return this.video;
  }

  /** Places a hidden helper (the face detector's frame) inside the closed root, out of the page's reach. */
  mountHidden(element: HTMLElement): void {
    element.hidden = true;
    this.root.append(element);
  }

  setCountdown(seconds: number): void {
    this.countdown.hidden = seconds <= 0;
    this.countdown.textContent = seconds > 0 ? String(seconds) : "";
  }

  /** 0–1 around the oval. */
  setProgress(progress: number): void {
    this.ring.setAttribute(
      "stroke-dashoffset",
      String(100 - Math.round(Math.min(1, Math.max(0, progress)) * 1000) / 10),
    );
  }

  setBody(...children: Child[]): void {
    replaceChildren(this.body, ...children);
  }

  /** Reads `text` to screen readers now. */
  announce(text: string): void {
    this.live.textContent = text;
  }

  /** Moves focus into the new screen, so keyboard users continue from there. */
  focus(element: HTMLElement | null | undefined): void {
    element?.focus({ preventScroll: true });
  }

  close(): void {
    if (!this.closer.signal.aborted) this.closer.abort();
  }

  destroy(): void {
    this.close();
    this.setStream(null);
    if (this.dialog.open) this.dialog.close();
    this.dialog.remove();
    this.placement.remove();
  }
}

/** The extension's placement: modal, in a closed shadow root on an element of its own at the page's end. */
export function pageOverlay(): OverlayPlacement {
  const host = document.createElement(HOST_TAG);
  const root = host.attachShadow({ mode: "closed" });
  applyStyles(root);
  document.documentElement.append(host);
  return { root, modal: true, remove: () => host.remove() };
}

/**
 * A constructable stylesheet where the browser lets a content script adopt one (page CSPs cannot block it);
 * otherwise a `<style>` element: Firefox refuses sheets built in a content script's compartment.
 */
function applyStyles(root: ShadowRoot): void {
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(OVERLAY_HOST_CSS + OVERLAY_CSS);
    root.adoptedStyleSheets = [sheet];
    if (root.adoptedStyleSheets.length === 1) return;
  } catch {
    // Fall through to the element.
  }
  root.append(h("style", {}, OVERLAY_HOST_CSS + OVERLAY_CSS));
}
