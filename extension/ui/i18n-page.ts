/**
 * An extension page (popup, options) in the current language: its static texts are marked in the HTML with
 * `data-i18n="key"` (and `data-i18n-placeholder`, `-aria-label`, `-title` for attributes), and `<html>` takes
 * the language's `lang` and `dir`. Call it once the translator is installed.
 */
import { type MessageKey, t, uiDirection, uiLocale } from "./i18n";

const TRANSLATED_ATTRIBUTES = ["placeholder", "aria-label", "title"] as const;

export function localizePage(document: Document): void {
  document.documentElement.lang = uiLocale();
  document.documentElement.dir = uiDirection();
  // The keys come from our own HTML; test/extension/locales.test.ts checks each one exists.
  for (const element of document.querySelectorAll<HTMLElement>("[data-i18n]")) {
    element.textContent = t(element.dataset.i18n as MessageKey);
  }
  for (const attribute of TRANSLATED_ATTRIBUTES) {
    for (const element of document.querySelectorAll(`[data-i18n-${attribute}]`)) {
      element.setAttribute(attribute, t(element.getAttribute(`data-i18n-${attribute}`) as MessageKey));
    }
  }
}
