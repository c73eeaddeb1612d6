/** The agent picks the reference photo among the page's images, or from a file. */
import { h } from "../../../ui/dom";
import { t } from "../../../ui/i18n";
import type { CaptureOverlay } from "../overlay";
import { actions, button, continueOnPhoneButton, type PhoneChoice, waitForChoice } from "./controls";

export type ReferenceChoice =
  | { kind: "image"; image: HTMLImageElement }
  | { kind: "file"; file: File }
  | PhoneChoice;

export function askReferencePhoto(
  overlay: CaptureOverlay,
  candidates: HTMLImageElement[],
  /** Offers "Continue on phone": the page's request said where a hand-off returns (redirectUrl). */
  offerPhone = false,
): Promise<ReferenceChoice> {
  overlay.setStage("hidden");
  return waitForChoice<ReferenceChoice>(overlay, (choose) => {
    // Out of the page's flow and of the accessibility tree: the button below is what people and assistive
    // technology use, and its click opens the picker (a hidden file input still does).
    const fileInput = h("input", { type: "file", accept: "image/jpeg,image/png,image/webp", hidden: true });
    fileInput.addEventListener("change", () => {
      const file = fileInput.files?.[0];
      if (file) choose({ kind: "file", file });
    });
    const fileButton = button(
      candidates.length === 0 ? t("reference_choose_file") : t("reference_choose_file_instead"),
      () => fileInput.click(),
      candidates.length === 0,
    );
    const tiles = candidates.map((image, i) => {
      const tile = h(
        "button",
        {
          type: "button",
          "aria-label": image.alt
            ? t("reference_use_photo_described", i + 1, image.alt)
            : t("reference_use_photo", i + 1),
        },
        h("img", { src: image.currentSrc || image.src, alt: "" }),
      );
      tile.addEventListener("click", () => choose({ kind: "image", image }));
      return tile;
    });
    overlay.setBody(
      h("h3", {}, t("reference_title")),
      h("p", {}, candidates.length > 0 ? t("reference_intro_found") : t("reference_intro_none")),
      tiles.length > 0 &&
        h("div", { class: "picker", role: "group", "aria-label": t("reference_photos_label") }, ...tiles),
      fileInput,
      actions(
        button(t("common_cancel"), () => overlay.close()),
        offerPhone ? continueOnPhoneButton(choose) : null,
        fileButton,
      ),
    );
    overlay.announce(t("reference_title"));
    overlay.focus(tiles[0] ?? fileButton);
  });
}
