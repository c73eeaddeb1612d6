/**
 * The background (Chrome: service worker; Firefox: event page). It alone holds the agent key: it mints
 * session tokens with it (the content script uploads the recording itself with one), looks results up, keeps
 * the history, and registers the content script on the enabled partner sites.
 */

import browser, { type Runtime } from "webextension-polyfill";
import { useBrowserLanguage } from "../ui/i18n-browser";
import { HISTORY_STORAGE_KEY, VerificationHistory } from "./history";
import { syncPartnerContentScripts } from "./partner-sites";
import { createRequestHandlers } from "./requests";
import { createMessageRouter } from "./router";
import { classifySender, extensionOrigin } from "./sender";
import { SessionTokens } from "./session-tokens";
import { loadSettings, restrictStorageToExtension } from "./settings-store";

const HISTORY_PRUNE_ALARM = "history-prune";
useBrowserLanguage();

const history = new VerificationHistory({
  read: async () => (await browser.storage.local.get(HISTORY_STORAGE_KEY))[HISTORY_STORAGE_KEY],
  write: (records) => browser.storage.local.set({ [HISTORY_STORAGE_KEY]: records }),
});
const sessions = new SessionTokens();
const self = { id: browser.runtime.id, origin: extensionOrigin(browser.runtime.getURL("")) };

async function classify(sender: Runtime.MessageSender) {
  const { partnerSites } = await loadSettings();
  return classifySender(sender, self, partnerSites);
}

const handlers = createRequestHandlers({ history, sessions, version: browser.runtime.getManifest().version });
browser.runtime.onMessage.addListener(createMessageRouter(handlers, classify));

async function reconcile(): Promise<void> {
  await restrictStorageToExtension().catch(() => undefined);
  await syncPartnerContentScripts((await loadSettings()).partnerSites).catch(() => undefined);
  await history.prune();
}

browser.runtime.onInstalled.addListener(() => {
  void reconcile();
  // History entries hold face thumbnails: they are removed on time even if nobody opens the popup.
  void browser.alarms.create(HISTORY_PRUNE_ALARM, { periodInMinutes: 30 });
});
browser.runtime.onStartup.addListener(() => void reconcile());
browser.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === HISTORY_PRUNE_ALARM) void history.prune();
});
// The agent can grant or withdraw site access in the browser's own UI too.
browser.permissions.onAdded.addListener(() => void reconcile());
browser.permissions.onRemoved.addListener(() => void reconcile());
void restrictStorageToExtension().catch(() => undefined);
