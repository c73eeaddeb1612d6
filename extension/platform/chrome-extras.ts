/**
 * The few Chrome APIs that webextension-polyfill does not type (they have no Firefox counterpart), reached
 * through the `chrome` global with their own minimal types. Absent in Firefox: every caller checks.
 */

export interface ChromeExtras {
  offscreen?: {
    createDocument(options: { url: string; reasons: string[]; justification: string }): Promise<void>;
    closeDocument(): Promise<void>;
  };
  runtime: {
    getContexts?(filter: { contextTypes: string[]; documentUrls?: string[] }): Promise<unknown[]>;
  };
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
