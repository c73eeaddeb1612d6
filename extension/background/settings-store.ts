/**
 * Settings and the agent key in `storage.local`: never `storage.sync` (the key must not travel to other
 * devices), and closed to content scripts where the browser allows it (see `restrictStorageToExtension`).
 */
import browser from "webextension-polyfill";
import {
  AGENT_KEY_STORAGE_KEY,
  type ExtensionSettings,
  SETTINGS_STORAGE_KEY,
  sanitizeSettings,
} from "../settings/settings";
import { chromeExtras } from "./chrome-extras";

export async function loadSettings(): Promise<ExtensionSettings> {
  const stored = await browser.storage.local.get(SETTINGS_STORAGE_KEY);
  return sanitizeSettings(stored[SETTINGS_STORAGE_KEY]);
}

export async function saveSettings(settings: ExtensionSettings): Promise<void> {
  await browser.storage.local.set({ [SETTINGS_STORAGE_KEY]: settings });
}

export async function loadAgentKey(): Promise<string | null> {
  const stored = await browser.storage.local.get(AGENT_KEY_STORAGE_KEY);
  const key = stored[AGENT_KEY_STORAGE_KEY];
  return typeof key === "string" && key !== "" ? key : null;
}

export async function saveAgentKey(agentKey: string | null): Promise<void> {
  if (agentKey === null) await browser.storage.local.remove(AGENT_KEY_STORAGE_KEY);
  else await browser.storage.local.set({ [AGENT_KEY_STORAGE_KEY]: agentKey });
}

/**
 * Chrome lets content scripts read storage.local by default; the agent key must not be one compromised page
 * renderer away. Firefox has no such switch: there the content script simply never asks for it.
 */
export async function restrictStorageToExtension(): Promise<void> {
  await chromeExtras()?.storage.local.setAccessLevel?.({ accessLevel: "TRUSTED_CONTEXTS" });
}
