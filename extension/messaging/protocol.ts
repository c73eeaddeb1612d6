/**
 * Every message between the extension's own contexts, declared once and named by direction.
 *
 * - Requests go through `runtime.sendMessage` / `tabs.sendMessage` in an envelope, and every answer is a
 *   `Reply`: thrown errors do not cross those calls, so failures travel as data.
 * - The background answers a request only from the sender kind declared for it (see `REQUEST_SENDERS`).
 *
 * Payloads are JSON (Chrome serialises messages as JSON), and small: no recording crosses contexts. The
 * content script sends the video itself (content/upload.ts); the background only lends it a session token
 * before, and records the verdict after.
 */
import type { LivenessActionName, LivenessType } from "../../shared/faceid/types";
import type { CaptureErrorCode } from "../../shared/page-protocol";
import type { ExtensionSettings } from "../settings/settings";
import type { Catalogue } from "../ui/i18n-catalogue";
import type { ShippedLocale } from "../ui/i18n-locales";

export const MESSAGE_CHANNEL = "faceid-edge";

export interface WireError {
  code: CaptureErrorCode;
  message: string;
  /** The gateway's X-Request-Id when the Worker answered. */
  requestId?: string;
}

export type Reply<T> = { ok: true; value: T } | { ok: false; error: WireError };

export interface Envelope<K extends string = string, P = unknown> {
  channel: typeof MESSAGE_CHANNEL;
  kind: K;
  payload: P;
}

// --- content script → background ------------------------------------------------------------------------

export interface ContentToBackground {
  /** Asked once per page load: the content script stays inert unless the page is an enabled partner site. */
  "page.hello": { request: Record<string, never>; response: PageHello };
  /** Before the camera starts: is everything configured for this capture, and with which settings. */
  "capture.prepare": { request: CapturePrepareRequest; response: CaptureSettings };
  /**
   * Before a recording ends, when the page sent no token of its own: a session token minted with the agent
   * key for this page's origin. The key itself never leaves the background.
   */
  "capture.session": { request: CaptureSessionRequest; response: { sessionToken: string } };
  /**
   * Before a hand-off to the person's phone, when the page sent no token of its own: a session token that may
   * only start a hosted verification and read its result, from this page's origin.
   */
  "handoff.session": { request: HandoffSessionRequest; response: { sessionToken: string } };
  /** After a verdict: the agent's history entry (the background adds the origin and the time). */
  "history.record": { request: VerdictReport; response: null };
  /**
   * A capture in the language its page asked for: that locale's messages.json. The background reads it; a
   * content script may not fetch the extension's files (they are not web-accessible, on purpose).
   */
  "i18n.catalogue": { request: { locale: ShippedLocale }; response: Catalogue | null };
}

export interface PageHello {
  active: boolean;
  version: string;
}

export interface CapturePrepareRequest {
  /** Whether the page supplied its own session token (otherwise the agent key must be set). */
  hasPageSessionToken: boolean;
}

export interface CaptureSettings {
  /** Where the content script sends the upload. */
  workerUrl: string;
  recordingSeconds: number;
  countdownSeconds: number;
  /** Device ids are salted per origin, so the preferred camera is remembered by its label. */
  cameraLabel: string | null;
}

export interface CaptureSessionRequest {
  /** One capture flow: its retakes share one session, and so its attempts. */
  flowId: string;
  livenessType: LivenessType;
  actions: LivenessActionName[];
}

export interface HandoffSessionRequest {
  /** One capture flow: its hand-offs share one session, and so its attempts. */
  flowId: string;
  /** The liveness Tencent's page asks for; null for the page's default (light liveness). */
  liveness: { livenessType: LivenessType; actions: LivenessActionName[] } | null;
}

/** A verdict as the content script reports it for the history: small fields and a thumbnail, no video. */
export interface VerdictReport {
  source: "page" | "agent";
  livenessType: LivenessType;
  actions: LivenessActionName[];
  passed: boolean;
  result: string;
  similarity: number | null;
  tencentRequestId: string;
  requestId: string;
  /** A small JPEG data URL of the best frame (content/capture/thumbnail.ts). */
  thumbnail: string | null;
}

// --- extension pages (popup, options) → background --------------------------------------------------------

export interface ExtensionPageToBackground {
  "settings.load": { request: Record<string, never>; response: SettingsView };
  "settings.save": { request: SettingsUpdate; response: SettingsView };
  "connection.check": { request: Record<string, never>; response: ConnectionState };
  "history.list": { request: Record<string, never>; response: VerificationRecord[] };
  "history.clear": { request: Record<string, never>; response: null };
  "liveness.lookup": { request: { sdkToken: string }; response: LivenessLookup };
  /** From the popup: start an agent capture on a tab showing an enabled partner page. */
  "capture.start-on-tab": {
    request: { tabId: number; livenessType: LivenessType; actions: LivenessActionName[] };
    response: null;
  };
  /** From the popup: whether the active tab is an enabled partner page. */
  "tab.status": { request: { tabId: number }; response: TabStatus };
}

/** What the options page may see: never the agent key itself. */
export interface SettingsView {
  settings: ExtensionSettings;
  agentKeySet: boolean;
  /** Enabled sites whose host permission the browser does not (or no longer) grant. */
  sitesWithoutPermission: string[];
  workerPermissionGranted: boolean;
}

export interface SettingsUpdate {
  settings: ExtensionSettings;
  /** A new agent key; null removes it; absent keeps the stored one. */
  agentKey?: string | null;
}

export type ConnectionState =
  | { state: "connected"; workerUrl: string; version: string; sandbox: boolean; latencyMs: number }
  | { state: "not-configured" }
  | { state: "no-permission"; workerUrl: string }
  | { state: "unreachable"; workerUrl: string; message: string };

export type TabStatus = { enabled: true; origin: string } | { enabled: false; reason: string };

export interface VerificationRecord {
  id: string;
  /** Epoch milliseconds. */
  at: number;
  origin: string;
  source: "page" | "agent";
  livenessType: LivenessType;
  actions: LivenessActionName[];
  passed: boolean;
  result: string;
  description: string;
  similarity: number | null;
  tencentRequestId: string;
  requestId: string;
  /** A small JPEG data URL of the best frame; no video is ever kept. */
  thumbnail: string | null;
}

export interface LivenessLookup {
  sdkToken: string;
  passed: boolean;
  result: string;
  description: string;
  bestFrameUrl: string | null;
  tencentRequestId: string;
}

// --- background → content script (tabs.sendMessage) ------------------------------------------------------

export interface BackgroundToContent {
  "content.ping": { request: Record<string, never>; response: { ready: true } };
  "capture.start": { request: { livenessType: LivenessType; actions: LivenessActionName[] }; response: null };
}

// --- who may ask what -------------------------------------------------------------------------------------

export type BackgroundRequests = ContentToBackground & ExtensionPageToBackground;
export type BackgroundRequestKind = keyof BackgroundRequests;
export type SenderKind = "content" | "extension-page";

export const REQUEST_SENDERS: { readonly [K in BackgroundRequestKind]: SenderKind } = {
  "page.hello": "content",
  "capture.prepare": "content",
  "capture.session": "content",
  "handoff.session": "content",
  "history.record": "content",
  "i18n.catalogue": "content",
  "settings.load": "extension-page",
  "settings.save": "extension-page",
  "connection.check": "extension-page",
  "history.list": "extension-page",
  "history.clear": "extension-page",
  "liveness.lookup": "extension-page",
  "capture.start-on-tab": "extension-page",
  "tab.status": "extension-page",
};

export function isEnvelope(message: unknown): message is Envelope {
  return (
    typeof message === "object" &&
    message !== null &&
    (message as Envelope).channel === MESSAGE_CHANNEL &&
    typeof (message as Envelope).kind === "string"
  );
}

export function isBackgroundRequestKind(kind: string): kind is BackgroundRequestKind {
  return Object.hasOwn(REQUEST_SENDERS, kind);
}
