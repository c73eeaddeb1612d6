/**
 * The page ↔ extension protocol: how a partner's KYC page asks the FaceID Edge extension for a guided liveness
 * capture, and how the answer comes back. Both sides speak it through `window.postMessage` on the page's own
 * window; the extension ignores messages from other windows (frames, openers) and other origins.
 *
 *   extension → page  { type: "faceid-edge:ready", version }
 *   page → extension  { type: "faceid-edge:capture-request", id, sessionToken?, livenessType, actions?, referenceImage? }
 *   extension → page  { type: "faceid-edge:capture-result", id, passed, result, description, similarity, tencentRequestId,
 *                       verdictToken }
 *                   | { type: "faceid-edge:capture-error", id, code, message }
 *
 * A page's message is untrusted input: `parseCaptureRequest` checks every field and says what is wrong.
 */
import { LIVENESS_ACTION_CODES, type LivenessActionName, type LivenessType } from "./faceid/types";
import type { RestErrorCode } from "./rest/api";

export const PAGE_MESSAGE_TYPE = {
  ready: "faceid-edge:ready",
  captureRequest: "faceid-edge:capture-request",
  captureResult: "faceid-edge:capture-result",
  captureError: "faceid-edge:capture-error",
} as const;

/** Posted once the extension is active on the page; `version` is the extension's version. */
export interface ReadyMessage {
  type: typeof PAGE_MESSAGE_TYPE.ready;
  version: string;
}

export interface CaptureRequestMessage {
  type: typeof PAGE_MESSAGE_TYPE.captureRequest;
  /** Chosen by the page; echoed in the answer. */
  id: string;
  /** A session token the page's backend minted; without one the extension mints one with the agent's key. */
  sessionToken?: string;
  livenessType: LivenessType;
  /** ACTION only: one or two actions, performed in this order. */
  actions?: LivenessActionName[];
  /**
   * The reference photo: a `data:image/...;base64,` URL, or the CSS selector of an `<img>` on the page.
   * Without one, the agent picks a photo from the page or a file.
   */
  referenceImage?: string;
}

/**
 * The verdict. Sent after every completed verification of a request: when the agent retakes after a failure,
 * the page receives another result with the same `id`; the last one counts.
 */
export interface CaptureResultMessage {
  type: typeof PAGE_MESSAGE_TYPE.captureResult;
  id: string;
  /** True only for Tencent's `Success`. */
  passed: boolean;
  /** Tencent's result code, e.g. `Success` or `FailedOperation.CompareLowSimilarity`. */
  result: string;
  /** Human text from the shared result-code catalogue. */
  description: string;
  /** 0–100, or null when Tencent gives no meaningful similarity for this result. */
  similarity: number | null;
  tencentRequestId: string;
  /**
   * The gateway's signed verdict, exactly as it answered the upload: a compact JWS the partner's backend
   * verifies against the gateway's /.well-known/jwks.json. The other fields are for display; only this one
   * can be trusted, and only once verified server-side.
   */
  verdictToken: string;
}

export interface CaptureErrorMessage {
  type: typeof PAGE_MESSAGE_TYPE.captureError;
  id: string;
  code: CaptureErrorCode;
  message: string;
}

export type PageMessage = ReadyMessage | CaptureRequestMessage | CaptureResultMessage | CaptureErrorMessage;

/** Why a capture ended without a verdict, as the page sees it. */
export const EXTENSION_ERROR_CODES = [
  /** The request message is malformed; `message` says which field. */
  "invalid_request",
  /** Another capture is in progress on this page. */
  "busy",
  /** The agent (or the person) cancelled. */
  "cancelled",
  /** The extension has no Worker URL, no agent key (and the page gave no session token), or no permission. */
  "not_configured",
  "camera_denied",
  "no_camera",
  "camera_in_use",
  /** The browser cannot record or convert to a video Tencent accepts. */
  "recording_unsupported",
  "recording_failed",
  /** The reference image could not be found, read, or is not an accepted image. */
  "reference_image_invalid",
  /** The Worker could not be reached. */
  "network_error",
] as const;
export type ExtensionErrorCode = (typeof EXTENSION_ERROR_CODES)[number];

/** Extension codes, or the REST dialect's own codes passed through (e.g. `token_expired`, `attempts_exhausted`). */
export type CaptureErrorCode = ExtensionErrorCode | RestErrorCode;

/** At most two actions per ACTION verification (Tencent's ValidateData takes one or two codes). */
export const MAX_ACTIONS = 2;
export const MAX_ID_LENGTH = 128;
export const MAX_SESSION_TOKEN_LENGTH = 4096;
export const MAX_SELECTOR_LENGTH = 512;
/** A data URL's base64 text must fit Tencent's 3 MB ImageBase64 limit; this bound adds room for the prefix. */
export const MAX_REFERENCE_DATA_URL_LENGTH = 3 * 1024 * 1024 + 64;

export type ReferenceImageSource =
  | { kind: "data-url"; dataUrl: string }
  | { kind: "selector"; selector: string };

export type CaptureRequestProblem =
  | "bad-id"
  | "bad-session-token"
  | "bad-liveness-type"
  | "missing-actions"
  | "bad-actions"
  | "too-many-actions"
  | "duplicate-actions"
  | "actions-not-allowed"
  | "bad-reference-image"
  | "reference-image-too-large";

export type CaptureRequestParse =
  | { ok: true; request: CaptureRequestMessage }
  /** `id` is the page's id when it was readable, so the problem can be answered; null means stay silent. */
  | { ok: false; id: string | null; problem: CaptureRequestProblem };

/** True for anything shaped as a capture request, valid or not: other messages on the window are not ours. */
export function isCaptureRequestLike(
  data: unknown,
): data is { type: typeof PAGE_MESSAGE_TYPE.captureRequest } {
  return isRecord(data) && data.type === PAGE_MESSAGE_TYPE.captureRequest;
}

/** Checks a capture request field by field; call only for messages `isCaptureRequestLike` accepted. */
export function parseCaptureRequest(data: unknown): CaptureRequestParse {
  if (!isRecord(data)) return { ok: false, id: null, problem: "bad-id" };
  const id = data.id;
  if (typeof id !== "string" || id.length === 0 || id.length > MAX_ID_LENGTH) {
    return { ok: false, id: null, problem: "bad-id" };
  }
  const fail = (problem: CaptureRequestProblem): CaptureRequestParse => ({ ok: false, id, problem });

  const { sessionToken, livenessType, actions, referenceImage } = data;
  if (sessionToken !== undefined && !isSessionToken(sessionToken)) return fail("bad-session-token");
  if (livenessType !== "ACTION" && livenessType !== "SILENT") return fail("bad-liveness-type");

  let parsedActions: LivenessActionName[] | undefined;
  if (livenessType === "ACTION") {
    if (actions === undefined || (Array.isArray(actions) && actions.length === 0))
      return fail("missing-actions");
    if (!Array.isArray(actions) || !actions.every(isLivenessActionName)) return fail("bad-actions");
    if (actions.length > MAX_ACTIONS) return fail("too-many-actions");
    if (new Set(actions).size !== actions.length) return fail("duplicate-actions");
    parsedActions = [...actions];
  } else if (actions !== undefined && !(Array.isArray(actions) && actions.length === 0)) {
    return fail("actions-not-allowed");
  }

  if (referenceImage !== undefined) {
    if (typeof referenceImage !== "string") return fail("bad-reference-image");
    if (referenceImage.length > MAX_REFERENCE_DATA_URL_LENGTH) return fail("reference-image-too-large");
    if (classifyReferenceImage(referenceImage) === null) return fail("bad-reference-image");
  }

  const request: CaptureRequestMessage = { type: PAGE_MESSAGE_TYPE.captureRequest, id, livenessType };
  if (sessionToken !== undefined) request.sessionToken = sessionToken as string;
  if (parsedActions) request.actions = parsedActions;
  if (referenceImage !== undefined) request.referenceImage = referenceImage;
  return { ok: true, request };
}

/** The message a page receives for a malformed request: one sentence naming the field. */
export function describeCaptureRequestProblem(problem: CaptureRequestProblem): string {
  switch (problem) {
    case "bad-id":
      return `id must be a non-empty string of at most ${MAX_ID_LENGTH} characters.`;
    case "bad-session-token":
      return "sessionToken must be a non-empty string without spaces.";
    case "bad-liveness-type":
      return 'livenessType must be "ACTION" or "SILENT".';
    case "missing-actions":
      return "ACTION liveness needs one or two actions.";
    case "bad-actions":
      return `actions must be an array of ${Object.keys(LIVENESS_ACTION_CODES).join(", ")}.`;
    case "too-many-actions":
      return `ACTION liveness takes at most ${MAX_ACTIONS} actions.`;
    case "duplicate-actions":
      return "Each action may appear only once.";
    case "actions-not-allowed":
      return "actions are only allowed with ACTION liveness.";
    case "bad-reference-image":
      return "referenceImage must be a data:image/...;base64 URL or the CSS selector of an <img>.";
    case "reference-image-too-large":
      return "referenceImage is larger than Tencent's 3 MB limit.";
  }
}

/**
 * A data URL of an image, or else a CSS selector. Selector syntax is checked by the page's own
 * `querySelector` later; here only its length and printable form.
 */
export function classifyReferenceImage(reference: string): ReferenceImageSource | null {
  if (reference.startsWith("data:")) {
    return /^data:image\/[a-z0-9.+-]+;base64,[A-Za-z0-9+/]+={0,2}$/i.test(reference)
      ? { kind: "data-url", dataUrl: reference }
      : null;
  }
  const selector = reference.trim();
  if (selector.length === 0 || selector.length > MAX_SELECTOR_LENGTH) return null;
  // Control characters have no place in a selector and would only hide what it says.
  if ([...selector].some((char) => char.charCodeAt(0) < 0x20)) return null;
  return { kind: "selector", selector };
}

export function isLivenessActionName(value: unknown): value is LivenessActionName {
  return typeof value === "string" && Object.hasOwn(LIVENESS_ACTION_CODES, value);
}

/** For pages: tells the extension's own messages apart from anything else posted on the window. */
export function isExtensionMessage(
  data: unknown,
): data is ReadyMessage | CaptureResultMessage | CaptureErrorMessage {
  if (!isRecord(data)) return false;
  return (
    data.type === PAGE_MESSAGE_TYPE.ready ||
    data.type === PAGE_MESSAGE_TYPE.captureResult ||
    data.type === PAGE_MESSAGE_TYPE.captureError
  );
}

function isSessionToken(value: unknown): boolean {
  return (
    typeof value === "string" &&
    value.length > 0 &&
    value.length <= MAX_SESSION_TOKEN_LENGTH &&
    /^[\x21-\x7e]+$/.test(value)
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
