/**
 * The content script runs only on the partner sites the agent enabled and the browser granted: it is
 * registered at run time with `scripting.registerContentScripts`, never declared in the manifest, and
 * re-registered whenever the sites or the permissions change.
 */
import browser from "webextension-polyfill";
import { askContent } from "../messaging/client";
import { originPermissionPattern } from "../settings/settings";

export const CONTENT_SCRIPT_ID = "faceid-edge-partner-pages";
export const CONTENT_SCRIPT_FILE = "content/content.js";

export async function grantedSites(sites: readonly string[]): Promise<string[]> {
  const granted: string[] = [];
  for (const site of sites) {
    if (await browser.permissions.contains({ origins: [originPermissionPattern(site)] })) granted.push(site);
  }
  return granted;
}

/** Makes the registration match the granted sites, then starts the script in tabs already open on them. */
export async function syncPartnerContentScripts(sites: readonly string[]): Promise<void> {
  const granted = await grantedSites(sites);
  const matches = [...new Set(granted.map(originPermissionPattern))];
  const registered = await browser.scripting.getRegisteredContentScripts({ ids: [CONTENT_SCRIPT_ID] });
  if (matches.length === 0) {
    if (registered.length > 0) await browser.scripting.unregisterContentScripts({ ids: [CONTENT_SCRIPT_ID] });
    return;
  }
  if (registered.length > 0) {
    await browser.scripting.updateContentScripts([{ id: CONTENT_SCRIPT_ID, matches }]);
  } else {
    await browser.scripting.registerContentScripts([
      {
        id: CONTENT_SCRIPT_ID,
        matches,
        js: [CONTENT_SCRIPT_FILE],
        runAt: "document_idle",
        allFrames: false,
        persistAcrossSessions: true,
      },
    ]);
  }
  await injectIntoOpenTabs(granted, matches);
}

/** Starts the content script in a tab that does not run it yet (opened before its site was enabled). */
export async function ensureContentScript(tabId: number): Promise<void> {
  try {
    await askContent(tabId, "content.ping", {});
  } catch {
    await browser.scripting.executeScript({ target: { tabId, frameIds: [0] }, files: [CONTENT_SCRIPT_FILE] });
  }
}

async function injectIntoOpenTabs(sites: readonly string[], matches: string[]): Promise<void> {
  const tabs = await browser.tabs.query({ url: matches });
  await Promise.allSettled(
    tabs
      .filter((tab) => tab.id !== undefined && tab.url && sites.includes(new URL(tab.url).origin))
      .map((tab) => ensureContentScript(tab.id as number)),
  );
}
