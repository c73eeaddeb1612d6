/**
 * Installs the translator in an extension context: `browser.i18n` in the browser's language, or, for a capture
 * whose page asked for another language, that locale's catalogue read from the extension's own files.
 */
import browser from "webextension-polyfill";
import { installTranslator } from "./i18n";
import { type Catalogue, catalogueProvider, type TextProvider } from "./i18n-catalogue";
import { ENGLISH } from "./i18n-english";
import { resolveLocale, type ShippedLocale } from "./i18n-locales";

/** Every context calls this first: the extension speaks the browser's language. */
export function useBrowserLanguage(): void {
  installTranslator(browserProvider());
}

/**
 * The language a page asked for (a BCP 47 tag), when a shipped locale fits it; otherwise, or when its file
 * cannot be read, the browser's language: a language the extension lacks is no reason to fail a capture.
 */
export async function useRequestedLanguage(tag: string | undefined): Promise<void> {
  const locale = tag === undefined ? null : resolveLocale(tag);
  const catalogue = locale && (await readCatalogue(locale));
  installTranslator(locale && catalogue ? catalogueProvider(locale, catalogue, ENGLISH) : browserProvider());
}

/** Sets `lang` and `dir` on an extension page, and fills its elements marked with `data-i18n…` attributes. */
export function localizePage(document: Document): void {
  const root = document.documentElement;
  root.lang = browser.i18n.getMessage("@@ui_locale").replace(/_/g, "-");
  root.dir = browser.i18n.getMessage("@@bidi_dir");
  for (const element of document.querySelectorAll<HTMLElement>("[data-i18n]")) {
    element.textContent = browser.i18n.getMessage(element.dataset.i18n ?? "");
  }
  for (const attribute of ["placeholder", "aria-label", "title"]) {
    for (const element of document.querySelectorAll(`[data-i18n-${attribute}]`)) {
      const key = element.getAttribute(`data-i18n-${attribute}`) ?? "";
      element.setAttribute(attribute, browser.i18n.getMessage(key));
    }
  }
}

function browserProvider(): TextProvider {
  return {
    locale: browser.i18n.getMessage("@@ui_locale").replace(/_/g, "-") || "en",
    direction: browser.i18n.getMessage("@@bidi_dir") === "rtl" ? "rtl" : "ltr",
    message: (key, substitutions) => browser.i18n.getMessage(key, [...substitutions]),
  };
}

async function readCatalogue(locale: ShippedLocale): Promise<Catalogue | null> {
  try {
    const response = await fetch(browser.runtime.getURL(`_locales/${locale}/messages.json`));
    return response.ok ? ((await response.json()) as Catalogue) : null;
  } catch {
    return null;
  }
}
