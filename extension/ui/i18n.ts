/**
 * The one translator of every text the extension shows: `t(key, ...substitutions)`.
 *
 * It reads through a provider installed at start-up, so this module imports no browser API and runs wherever
 * the overlay's screens run: the extension's contexts install `browser.i18n` (./i18n-browser.ts), a page that
 * asks for another language gets that locale's catalogue, and the web component on a partner page installs a
 * provider built from the bundled catalogues (./i18n-bundled.ts). Until something is installed, English.
 *
 * Keys are the names in _locales/en/messages.json, so a key that is not there fails typecheck.
 */
import type english from "../_locales/en/messages.json";
import { catalogueProvider, type TextProvider } from "./i18n-catalogue";
import { ENGLISH } from "./i18n-english";

export type { TextProvider } from "./i18n-catalogue";
export type MessageKey = keyof typeof english;

let provider: TextProvider = catalogueProvider("en", ENGLISH);

/** The message `key` in the current language, with `$1`…`$9` replaced by `substitutions`. */
export function t(key: MessageKey, ...substitutions: (string | number)[]): string {
  return provider.message(key, substitutions.map(String));
}

/** Replaces the provider: every `t()` from now on reads from it. */
export function installTranslator(next: TextProvider): void {
  provider = next;
}

/** The BCP 47 tag of the language texts are shown in (for `lang`, and for Intl's dates and numbers). */
export function uiLocale(): string {
  return provider.locale;
}

/** The writing direction of that language, for `dir` on the overlay's dialog and the extension's pages. */
export function uiDirection(): "ltr" | "rtl" {
  return provider.direction;
}
