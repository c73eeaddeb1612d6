/**
 * The language of one capture: the one its page asked for (`locale` in the request) when the extension ships
 * one near it, otherwise the browser's. A language that cannot be had is no reason to fail a capture.
 */
import { askBackground } from "../messaging/client";
import { useBrowserLanguage, useCatalogue } from "../ui/i18n-browser";
import { resolveLocale } from "../ui/i18n-locales";

export async function useCaptureLanguage(requested: string | undefined): Promise<void> {
  const locale = requested === undefined ? null : resolveLocale(requested);
  const catalogue = locale && (await askBackground("i18n.catalogue", { locale }).catch(() => null));
  if (locale && catalogue) useCatalogue(locale, catalogue);
  else useBrowserLanguage();
}
