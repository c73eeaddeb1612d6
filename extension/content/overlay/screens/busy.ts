/** A screen with a spinner while the extension works: reading the photo, starting the camera, preparing. */
import { h } from "../../../ui/dom";
import type { CaptureOverlay } from "../overlay";

export function showBusy(overlay: CaptureOverlay, title: string, detail = ""): void {
  overlay.setBody(
    h(
      "div",
      { class: "busy" },
      h("div", { class: "spinner", "aria-hidden": "true" }),
      h("div", {}, h("h3", {}, title), detail && h("p", { class: "muted" }, detail)),
    ),
  );
  overlay.announce(title);
}
