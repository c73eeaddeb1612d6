/** The Worker URL from the settings, once it is set and the browser lets the extension reach it. */
import browser from "webextension-polyfill";
import { ExtensionError } from "../messaging/errors";
import { type ExtensionSettings, originPermissionPattern } from "../settings/settings";

export async function requireWorker(settings: ExtensionSettings): Promise<string> {
  if (!settings.workerUrl) {
    throw new ExtensionError("not_configured", "No Worker URL is set: add it in the extension's options.");
  }
  if (!(await browser.permissions.contains({ origins: [originPermissionPattern(settings.workerUrl)] }))) {
    throw new ExtensionError(
      "not_configured",
      "The extension may not reach the Worker: save the options again.",
    );
  }
  return settings.workerUrl;
}
