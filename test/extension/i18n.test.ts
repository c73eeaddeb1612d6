import { afterEach, describe, expect, it } from "vitest";
import { installTranslator, t, uiDirection, uiLocale } from "../../extension/ui/i18n";
import { BUNDLED_CATALOGUES, bundledProvider } from "../../extension/ui/i18n-bundled";
import { catalogueProvider, directionOf, formatMessage } from "../../extension/ui/i18n-catalogue";
import { ENGLISH } from "../../extension/ui/i18n-english";
import { formatPercent, formatSeconds, formatTimeAgo } from "../../extension/ui/i18n-format";
import { resolveLocale } from "../../extension/ui/i18n-locales";

afterEach(() => installTranslator(catalogueProvider("en", ENGLISH)));

describe("formatMessage (browser.i18n.getMessage's substitution rules)", () => {
  const entry = {
    message: "Sent $SENT$ of $Total$ ($percent$ %)",
    placeholders: {
      sent: { content: "$1" },
      total: { content: "$2" },
      PERCENT: { content: "$3", example: "20" },
    },
  };

  it("puts substitutions where named placeholders stand, names compared without case", () => {
    expect(formatMessage(entry, ["120 KB", "600 KB", "20"])).toBe("Sent 120 KB of 600 KB (20 %)");
  });

  it("replaces a substitution that is missing with nothing", () => {
    expect(formatMessage(entry, ["120 KB"])).toBe("Sent 120 KB of  ( %)");
  });

  it("reads $1…$9 written straight into the message, and $$ as a dollar sign", () => {
    expect(formatMessage({ message: "$2 costs $$$1" }, ["5", "Tea"])).toBe("Tea costs $5");
  });

  it("never reads a substituted text again", () => {
    expect(formatMessage({ message: "Hello $1 and $2" }, ["$2", "world"])).toBe("Hello $2 and world");
  });

  it("leaves a reference to an undeclared placeholder as it is", () => {
    expect(formatMessage({ message: "Hi $WHO$" }, ["x"])).toBe("Hi $WHO$");
  });

  it("fills a placeholder whose content is literal text", () => {
    expect(
      formatMessage({ message: "© $YEAR$ $1", placeholders: { year: { content: "2026" } } }, ["Acme"]),
    ).toBe("© 2026 Acme");
  });
});

describe("catalogueProvider", () => {
  const thai = catalogueProvider("th", { common_cancel: { message: "ยกเลิก" } }, ENGLISH);

  it("answers from its catalogue, in its language, left to right for Thai", () => {
    expect(thai.message("common_cancel", [])).toBe("ยกเลิก");
    expect(thai.locale).toBe("th");
    expect(thai.direction).toBe("ltr");
  });

  it("falls back to English for a message the catalogue lacks, and to nothing without a fallback", () => {
    expect(thai.message("common_close", [])).toBe("Close");
    expect(catalogueProvider("th", {}).message("common_close", [])).toBe("");
  });

  it("finds a message whatever the case of its name, as the browsers do", () => {
    expect(thai.message("COMMON_CANCEL", [])).toBe("ยกเลิก");
  });

  it("turns Chrome's folder names into BCP 47 tags and knows which languages read right to left", () => {
    expect(catalogueProvider("pt_BR", {}).locale).toBe("pt-BR");
    expect(directionOf("ar")).toBe("rtl");
    expect(directionOf("ar_EG")).toBe("rtl");
    expect(directionOf("zh_TW")).toBe("ltr");
  });
});

describe("t", () => {
  it("speaks English before anything is installed", () => {
    expect(t("upload_progress", "1 KB", "2 KB", 50)).toBe("Sent 1 KB of 2 KB (50 %)");
    expect(uiLocale()).toBe("en");
  });

  it("reads through the installed provider, with numbers as substitutions", () => {
    installTranslator(catalogueProvider("ar", BUNDLED_CATALOGUES.ar, ENGLISH));
    expect(t("recording_status_step", 1, 2, t("recording_seconds_left", 3))).toBe(
      "جارٍ التسجيل · الخطوة 1 من 2 · متبقٍ 3 ث",
    );
    expect(uiDirection()).toBe("rtl");
    expect(uiLocale()).toBe("ar");
  });
});

describe("resolveLocale", () => {
  it.each([
    ["th", "th"],
    ["th-TH", "th"],
    ["pt-BR", "pt_BR"],
    ["pt", "pt_BR"],
    ["pt-PT", "pt_BR"],
    ["pt_BR", "pt_BR"],
    ["zh-Hant", "zh_TW"],
    ["zh-TW", "zh_TW"],
    ["zh-HK", "zh_TW"],
    ["zh", "zh_CN"],
    ["zh-CN", "zh_CN"],
    ["zh-Hans-TW", "zh_CN"],
    ["zh-SG", "zh_CN"],
    ["es-419", "es"],
    ["en-GB", "en"],
    ["ms-MY", "ms"],
    ["id", "id"],
    ["in", "id"],
    ["vi-VN", "vi"],
    ["ja", "ja"],
    ["ko-KR", "ko"],
    ["AR-eg", "ar"],
  ])("maps %s to %s", (tag, locale) => {
    expect(resolveLocale(tag)).toBe(locale);
  });

  it.each(["fr", "de-DE", "und", "und-TW", "", "x", "not a tag", "123"])(
    "finds no shipped language for %j (the browser's language is used)",
    (tag) => {
      expect(resolveLocale(tag)).toBeNull();
    },
  );
});

describe("bundledProvider (the web component's translator)", () => {
  it("takes the first tag a shipped language fits", () => {
    const provider = bundledProvider([null, "fr", "zh-Hant", "th"]);
    expect(provider.locale).toBe("zh-TW");
    expect(provider.message("common_cancel", [])).toBe("取消");
  });

  it("speaks English when no tag fits", () => {
    const provider = bundledProvider(["fr", undefined]);
    expect(provider.locale).toBe("en");
    expect(provider.message("verdict_passed", [])).toBe("Verified");
  });
});

describe("numbers and times in the UI's language", () => {
  it("shows a similarity already cut to one decimal without rounding it again", () => {
    expect(formatPercent(79.9, "en")).toBe("79.9%");
    expect(formatPercent(85, "en")).toBe("85%");
    expect(formatPercent(79.9, "es")).toBe("79,9\u00a0%");
  });

  it("spells seconds with each language's plural", () => {
    expect(formatSeconds(1, "en")).toBe("1 second");
    expect(formatSeconds(3, "en")).toBe("3 seconds");
    expect(formatSeconds(3, "th")).toBe("3 วินาที");
  });

  it("says how long ago, in minutes then hours", () => {
    const now = Date.UTC(2026, 11, 2, 12, 0);
    expect(formatTimeAgo(now - 20_000, now, "en")).toBe("just now");
    expect(formatTimeAgo(now - 5 * 60_000, now, "en")).toBe("5 min. ago");
    expect(formatTimeAgo(now - 3 * 3_600_000, now, "ja")).toBe("3 時間前");
  });
});
