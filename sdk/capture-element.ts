/**
 * `<faceid-capture>`: the extension's guided capture on a partner's own page, with no extension. The gateway
 * serves this bundle at a versioned, immutable URL (scripts/build-sdk.mjs, README "The web component"); the
 * page adds the element with the session token its backend minted, the person presses Start, and the same
 * flow as the agent's overlay runs (extension/content/capture/flow.ts) with the page as its host.
 *
 * The shadow root is open: the page still cannot style inside it, and assistive technology and test tools can
 * read it (the extension's overlay is closed because it lives on pages that did not ask for it).
 */

import { type CaptureJob, runCaptureFlow } from "../extension/content/capture/flow";
import type { CaptureOverlay } from "../extension/content/overlay/overlay";
import { OVERLAY_CSS } from "../extension/content/overlay/styles";
import { h } from "../extension/ui/dom";
import { installTranslator, t } from "../extension/ui/i18n";
import { bundledProvider } from "../extension/ui/i18n-bundled";
import { CAPTURE_ATTRIBUTES, readCaptureAttributes } from "./attributes";
import { errorEvent, resultEvent } from "./events";
import { gatewayHost } from "./gateway-host";
import { ELEMENT_CSS } from "./styles";

export const CAPTURE_ELEMENT_TAG = "faceid-capture";

/** The gateway that served this script: read while it runs, the only time `currentScript` names it. */
const SCRIPT = document.currentScript;
const GATEWAY_URL = gatewayOfScript(SCRIPT);
/** Its own URL: the detector's page is served beside it. */
const COMPONENT_URL = SCRIPT instanceof HTMLScriptElement ? SCRIPT.src : "";

export class FaceIdCaptureElement extends HTMLElement {
  static readonly observedAttributes = [CAPTURE_ATTRIBUTES.locale];
  private readonly root = this.attachShadow({ mode: "open" });
  private readonly launcher: HTMLDivElement;
  private readonly startButton: HTMLButtonElement;
  private readonly status: HTMLParagraphElement;
  private running = false;
  private overlay: CaptureOverlay | null = null;

  constructor() {
    super();
    const sheets = [OVERLAY_CSS, ELEMENT_CSS].map((css) => {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
      return sheet;
    });
    this.root.adoptedStyleSheets = sheets;
    this.startButton = h("button", { type: "button", class: "button primary" });
    this.startButton.addEventListener("click", () => void this.start());
    this.status = h("p", { role: "status" });
    this.launcher = h("div", { class: "launcher" }, this.startButton, this.status);
    this.root.append(this.launcher);
  }

  connectedCallback(): void {
    this.speakPageLanguage();
  }

  attributeChangedCallback(): void {
    if (!this.running) this.speakPageLanguage();
  }

  /** Starts a capture, as the Start button does; a second call while one runs does nothing. */
  async start(): Promise<void> {
    if (this.running) return;
    this.speakPageLanguage();
    const parsed = readCaptureAttributes(this);
    if (!parsed.ok) {
      this.finish(parsed.message);
      this.dispatchEvent(errorEvent(parsed));
      return;
    }
    if (!GATEWAY_URL) {
      const message = t("component_not_from_gateway");
      this.finish(message);
      this.dispatchEvent(errorEvent({ code: "not_configured", message }));
      return;
    }
    const { request } = parsed;
    const job: CaptureJob = {
      mode: "webcam",
      source: "page",
      livenessType: request.livenessType,
      actions: request.actions,
      pageSessionToken: request.sessionToken,
      reference: request.reference,
      hosted: null,
    };
    const host = gatewayHost({
      root: this.root,
      gatewayUrl: GATEWAY_URL,
      componentUrl: COMPONENT_URL,
      allowOverride: request.allowOverride,
      locale: request.locale,
      onOverlay: (overlay) => {
        this.overlay = overlay;
      },
    });
    this.running = true;
    this.launcher.hidden = true;
    try {
      const end = await runCaptureFlow(job, host, (verdict) => this.dispatchEvent(resultEvent(verdict)));
      if (end.kind === "error") {
        this.finish(end.error.message);
        this.dispatchEvent(errorEvent(end.error));
      } else {
        this.finish(end.verdict.passed ? t("component_complete") : t("component_not_passed"));
      }
    } finally {
      this.running = false;
      this.overlay = null;
    }
  }

  /** Taken off the page mid-capture: the capture is cancelled, and the camera goes off with it. */
  disconnectedCallback(): void {
    this.overlay?.close();
  }

  /**
   * The element and its capture speak the `locale` attribute's language, else the browser's (English when
   * neither ships); the button is labelled in it before anyone presses it.
   */
  private speakPageLanguage(): void {
    installTranslator(
      bundledProvider([this.getAttribute(CAPTURE_ATTRIBUTES.locale), ...navigator.languages]),
    );
    this.startButton.textContent = t("component_start");
  }

  /** Back to the start button, saying how the last capture ended; focus returns to the button. */
  private finish(message: string): void {
    this.launcher.hidden = false;
    this.status.textContent = message;
    this.launcher.querySelector("button")?.focus({ preventScroll: true });
  }
}

function gatewayOfScript(script: HTMLOrSVGScriptElement | null): string | null {
  if (!(script instanceof HTMLScriptElement) || !script.src) return null;
  const url = new URL(script.src);
  return url.protocol === "https:" || url.protocol === "http:" ? url.origin : null;
}

if (!customElements.get(CAPTURE_ELEMENT_TAG))
  customElements.define(CAPTURE_ELEMENT_TAG, FaceIdCaptureElement);
