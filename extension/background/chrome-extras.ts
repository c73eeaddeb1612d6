/**
 * The one Chrome API the background uses that webextension-polyfill does not type (it has no Firefox
 * counterpart), reached through the `chrome` global with its own minimal type. Absent in Firefox: the caller
 * checks.
 */

export interface ChromeExtras {
  storage: {
    local: {
      setAccessLevel?(options: {
        accessLevel: "TRUSTED_CONTEXTS" | "TRUSTED_AND_UNTRUSTED_CONTEXTS";
      }): Promise<void>;
    };
  };
}

export function chromeExtras(): ChromeExtras | undefined {
  return (globalThis as { chrome?: ChromeExtras }).chrome;
}
