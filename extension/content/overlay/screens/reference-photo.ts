/** The agent picks the reference photo among the page's images, or from a file. */
import { h } from "../../../ui/dom";
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
      candidates.length === 0 ? "Choose a photo file…" : "Choose a file instead…",
      () => fileInput.click(),
      candidates.length === 0,
    );
    const tiles = candidates.map((image, i) => {
      const tile = h(
        "button",
        {
          type: "button",
          "aria-label": `Use photo ${i + 1} from the page${image.alt ? `: ${image.alt}` : ""}`,
        },
        h("img", { src: image.currentSrc || image.src, alt: "" }),
      );
      tile.addEventListener("click", () => choose({ kind: "image", image }));
      return tile;
    });
    overlay.setBody(
      h("h3", {}, "Choose the reference photo"),
      h(
        "p",
        {},
        candidates.length > 0
          ? "Pick the ID or profile photo on this page that the face must match, or choose a file."
          : "No photo was found on this page. Choose the ID or profile photo as a file (JPEG or PNG).",
      ),
      tiles.length > 0 &&
        h("div", { class: "picker", role: "group", "aria-label": "Photos on this page" }, ...tiles),
      fileInput,
      actions(
        button("Cancel", () => overlay.close()),
        offerPhone ? continueOnPhoneButton(choose) : null,
        fileButton,
      ),
    );
    overlay.announce("Choose the reference photo.");
    overlay.focus(tiles[0] ?? fileButton);
  });
}
