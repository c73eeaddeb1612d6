/**
 * The agent's settings and the rules for each field. Pure: the background stores them, the options page edits
 * them, and both use these checks. The agent key is stored apart from them (see `AGENT_KEY_STORAGE_KEY`) so
 * that reading settings can never leak it.
 */
import { t } from "../ui/i18n";

export interface ExtensionSettings {
  /** The gateway's base URL, without a trailing slash; null until the agent sets it. */
  workerUrl: string | null;
  /** Origins of the partner KYC sites the extension runs on, e.g. `https://kyc.partner.example`. */
  partnerSites: string[];
  /** The preferred camera by label: device ids differ per origin, labels do not. */
  cameraLabel: string | null;
  recordingSeconds: number;
  countdownSeconds: number;
}

/** Tencent needs more than 2 s; 3–6 s leaves time for two actions and keeps the file small. */
export const RECORDING_SECONDS = { min: 3, max: 6, default: 5 } as const;
export const COUNTDOWN_SECONDS = { min: 0, max: 5, default: 3 } as const;

export const DEFAULT_SETTINGS: ExtensionSettings = {
  workerUrl: null,
  partnerSites: [],
  cameraLabel: null,
  recordingSeconds: RECORDING_SECONDS.default,
  countdownSeconds: COUNTDOWN_SECONDS.default,
};

export const SETTINGS_STORAGE_KEY = "settings";
/** storage.local only: never synced to other devices, never readable by content scripts (see background). */
export const AGENT_KEY_STORAGE_KEY = "agentKey";
export const MAX_PARTNER_SITES = 50;
export const MAX_AGENT_KEY_LENGTH = 512;

export type UrlProblem = "empty" | "not-a-url" | "insecure" | "has-credentials" | "has-query";

export type Checked<T> = { ok: true; value: T } | { ok: false; problem: UrlProblem };

/**
 * The Worker URL: https, or plain http on a loopback host for the local stack. A path prefix is kept (a
 * gateway may sit behind a route); query and fragment are not meaningful for a base URL.
 */
export function normalizeWorkerUrl(text: string): Checked<string> {
  const url = parseUrl(text);
  if (!url.ok) return url;
  if (url.value.search || url.value.hash) return { ok: false, problem: "has-query" };
  const path = url.value.pathname.replace(/\/+$/, "");
  return { ok: true, value: `${url.value.origin}${path}` };
}

/** A partner site is an origin: scheme, host and port. Any path given is dropped. */
export function normalizeSiteOrigin(text: string): Checked<string> {
  const url = parseUrl(text);
  return url.ok ? { ok: true, value: url.value.origin } : url;
}

export function describeUrlProblem(problem: UrlProblem): string {
  switch (problem) {
    case "empty":
      return t("url_empty");
    case "not-a-url":
      return t("url_invalid");
    case "insecure":
      return t("url_not_https");
    case "has-credentials":
      return "A URL must not contain a user name or password.";
    case "has-query":
      return t("url_query_or_fragment");
  }
}

/**
 * The host permission pattern for an origin. Without a port, because Firefox's match patterns cannot
 * carry one and Chrome's then match every port: the origin check that matters is done on exact origins.
 */
export function originPermissionPattern(origin: string): string {
  const url = new URL(origin);
  return `${url.protocol}//${url.hostname}/*`;
}

/** Settings read from storage, with every field checked: storage may hold an older or damaged shape. */
export function sanitizeSettings(stored: unknown): ExtensionSettings {
  const value = typeof stored === "object" && stored !== null ? (stored as Record<string, unknown>) : {};
  const workerUrl = typeof value.workerUrl === "string" ? normalizeWorkerUrl(value.workerUrl) : null;
  const sites = Array.isArray(value.partnerSites) ? value.partnerSites : [];
  const partnerSites = [
    ...new Set(
      sites
        .filter((site): site is string => typeof site === "string")
        .map(normalizeSiteOrigin)
        .flatMap((site) => (site.ok ? [site.value] : [])),
    ),
  ].slice(0, MAX_PARTNER_SITES);
  return {
    workerUrl: workerUrl?.ok ? workerUrl.value : null,
    partnerSites,
    cameraLabel: typeof value.cameraLabel === "string" && value.cameraLabel !== "" ? value.cameraLabel : null,
    recordingSeconds: clampInteger(value.recordingSeconds, RECORDING_SECONDS),
    countdownSeconds: clampInteger(value.countdownSeconds, COUNTDOWN_SECONDS),
  };
}

export function isLoopbackHost(hostname: string): boolean {
  return hostname === "127.0.0.1" || hostname === "localhost" || hostname === "[::1]";
}

function parseUrl(text: string): { ok: true; value: URL } | { ok: false; problem: UrlProblem } {
  const trimmed = text.trim();
  if (trimmed === "") return { ok: false, problem: "empty" };
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return { ok: false, problem: "not-a-url" };
  }
  if (url.protocol !== "https:" && !(url.protocol === "http:" && isLoopbackHost(url.hostname))) {
    return { ok: false, problem: url.protocol === "http:" ? "insecure" : "not-a-url" };
  }
  if (url.username || url.password) return { ok: false, problem: "has-credentials" };
  return { ok: true, value: url };
}

function clampInteger(value: unknown, bounds: { min: number; max: number; default: number }): number {
  if (typeof value !== "number" || !Number.isFinite(value)) return bounds.default;
  return Math.min(bounds.max, Math.max(bounds.min, Math.round(value)));
}
