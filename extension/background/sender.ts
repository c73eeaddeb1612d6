/**
 * Who sent a message, from the browser's own sender fields (never from anything in the message): an
 * extension page (popup, options), a content script in the top frame of a page, or nobody we answer.
 * Pure, so the rules are unit-tested.
 */

export interface SenderFacts {
  id?: string;
  url?: string;
  origin?: string;
  frameId?: number;
  tab?: { id?: number };
}

export type ClassifiedSender =
  | { kind: "extension-page" }
  /** `enabled`: the page's exact origin is one of the agent's partner sites. */
  | { kind: "content"; origin: string; tabId: number; enabled: boolean }
  | { kind: "unknown" };

export function classifySender(
  sender: SenderFacts,
  extension: { id: string; origin: string },
  enabledOrigins: readonly string[],
): ClassifiedSender {
  if (sender.id !== extension.id || !sender.url) return { kind: "unknown" };
  if (sender.url.startsWith(extension.origin)) return { kind: "extension-page" };
  if (sender.tab?.id === undefined || sender.frameId !== 0) return { kind: "unknown" };
  let origin: string;
  try {
    origin = new URL(sender.url).origin;
  } catch {
    return { kind: "unknown" };
  }
  // Chrome also reports the document's origin; when it disagrees with the URL (about:blank, sandboxed
  // documents), the document is not the partner's page.
  if (sender.origin !== undefined && sender.origin !== origin) return { kind: "unknown" };
  return { kind: "content", origin, tabId: sender.tab.id, enabled: enabledOrigins.includes(origin) };
}

/** `chrome-extension://<id>/` or `moz-extension://<uuid>/`: how the extension's own pages' URLs begin. */
export function extensionOrigin(rootUrl: string): string {
  return rootUrl.endsWith("/") ? rootUrl : `${rootUrl}/`;
}
