/** The Worker URL from the settings, once it is set and the browser lets the extension reach it. */

import browser from "webextension-polyfill";
import { ExtensionError } from "../messaging/errors";
import { type ExtensionSettings, originPermissionPattern } from "../settings/settings";
import { t } from "../ui/i18n";

export async function requireWorker(settings: ExtensionSettings): Promise<string> {
  if (!settings.workerUrl) {
    throw new ExtensionError("not_configured", t("error_no_worker_url"));
  }
  if (!(await browser.permissions.contains({ origins: [originPermissionPattern(settings.workerUrl)] }))) {
    throw new ExtensionError("not_configured", t("error_worker_not_allowed"));
  }
  return settings.workerUrl;
}
