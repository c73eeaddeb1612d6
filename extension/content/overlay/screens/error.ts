/**
 * Why something failed, with a way on where there is one. An error the agent has read here and closed is
 * remembered, so the end of the flow does not show it a second time.
 */
import type { ExtensionError } from "../../../messaging/errors";
import { h } from "../../../ui/dom";
import { t } from "../../../ui/i18n";
import type { CaptureOverlay } from "../overlay";
import { actions, button, waitForChoice } from "./controls";

export interface ErrorScreen {
  title: string;
  message: string;
  canRetry: boolean;
  retryLabel?: string;
}

export function askAfterError(overlay: CaptureOverlay, screen: ErrorScreen): Promise<"retry" | "close"> {
  overlay.setStage("hidden");
  return waitForChoice<"retry" | "close">(
    overlay,
    (choose) => {
      const close = button(
        screen.canRetry ? t("common_cancel") : t("common_close"),
        () => choose("close"),
        !screen.canRetry,
      );
      const retry = screen.canRetry
        ? button(screen.retryLabel ?? t("common_try_again"), () => choose("retry"), true)
        : null;
      overlay.setBody(
        h(
          "div",
          { class: "notice", role: "alert" },
          h("div", {}, h("h3", {}, screen.title), h("p", {}, screen.message)),
        ),
        actions(close, retry),
      );
      overlay.announce(t("announce_title_and_text", screen.title, screen.message));
      overlay.focus(retry ?? close);
    },
    () => "close",
  );
}

/**
 * The error screen with a retry: resolves when the agent retries; when they close it instead, throws
 * `failure` as the capture's end, already shown.
 */
export async function offerRetry(
  overlay: CaptureOverlay,
  screen: { title: string; message: string; retryLabel: string },
  failure: ExtensionError,
): Promise<void> {
  const choice = await askAfterError(overlay, { ...screen, canRetry: true });
  if (choice === "retry") return;
  shownToAgent.add(failure);
  throw failure;
}

export function wasShownToAgent(error: ExtensionError): boolean {
  return shownToAgent.has(error);
}

const shownToAgent = new WeakSet<ExtensionError>();
