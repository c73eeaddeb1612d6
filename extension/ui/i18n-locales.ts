/**
 * The languages the extension ships (_locales/<name>/), and how a language tag a page sends maps to one.
 * Pure: the web component on partner pages uses it too.
 */

/** Folder names under _locales/, in Chrome's form (language_REGION). */
export const SHIPPED_LOCALES = [
  "en",
  "zh_CN",
  "zh_TW",
  "th",
  "id",
  "ms",
  "vi",
  "ja",
  "ko",
  "pt_BR",
  "es",
  "ar",
] as const;
export type ShippedLocale = (typeof SHIPPED_LOCALES)[number];

/**
 * The shipped locale nearest to a BCP 47 tag ("th", "pt-BR", "zh-Hant", "zh-TW", "es-419", Chrome's "pt_BR"),
 * or null when none fits or the tag is not a language tag: the caller keeps the browser's language then.
 * Chinese goes by script (Intl adds the likely one: zh-HK is Traditional, zh-SG Simplified); every other
 * language by its primary subtag, whatever the region (pt-PT reads pt_BR, en-GB reads en).
 */
export function resolveLocale(tag: string): ShippedLocale | null {
  let locale: Intl.Locale;
  try {
    locale = new Intl.Locale(tag.replace(/_/g, "-"));
  } catch {
    return null;
  }
  // "und" (undetermined) names no language (engines read it as "und" or as none); maximize() would guess one.
  if (!locale.language || locale.language === "und") return null;
  locale = locale.maximize();
  switch (locale.language) {
    case "zh":
      return locale.script === "Hant" ? "zh_TW" : "zh_CN";
    case "pt":
      return "pt_BR";
    default:
      return (SHIPPED_LOCALES as readonly string[]).includes(locale.language)
        ? (locale.language as ShippedLocale)
        : null;
  }
}
