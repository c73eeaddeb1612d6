/**
 * What the overlay's screens have in common: waiting for the agent's choice (or the overlay closing), buttons,
 * and the camera picker. A screen that waits for the agent returns a promise of the choice, rejected with
 * `cancelled` when the overlay closes (Esc, ×). Every screen moves focus to its main control and announces
 * itself through the live region.
 */
import { ExtensionError } from "../../../messaging/errors";
import { h } from "../../../ui/dom";
import { t } from "../../../ui/i18n";
import type { CameraDevice } from "../../capture/camera";
import type { CaptureOverlay } from "../overlay";

/**
 * Renders a screen and waits for `choose`. When the overlay closes first, the promise settles with
 * `onClose()`'s value, or rejects with what it throws (by default: cancelled).
 */
export function waitForChoice<T>(
  overlay: CaptureOverlay,
  render: (choose: (value: T) => void) => void,
  onClose: () => T | ExtensionError = () => new ExtensionError("cancelled", t("error_cancelled")),
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const settle = (value: T | ExtensionError) => {
      if (settled) return;
      settled = true;
      overlay.closed.removeEventListener("abort", onAbort);
      if (value instanceof ExtensionError) reject(value);
      else resolve(value);
    };
    const onAbort = () => settle(onClose());
    if (overlay.closed.aborted) {
      onAbort();
      return;
    }
    overlay.closed.addEventListener("abort", onAbort, { once: true });
    render((value) => settle(value));
  });
}

export function button(label: string, onClick: () => void, primary = false): HTMLButtonElement {
  const element = h("button", { type: "button", class: primary ? "button primary" : "button" }, label);
  element.addEventListener("click", onClick);
  return element;
}

/** The agent's way from the webcam to the customer's phone, on the screens that offer it. */
export type PhoneChoice = { kind: "phone" };
export function continueOnPhoneButton(choose: (choice: PhoneChoice) => void): HTMLButtonElement {
  return button(t("common_continue_on_phone"), () => choose({ kind: "phone" }));
}

/** The row of buttons at the bottom of a screen. */
export function actions(...buttons: (HTMLButtonElement | null)[]): HTMLDivElement {
  return h("div", { class: "actions" }, ...buttons);
}

export function cameraSelect(cameras: CameraDevice[], current: string | undefined): HTMLSelectElement | null {
  if (cameras.length === 0) return null;
  return h(
    "select",
    { "aria-label": t("common_camera") },
    ...cameras.map((camera) =>
      h("option", { value: camera.deviceId, selected: camera.deviceId === current }, camera.label),
    ),
  );
}
