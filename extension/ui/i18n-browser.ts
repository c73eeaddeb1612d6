/**
 * Installs the translator in an extension context: `browser.i18n` in the browser's language, or, for a capture
 * whose page asked for another language, that locale's catalogue (read from the extension's files by the
 * background, which may read them: content/capture-language.ts).
 */
import browser from "webextension-polyfill";
import { installTranslator } from "./i18n";
import { type Catalogue, catalogueProvider, type TextProvider } from "./i18n-catalogue";
import { ENGLISH } from "./i18n-english";
import type { ShippedLocale } from "./i18n-locales";

/** Every context calls this first: the extension speaks the browser's language. */
export function useBrowserLanguage(): void {
  installTranslator(browserProvider());
}

/** A capture in a shipped language the page asked for: its catalogue, English for any key it lacks. */
export function useCatalogue(locale: ShippedLocale, catalogue: Catalogue): void {
  installTranslator(catalogueProvider(locale, catalogue, ENGLISH));
}

function browserProvider(): TextProvider {
  return {
    locale: browser.i18n.getMessage("@@ui_locale").replace(/_/g, "-") || "en",
    direction: browser.i18n.getMessage("@@bidi_dir") === "rtl" ? "rtl" : "ltr",
    message: (key, substitutions) => browser.i18n.getMessage(key, [...substitutions]),
  };
}

/** A shipped locale's messages.json, read from the extension's own files (the background may). */
export async function readShippedCatalogue(locale: ShippedLocale): Promise<Catalogue | null> {
  try {
    const response = await fetch(browser.runtime.getURL(`_locales/${locale}/messages.json`));
    return response.ok ? ((await response.json()) as Catalogue) : null;
  } catch {
    return null;
  }
}
