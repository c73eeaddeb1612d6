/**
 * Typed senders for the one-shot requests of `protocol.ts`: the caller gets the value or an `ExtensionError`.
 */
import browser from "webextension-polyfill";
import { unwrapReply } from "./errors";
import {
  type BackgroundRequests,
  type BackgroundToContent,
  type Envelope,
  MESSAGE_CHANNEL,
} from "./protocol";

export async function askBackground<K extends keyof BackgroundRequests>(
  kind: K,
  payload: BackgroundRequests[K]["request"],
): Promise<BackgroundRequests[K]["response"]> {
  const envelope: Envelope<K, BackgroundRequests[K]["request"]> = { channel: MESSAGE_CHANNEL, kind, payload };
  return unwrapReply(await browser.runtime.sendMessage(envelope));
}

export async function askContent<K extends keyof BackgroundToContent>(
  tabId: number,
  kind: K,
  payload: BackgroundToContent[K]["request"],
): Promise<BackgroundToContent[K]["response"]> {
  const envelope: Envelope<K, BackgroundToContent[K]["request"]> = {
    channel: MESSAGE_CHANNEL,
    kind,
    payload,
  };
  // Top frame only: the content script never runs in frames.
  return unwrapReply(await browser.tabs.sendMessage(tabId, envelope, { frameId: 0 }));
}
