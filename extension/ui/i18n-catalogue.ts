/**
 * Texts from a WebExtension messages.json catalogue, with `browser.i18n.getMessage`'s substitution rules
 * (https://developer.chrome.com/docs/extensions/reference/api/i18n, MDN "Internationalization"), for where
 * `browser.i18n` cannot serve: a locale the page chose, and partner pages with no extension at all. Pure.
 */

/** One entry of messages.json. */
export interface CatalogueEntry {
  message: string;
  description?: string;
  placeholders?: Record<string, { content: string; example?: string }>;
}

export type Catalogue = Readonly<Record<string, CatalogueEntry>>;

export interface TextProvider {
  /** BCP 47, e.g. "pt-BR". */
  readonly locale: string;
  readonly direction: "ltr" | "rtl";
  message(key: string, substitutions: readonly string[]): string;
}

/** Right-to-left languages among the ones a catalogue may be for (the primary subtag decides). */
const RTL_LANGUAGES = new Set(["ar", "fa", "he", "ur"]);

/**
 * A provider over `catalogue` for `locale` ("pt_BR" or "pt-BR"), falling back to `fallback` for a missing
 * key, then to "" as `getMessage` does.
 */
export function catalogueProvider(locale: string, catalogue: Catalogue, fallback?: Catalogue): TextProvider {
  const tag = locale.replace(/_/g, "-");
  return {
    locale: tag,
    direction: directionOf(tag),
    message(key, substitutions) {
      const entry = lookUp(catalogue, key) ?? (fallback && lookUp(fallback, key));
      return entry ? formatMessage(entry, substitutions) : "";
    },
  };
}

export function directionOf(locale: string): "ltr" | "rtl" {
  return RTL_LANGUAGES.has(locale.split(/[-_]/)[0]?.toLowerCase() ?? "") ? "rtl" : "ltr";
}

/**
 * An entry's text with its substitutions, as Chrome and Firefox build it: `$name$` becomes the named
 * placeholder's `content` (names are case-insensitive), then `$1`…`$9` become the substitutions (a missing one
 * becomes ""), and `$$` becomes `$`. Substituted text is never read again, so a `$1` inside it stays as it is.
 */
export function formatMessage(entry: CatalogueEntry, substitutions: readonly string[]): string {
  const placeholders = new Map(
    Object.entries(entry.placeholders ?? {}).map(([name, value]) => [name.toLowerCase(), value.content]),
  );
  const expanded = entry.message.replace(
    /\$([A-Za-z0-9_@]+)\$/g,
    (whole, name: string) => placeholders.get(name.toLowerCase()) ?? whole,
  );
  return expanded.replace(/\$(\$|[1-9])/g, (_, what: string) =>
    what === "$" ? "$" : (substitutions[Number(what) - 1] ?? ""),
  );
}

/** Message names are case-insensitive in both browsers. */
function lookUp(catalogue: Catalogue, key: string): CatalogueEntry | undefined {
  if (Object.hasOwn(catalogue, key)) return catalogue[key];
  const lower = key.toLowerCase();
  const found = Object.keys(catalogue).find((name) => name.toLowerCase() === lower);
  return found === undefined ? undefined : catalogue[found];
}
