/**
 * Numbers, durations and times in the UI's language, through Intl: the locale files hold words, Intl knows
 * each language's digits, plurals and word order for these.
 */
import { t, uiLocale } from "./i18n";

/** A similarity already cut to one decimal by `shownSimilarity` (0–100), as a percentage: "79.9%", "79,9 %". */
export function formatPercent(value: number, locale = uiLocale()): string {
  return new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 }).format(value / 100);
}

/** How long ago `at` was, short: "just now", "5 min. ago", "2 hr. ago". */
export function formatTimeAgo(at: number, now = Date.now(), locale = uiLocale()): string {
  const minutes = Math.round((now - at) / 60_000);
  if (minutes < 1) return t("popup_just_now");
  const ago = new Intl.RelativeTimeFormat(locale, { style: "short" });
  return minutes < 60 ? ago.format(-minutes, "minute") : ago.format(-Math.round(minutes / 60), "hour");
}

/** A whole number of seconds, spelled as the language does it: "1 second", "3 seconds", "3 วินาที". */
export function formatSeconds(seconds: number, locale = uiLocale()): string {
  return new Intl.NumberFormat(locale, { style: "unit", unit: "second", unitDisplay: "long" }).format(
    seconds,
  );
}

/** A date and time, for a tooltip. */
export function formatDateTime(at: number, locale = uiLocale()): string {
  return new Date(at).toLocaleString(locale);
}
