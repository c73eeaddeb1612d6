/**
 * Every shipped catalogue, bundled, for the capture screens where no extension serves them: the
 * `<faceid-capture>` web component on partner pages. The extension itself never imports this module (its
 * catalogues are files the browser reads).
 */
import ar from "../_locales/ar/messages.json";
import en from "../_locales/en/messages.json";
import es from "../_locales/es/messages.json";
import id from "../_locales/id/messages.json";
import ja from "../_locales/ja/messages.json";
import ko from "../_locales/ko/messages.json";
import ms from "../_locales/ms/messages.json";
import pt_BR from "../_locales/pt_BR/messages.json";
import th from "../_locales/th/messages.json";
import vi from "../_locales/vi/messages.json";
import zh_CN from "../_locales/zh_CN/messages.json";
import zh_TW from "../_locales/zh_TW/messages.json";
import { type Catalogue, catalogueProvider, type TextProvider } from "./i18n-catalogue";
import { ENGLISH } from "./i18n-english";
import { resolveLocale, type ShippedLocale } from "./i18n-locales";

export const BUNDLED_CATALOGUES: Readonly<Record<ShippedLocale, Catalogue>> = {
  en,
  zh_CN,
  zh_TW,
  th,
  id,
  ms,
  vi,
  ja,
  ko,
  pt_BR,
  es,
  ar,
};

/**
 * A provider for the first of `tags` a shipped locale fits (e.g. the element's `locale` attribute, then
 * `navigator.languages`), English when none does.
 */
export function bundledProvider(tags: readonly (string | null | undefined)[]): TextProvider {
  for (const tag of tags) {
    const locale = tag ? resolveLocale(tag) : null;
    if (locale) return catalogueProvider(locale, BUNDLED_CATALOGUES[locale], ENGLISH);
  }
  return catalogueProvider("en", ENGLISH);
}
