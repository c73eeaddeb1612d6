/**
 * The background's answers to one-shot requests, one function per request kind of `protocol.ts`: the content
 * script's in `content-requests.ts`, the extension pages' here. The router has already checked that the sender
 * is allowed to ask.
 */

import browser from "webextension-polyfill";
import { describeLivenessResult } from "../../shared/faceid/result-codes";
import {
  describeCaptureRequestProblem,
  PAGE_MESSAGE_TYPE,
  parseCaptureRequest,
} from "../../shared/page-protocol";
import { askContent } from "../messaging/client";
import { ExtensionError } from "../messaging/errors";
import type {
  BackgroundRequests,
  ConnectionState,
  LivenessLookup,
  SettingsView,
  TabStatus,
} from "../messaging/protocol";
import {
  type ExtensionSettings,
  MAX_AGENT_KEY_LENGTH,
  originPermissionPattern,
  sanitizeSettings,
} from "../settings/settings";
import { t } from "../ui/i18n";
import { type ContentServices, createContentRequestHandlers } from "./content-requests";
import { ensureContentScript, grantedSites, syncPartnerContentScripts } from "./partner-sites";
import type { ClassifiedSender } from "./sender";
import { loadAgentKey, loadSettings, saveAgentKey, saveSettings } from "./settings-store";
import { WorkerClient } from "./worker-client";
import { requireWorker } from "./worker-url";

export type BackgroundServices = ContentServices;

type Handler<K extends keyof BackgroundRequests> = (
  payload: BackgroundRequests[K]["request"],
  sender: ClassifiedSender,
) => Promise<BackgroundRequests[K]["response"]>;

export type RequestHandlers = { [K in keyof BackgroundRequests]: Handler<K> };

const SDK_TOKEN_PATTERN = /^[A-Za-z0-9_-]{8,128}$/;
export const LOOKUP_SESSION_KEY = "lookup";

export function createRequestHandlers(services: BackgroundServices): RequestHandlers {
  return {
    ...createContentRequestHandlers(services),

    "settings.load": async () => settingsView(await loadSettings()),

    "settings.save": async ({ settings: proposed, agentKey }) => {
      const settings = sanitizeSettings(proposed);
      if (agentKey !== undefined) {
        const trimmed = agentKey?.trim() ?? null;
        if (
          trimmed !== null &&
          (trimmed === "" || trimmed.length > MAX_AGENT_KEY_LENGTH || /\s/.test(trimmed))
        ) {
          throw new ExtensionError("invalid_request", t("error_agent_key_format"));
        }
        await saveAgentKey(trimmed);
        services.sessions.forget(LOOKUP_SESSION_KEY);
      }
      await saveSettings(settings);
      await releaseUnusedPermissions(settings);
      await syncPartnerContentScripts(settings.partnerSites);
      return settingsView(settings);
    },

    "connection.check": async () => checkConnection(await loadSettings()),

    "history.list": () => services.history.list(),

    "history.clear": async () => {
      await services.history.clear();
      return null;
    },

    "liveness.lookup": async ({ sdkToken }) => {
      const token = sdkToken.trim();
      if (!SDK_TOKEN_PATTERN.test(token)) {
        throw new ExtensionError("invalid_request", t("error_not_sdk_token"));
      }
      const settings = await loadSettings();
      const workerUrl = await requireWorker(settings);
      const agentKey = await loadAgentKey();
      if (!agentKey) throw new ExtensionError("not_configured", t("error_no_agent_key"));
      const client = new WorkerClient(workerUrl);
      const bearer = await services.sessions.get(LOOKUP_SESSION_KEY, () =>
        // Least privilege: the look-up session can read results, and nothing else.
        client.createSession(agentKey, { calls: ["GetLivenessResult"] }),
      );
      const result = await client.livenessResult(bearer, token);
      const lookup: LivenessLookup = {
        sdkToken: token,
        passed: result.passed,
        result: result.result,
        description: describeLivenessResult(result.result).description,
        bestFrameUrl: result.bestFrame?.url ?? null,
        tencentRequestId: result.tencentRequestId,
      };
      return lookup;
    },

    "tab.status": async ({ tabId }) => tabStatus(tabId),

    "capture.start-on-tab": async ({ tabId, livenessType, actions }) => {
      // The same rules as a page's request: ACTION takes one or two distinct actions, SILENT none.
      const checked = parseCaptureRequest({
        type: PAGE_MESSAGE_TYPE.captureRequest,
        id: "agent",
        livenessType,
        actions,
      });
      if (!checked.ok)
        throw new ExtensionError("invalid_request", describeCaptureRequestProblem(checked.problem));
      const status = await tabStatus(tabId);
      if (!status.enabled) throw new ExtensionError("forbidden", status.reason);
      await ensureContentScript(tabId);
      await askContent(tabId, "capture.start", { livenessType, actions });
      return null;
    },
  };
}

async function checkConnection(settings: ExtensionSettings): Promise<ConnectionState> {
  if (!settings.workerUrl) return { state: "not-configured" };
  const workerUrl = settings.workerUrl;
  if (!(await browser.permissions.contains({ origins: [originPermissionPattern(workerUrl)] }))) {
    return { state: "no-permission", workerUrl };
  }
  const started = performance.now();
  try {
    const health = await new WorkerClient(workerUrl).health();
    return {
      state: "connected",
      workerUrl,
      version: health.version,
      sandbox: health.sandbox,
      latencyMs: Math.round(performance.now() - started),
    };
  } catch (error) {
    const message = error instanceof ExtensionError ? error.message : t("error_worker_unreachable");
    return { state: "unreachable", workerUrl, message };
  }
}

async function settingsView(settings: ExtensionSettings): Promise<SettingsView> {
  const granted = await grantedSites(settings.partnerSites);
  return {
    settings,
    agentKeySet: (await loadAgentKey()) !== null,
    sitesWithoutPermission: settings.partnerSites.filter((site) => !granted.includes(site)),
    workerPermissionGranted: settings.workerUrl
      ? await browser.permissions.contains({ origins: [originPermissionPattern(settings.workerUrl)] })
      : false,
  };
}

async function tabStatus(tabId: number): Promise<TabStatus> {
  const tab = await browser.tabs.get(tabId).catch(() => null);
  // The URL is visible only for tabs on hosts the extension was granted, which is exactly the partner sites.
  const url = tab?.url ? safeUrl(tab.url) : null;
  if (!url || (url.protocol !== "https:" && url.protocol !== "http:")) {
    return { enabled: false, reason: t("popup_not_enabled") };
  }
  const settings = await loadSettings();
  if (!settings.partnerSites.includes(url.origin)) {
    return { enabled: false, reason: t("popup_not_partner_site", url.origin) };
  }
  if ((await grantedSites([url.origin])).length === 0) {
    return { enabled: false, reason: t("popup_not_allowed", url.origin) };
  }
  return { enabled: true, origin: url.origin };
}

/** Gives back host permissions no setting needs any more: the extension keeps only what it uses. */
async function releaseUnusedPermissions(settings: ExtensionSettings): Promise<void> {
  const needed = new Set(
    [settings.workerUrl, ...settings.partnerSites]
      .filter((url): url is string => !!url)
      .map(originPermissionPattern),
  );
  const granted = (await browser.permissions.getAll()).origins ?? [];
  const unused = granted.filter((origin) => !needed.has(origin));
  // Origins declared in the manifest cannot be removed; ask for the optional ones only, one by one.
  for (const origin of unused) await browser.permissions.remove({ origins: [origin] }).catch(() => false);
}

function safeUrl(text: string): URL | null {
  try {
    return new URL(text);
  } catch {
    return null;
  }
}
