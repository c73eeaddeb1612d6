/**
 * Every message between the extension's own contexts, declared once and named by direction.
 *
 * - One-shot requests go through `runtime.sendMessage` / `tabs.sendMessage` in an envelope, and every answer
 *   is a `Reply`: thrown errors do not cross those calls, so failures travel as data.
 * - An upload is a conversation (progress, cancel, verdict), so it runs over a named `runtime.Port`.
 * - The background answers a request only from the sender kind declared for it (see `REQUEST_SENDERS`).
 *
 * Payloads are JSON: Chrome serialises messages as JSON, so bytes travel as base64 text.
 */
import type { LivenessActionName, LivenessType } from "../../shared/faceid/types";
import type { CaptureErrorCode } from "../../shared/page-protocol";
import type { CompareResult } from "../../shared/rest/api";
import type { ExtensionSettings } from "../settings/settings";

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
  recordingSeconds: number;
  countdownSeconds: number;
  /** Device ids are salted per origin, so the preferred camera is remembered by its label. */
  cameraLabel: string | null;
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

// --- the upload conversation: content script ⇄ background (runtime.Port) ---------------------------------

export const UPLOAD_PORT_NAME = "faceid-edge:upload";

export interface CaptureUpload {
  /** One capture flow: retakes reuse its session. */
  flowId: string;
  /** The page's own session token, when it sent one. */
  pageSessionToken?: string;
  source: "page" | "agent";
  livenessType: LivenessType;
  actions: LivenessActionName[];
  videoBase64: string;
  imageBase64: string;
  imageType: "jpeg" | "png";
}

export type UploadCommand = { kind: "start"; upload: CaptureUpload } | { kind: "cancel" };

export type UploadEvent =
  | { kind: "progress"; sentBytes: number; totalBytes: number }
  /** The first attempt failed on the network before the Worker answered; one more is under way. */
  | { kind: "retrying" }
  | { kind: "verdict"; verdict: CompareResult }
  | { kind: "failed"; error: WireError };

// --- the byte transfer: background ⇄ offscreen document (Chrome only; runtime.Port) ------------------------

export const TRANSPORT_PORT_NAME = "faceid-edge:transport";

export interface TransportRequest {
  url: string;
  sessionToken: string;
  fields: Record<string, string>;
  video: { base64: string; type: string; fileName: string };
  image: { base64: string; type: string; fileName: string };
  timeoutMs: number;
}

export type TransportCommand = { kind: "send"; request: TransportRequest };

export type TransportEvent =
  | { kind: "progress"; sentBytes: number; totalBytes: number }
  /**
   * Sent while the Worker is thinking: Chrome stops an extension service worker after 30 s without events,
   * and a verification can take longer than that once the bytes are sent.
   */
  | { kind: "heartbeat" }
  | { kind: "outcome"; outcome: TransportOutcome };

/** How one HTTP attempt ended, before any interpretation. */
export type TransportOutcome =
  | { kind: "response"; status: number; body: string; requestId: string | null }
  /** No HTTP answer at all: connection refused, reset, DNS, CORS. */
  | { kind: "network-error" }
  | { kind: "timeout" }
  | { kind: "aborted" };

// --- who may ask what -------------------------------------------------------------------------------------

export type BackgroundRequests = ContentToBackground & ExtensionPageToBackground;
export type BackgroundRequestKind = keyof BackgroundRequests;
export type SenderKind = "content" | "extension-page";

export const REQUEST_SENDERS: { readonly [K in BackgroundRequestKind]: SenderKind } = {
  "page.hello": "content",
  "capture.prepare": "content",
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
