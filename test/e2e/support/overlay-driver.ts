// Reaches into the extension's overlay, which lives in a CLOSED shadow root: no page script and none of
// Playwright's selectors can see inside. The DevTools protocol can: DOM.describeNode with `pierce` lists the
// closed root, DOM.resolveNode hands it to us, and Runtime.callFunctionOn reads it. Clicks are real mouse
// clicks at the element's position, so they are trusted user gestures like a person's.
import type { CDPSession, Page } from "playwright-core";

const HOST = "faceid-edge-overlay";

export class OverlayDriver {
  private constructor(
    private readonly page: Page,
    private readonly cdp: CDPSession,
  ) {}

  static async attach(page: Page): Promise<OverlayDriver> {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("DOM.enable");
    return new OverlayDriver(page, cdp);
  }

  async isOpen(): Promise<boolean> {
    return (await this.shadowRoot()) !== null;
  }

  /** The dialog's visible text. */
  async text(): Promise<string> {
    return (
      (await this.call<string>("function () { return this.querySelector('dialog')?.innerText ?? ''; }")) ?? ""
    );
  }

  /** The language and writing direction the dialog declares. */
  async language(): Promise<{ lang: string; dir: string } | null> {
    return this.call(
      "function () { const d = this.querySelector('dialog'); return d && { lang: d.lang, dir: d.dir }; }",
    );
  }

  async waitForText(expected: string | RegExp, timeoutMs = 30_000): Promise<string> {
    return this.waitFor(
      async () => {
        const text = await this.text();
        return (typeof expected === "string" ? text.includes(expected) : expected.test(text)) ? text : null;
      },
      `overlay text ${expected}`,
      timeoutMs,
    );
  }

  async waitForClosed(timeoutMs = 15_000): Promise<void> {
    await this.waitFor(async () => ((await this.isOpen()) ? null : true), "overlay to close", timeoutMs);
  }

  /** Clicks the button whose text or aria-label is `label`, with the mouse. */
  /**
   * Clicks the button labelled `label` with the mouse. The overlay can move to its next screen between finding
   * the button and the click landing (the checks start a take by themselves), so the button listens for the
   * click and the driver tries again, on the new screen's button of that label, when it did not get it.
   */
  async clickButton(label: string): Promise<void> {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const box = await this.waitFor(
        () =>
          this.call<{ x: number; y: number } | null>(
            `function (label) {
              const button = [...this.querySelectorAll("button")].find(
                (b) => b.textContent.trim() === label || b.getAttribute("aria-label") === label);
              if (!button || button.disabled) return null;
              button.scrollIntoView({ block: "center" });
              const r = button.getBoundingClientRect();
              if (r.width === 0) return null;
              this.__faceidClicked = false;
              button.addEventListener("click", () => { this.__faceidClicked = true; }, { once: true });
              return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
            }`,
            label,
          ),
        `button "${label}"`,
        Math.max(0, deadline - Date.now()),
      );
      await this.page.mouse.click(box.x, box.y);
      // A click that closed the overlay took the shadow root with it: null means it landed.
      const landed = await this.call<boolean>("function () { return this.__faceidClicked === true; }");
      if (landed !== false) return;
      if (Date.now() > deadline) throw new Error(`the click on button "${label}" never reached it`);
    }
  }

  /** Where the first element matching `selector` is drawn in the viewport, once it is. */
  async boundingBox(selector: string): Promise<{ x: number; y: number; width: number; height: number }> {
    return this.waitFor(
      () =>
        this.call<{ x: number; y: number; width: number; height: number } | null>(
          `function (selector) {
            const element = this.querySelector(selector);
            if (!element) return null;
            element.scrollIntoView({ block: "center" });
            const r = element.getBoundingClientRect();
            return r.width > 0 ? { x: r.x, y: r.y, width: r.width, height: r.height } : null;
          }`,
          selector,
        ),
      `element ${selector}`,
      15_000,
    );
  }

  /** The preview's frame size, once camera frames arrive. */
  async waitForVideo(timeoutMs = 15_000): Promise<{ width: number; height: number }> {
    return this.waitFor(
      () =>
        this.call<{ width: number; height: number } | null>(`function () {
          const video = this.querySelector("video");
          return video && video.readyState >= 2 && video.videoWidth > 0 ? { width: video.videoWidth, height: video.videoHeight } : null;
        }`),
      "camera frames in the preview",
      timeoutMs,
    );
  }

  /** The aria-label or text of the overlay's focused element, or null when nothing in it has the focus. */
  async focused(): Promise<string | null> {
    return this.call<string | null>(`function () {
      const element = this.activeElement;
      return element ? (element.getAttribute("aria-label") ?? element.textContent.trim()) : null;
    }`);
  }

  /** The preview's playback counters so far (HTMLVideoElement.getVideoPlaybackQuality). */
  async videoQuality(): Promise<{ total: number; dropped: number }> {
    const quality = await this.call<{ total: number; dropped: number }>(`function () {
      const q = this.querySelector("video").getVideoPlaybackQuality();
      return { total: q.totalVideoFrames, dropped: q.droppedVideoFrames };
    }`);
    return quality ?? { total: 0, dropped: 0 };
  }

  /**
   * Records every text the ARIA live region announces, in order, into `window.__faceidLive` of the page's
   * main world: prompts last 1.5 s or more, but a recorder that polls could still miss one on a busy machine.
   */
  async recordAnnouncements(): Promise<void> {
    await this.call(`function () {
      const live = this.querySelector('[aria-live]');
      const log = (window.__faceidLive = []);
      log.push(live.textContent);
      new MutationObserver(() => log.push(live.textContent)).observe(live, { childList: true, characterData: true, subtree: true });
    }`);
  }

  async announcements(): Promise<string[]> {
    return this.page.evaluate(() => (window as unknown as { __faceidLive?: string[] }).__faceidLive ?? []);
  }

  private async call<T>(functionDeclaration: string, ...args: unknown[]): Promise<T | null> {
    const root = await this.shadowRoot();
    if (!root) return null;
    const { result, exceptionDetails } = await this.cdp.send("Runtime.callFunctionOn", {
      objectId: root,
      functionDeclaration,
      arguments: args.map((value) => ({ value })),
      returnByValue: true,
    });
    if (exceptionDetails)
      throw new Error(`in the overlay: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
    return result.value as T;
  }

  private async shadowRoot(): Promise<string | null> {
    const { result } = await this.cdp.send("Runtime.evaluate", {
      expression: `document.querySelector("${HOST}")`,
    });
    if (!result.objectId) return null;
    const { node } = await this.cdp.send("DOM.describeNode", {
      objectId: result.objectId,
      depth: 1,
      pierce: true,
    });
    const shadow = node.shadowRoots?.[0];
    if (!shadow) return null;
    const { object } = await this.cdp.send("DOM.resolveNode", { backendNodeId: shadow.backendNodeId });
    return object.objectId ?? null;
  }

  /** Polls `probe` until it returns a value, within a bounded time. */
  private async waitFor<T>(probe: () => Promise<T | null>, what: string, timeoutMs: number): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    let last = "";
    for (;;) {
      const value = await probe().catch((error: unknown) => {
        last = String(error);
        return null;
      });
      if (value !== null && value !== undefined) return value;
      if (Date.now() > deadline) {
        throw new Error(
          `timed out after ${timeoutMs} ms waiting for ${what}; overlay says: ${await this.text().catch(() => last)}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
