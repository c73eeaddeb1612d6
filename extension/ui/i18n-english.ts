/**
 * The English catalogue, bundled: the translator's answer before a provider is installed, and the fallback
 * for a key a locale lacks (as `default_locale` is for `browser.i18n`).
 */
import english from "../_locales/en/messages.json";
import type { Catalogue } from "./i18n-catalogue";

export const ENGLISH: Catalogue = english;
