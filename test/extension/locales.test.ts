// The shipped locale files, read as the browser reads them: every language has exactly English's messages,
// with the same placeholders, and every key the pages and the manifest name exists.
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildManifest } from "../../extension/manifest";
import type { Catalogue } from "../../extension/ui/i18n-catalogue";
import { SHIPPED_LOCALES } from "../../extension/ui/i18n-locales";

const LOCALES_DIR = new URL("../../extension/_locales/", import.meta.url);
const read = (path: string) => readFileSync(new URL(path, LOCALES_DIR), "utf8");
const catalogueOf = (locale: string): Catalogue => JSON.parse(read(`${locale}/messages.json`));
const english = catalogueOf("en");
const translated = SHIPPED_LOCALES.filter((locale) => locale !== "en");

/** `$name$` references in a message, lower-cased as both browsers compare them. */
function referencedPlaceholders(message: string): string[] {
  return [...message.matchAll(/\$([A-Za-z0-9_@]+)\$/g)].map((match) => (match[1] ?? "").toLowerCase()).sort();
}

/** Each placeholder's name and what it stands for ($1, $2, …): a translation may move it, never renumber it. */
function placeholderSet(entry: Catalogue[string] | undefined): string[] {
  return Object.entries(entry?.placeholders ?? {})
    .map(([name, { content }]) => `${name.toLowerCase()}=${content}`)
    .sort();
}

describe("the locale files", () => {
  it("ship exactly the languages the extension lists", () => {
    const folders = readdirSync(LOCALES_DIR, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
    expect(folders.sort()).toEqual([...SHIPPED_LOCALES].sort());
  });

  it("name every message as both browsers accept (letters, digits, _ and @; unique without case)", () => {
    const keys = Object.keys(english);
    for (const key of keys) expect(key).toMatch(/^[A-Za-z0-9_]+$/);
    expect(new Set(keys.map((key) => key.toLowerCase())).size).toBe(keys.length);
  });

  it.each(translated)("%s has every English message and no other", (locale) => {
    const keys = Object.keys(catalogueOf(locale));
    const missing = Object.keys(english).filter((key) => !keys.includes(key));
    const extra = keys.filter((key) => !Object.hasOwn(english, key));
    expect({ missing, extra }).toEqual({ missing: [], extra: [] });
  });

  it.each(SHIPPED_LOCALES)("%s gives every message a text and the placeholders English has", (locale) => {
    const catalogue = catalogueOf(locale);
    for (const [key, entry] of Object.entries(catalogue)) {
      expect(entry.message.trim(), `${locale}/${key}`).not.toBe("");
      expect(placeholderSet(entry), `${locale}/${key}`).toEqual(placeholderSet(english[key]));
      // Every declared placeholder is used, and nothing undeclared is referenced.
      expect(referencedPlaceholders(entry.message), `${locale}/${key}`).toEqual(
        Object.keys(entry.placeholders ?? {})
          .map((name) => name.toLowerCase())
          .sort(),
      );
    }
  });

  it.each(translated)("%s keeps the product names untranslated", (locale) => {
    const catalogue = catalogueOf(locale);
    for (const [key, entry] of Object.entries(english)) {
      for (const name of ["FaceID Edge", "Tencent", "Worker", "SdkToken", "RequestId"]) {
        if (entry.message.includes(name)) expect(catalogue[key]?.message, `${locale}/${key}`).toContain(name);
      }
    }
  });

  it("holds every key the extension's pages name in data-i18n attributes", () => {
    for (const page of ["popup/popup.html", "options/options.html"]) {
      const html = readFileSync(new URL(`../../extension/${page}`, import.meta.url), "utf8");
      const keys = [...html.matchAll(/data-i18n(?:-[a-z-]+)?="([^"]+)"/g)].map((match) => match[1] ?? "");
      expect(keys.length, page).toBeGreaterThan(5);
      for (const key of keys) expect(Object.keys(english), `${page}: ${key}`).toContain(key);
    }
  });

  it("holds every __MSG_…__ the manifest names, and the manifest names its default locale", () => {
    for (const target of ["chrome", "firefox"] as const) {
      const manifest = buildManifest(target, "1.0.0");
      expect(manifest.default_locale).toBe("en");
      const keys = [...JSON.stringify(manifest).matchAll(/__MSG_(\w+)__/g)].map((match) => match[1] ?? "");
      expect(keys.sort()).toEqual([
        "extension_description",
        "extension_name",
        "extension_name",
        "extension_name",
      ]);
      for (const key of keys) expect(english[key]).toBeDefined();
    }
  });
});
