/**
 * The page ↔ extension protocol: how a partner's KYC page asks the FaceID Edge extension for a guided liveness
 * capture, and how the answer comes back. Both sides speak it through `window.postMessage` on the page's own
 * window; the extension ignores messages from other windows (frames, openers) and other origins.
 *
 *   extension → page  { type: "faceid-edge:ready", version }
 *   page → extension  { type: "faceid-edge:capture-request", id, mode?: "webcam", sessionToken?, locale?, livenessType,
 *                       actions?, referenceImage?, redirectUrl?, checkMode?, idCardType?, language? }
 *                   | { type: "faceid-edge:capture-request", id, mode: "handoff", redirectUrl, sessionToken?, locale?,
 *                       livenessType?, actions?, checkMode?, idCardType?, language? }
 *   extension → page  { type: "faceid-edge:capture-result", id, passed, result, description, similarity, tencentRequestId,
 *                       verdictToken }
 *                   | { type: "faceid-edge:capture-error", id, code, message }
 *
 * A page's message is untrusted input: `parseCaptureRequest` checks every field and says what is wrong.
 */
import { LIVENESS_ACTION_CODES, type LivenessActionName, type LivenessType } from "./faceid/types";
import {
  CHECK_MODES,
  type CheckMode,
  ID_CARD_TYPES,
  type IdCardType,
  WEB_VERIFICATION_LANGUAGES,
  type WebVerificationLanguage,
} from "./faceid/web-verification";
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

/** How the person is checked: the agent's webcam here (the default), or Tencent's page on the person's phone. */
export type CaptureMode = "webcam" | "handoff";

/**
 * Tencent's hosted verification, for a hand-off to the person's phone (POST /v1/web-verifications). The
 * gateway accepts only a redirect URL registered for the partner (`npm run partner -- … --redirect-url`).
 */
export interface HostedVerificationOptions {
  /** Where Tencent sends the phone back when the person is done, with `?token=<BizToken>` appended. */
  redirectUrl: string;
  /** 1 OCR + liveness + comparison, 2 liveness + comparison (Tencent's default), 3 liveness, 4 OCR. */
  checkMode?: CheckMode;
  /** The identity document, for the modes with OCR. */
  idCardType?: IdCardType;
  /** The language of Tencent's page. */
  language?: WebVerificationLanguage;
}

interface CaptureRequestBase {
  type: typeof PAGE_MESSAGE_TYPE.captureRequest;
  /** Chosen by the page; echoed in the answer. */
  id: string;
  /** A session token the page's backend minted; without one the extension mints one with the agent's key. */
  sessionToken?: string;
  /**
   * The language of the overlay for this capture, a BCP 47 tag ("th", "pt-BR", "zh-Hant"): the nearest
   * language the extension ships, or the browser's language when it ships none near it.
   */
  locale?: string;
}

/** A capture with the agent's webcam (`mode` absent or `"webcam"`). */
export interface WebcamCaptureRequest extends CaptureRequestBase, Partial<HostedVerificationOptions> {
  mode?: "webcam";
  livenessType: LivenessType;
  /** ACTION only: one or two actions, performed in this order. */
  actions?: LivenessActionName[];
  /**
   * The reference photo: a `data:image/...;base64,` URL, or the CSS selector of an `<img>` on the page.
   * Without one, the agent picks a photo from the page or a file.
   */
  referenceImage?: string;
  // With `redirectUrl` (and optionally checkMode, idCardType, language), the agent may continue on the
  // person's phone instead ("Continue on phone"); without it those fields are refused.
}

/**
 * A check on the person's phone: the agent shows a QR code and a short code, the phone runs Tencent's page,
 * and the verdict comes back as for a webcam capture.
 */
export interface HandoffCaptureRequest extends CaptureRequestBase, HostedVerificationOptions {
  mode: "handoff";
  /**
   * Optional: the liveness Tencent's page asks for (SILENT: silent; ACTION: these actions). Without it, the
   * page's default (light liveness).
   */
  livenessType?: LivenessType;
  actions?: LivenessActionName[];
}

export type CaptureRequestMessage = WebcamCaptureRequest | HandoffCaptureRequest;

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
  /** The camera stopped while in use (unplugged, taken by another application) and the agent gave up. */
  "camera_disconnected",
  /** The browser cannot record or convert to a video Tencent accepts. */
  "recording_unsupported",
  "recording_failed",
  /** The reference image could not be found, read, or is not an accepted image. */
  "reference_image_invalid",
  /** The Worker could not be reached. */
  "network_error",
  /** A hand-off to the phone: the person did not finish within the flow's 10 minutes. */
  "handoff_expired",
] as const;
export type ExtensionErrorCode = (typeof EXTENSION_ERROR_CODES)[number];

/** Extension codes, or the REST dialect's own codes passed through (e.g. `token_expired`, `attempts_exhausted`). */
export type CaptureErrorCode = ExtensionErrorCode | RestErrorCode;

/** At most two actions per ACTION verification (Tencent's ValidateData takes one or two codes). */
export const MAX_ACTIONS = 2;
export const MAX_ID_LENGTH = 128;
export const MAX_SESSION_TOKEN_LENGTH = 4096;
/** RFC 5646 §4.4.1: 35 characters hold every tag a language, script and region need. */
export const MAX_LOCALE_LENGTH = 35;
export const MAX_SELECTOR_LENGTH = 512;
/** A data URL's base64 text must fit Tencent's 3 MB ImageBase64 limit; this bound adds room for the prefix. */
export const MAX_REFERENCE_DATA_URL_LENGTH = 3 * 1024 * 1024 + 64;
/** The gateway's own bound on a redirect URL. */
export const MAX_REDIRECT_URL_LENGTH = 2048;

export type ReferenceImageSource =
  | { kind: "data-url"; dataUrl: string }
  | { kind: "selector"; selector: string };

export type CaptureRequestProblem =
  | "bad-id"
  | "bad-session-token"
  | "bad-locale"
  | "bad-liveness-type"
  | "missing-actions"
  | "bad-actions"
  | "too-many-actions"
  | "duplicate-actions"
  | "actions-not-allowed"
  | "bad-reference-image"
  | "reference-image-too-large"
  | "bad-mode"
  | "missing-redirect-url"
  | "bad-redirect-url"
  | "bad-check-mode"
  | "bad-id-card-type"
  | "bad-language"
  | "hosted-options-without-redirect-url"
  | "reference-image-not-allowed";

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

  const { mode, sessionToken, locale, livenessType, referenceImage } = data;
  if (mode !== undefined && mode !== "webcam" && mode !== "handoff") return fail("bad-mode");
  if (sessionToken !== undefined && !isSessionToken(sessionToken)) return fail("bad-session-token");
  // Only the form is checked here: a tag the extension has no language for is no error (the browser's is used).
  if (locale !== undefined && !isLocaleTag(locale)) return fail("bad-locale");
  // Tencent's page asks for its own default liveness when a hand-off names none.
  const liveness =
    mode === "handoff" && livenessType === undefined ? { ok: true as const } : parseLiveness(data);
  if (!liveness.ok) return fail(liveness.problem);

  if (mode === "handoff" && referenceImage !== undefined) return fail("reference-image-not-allowed");
  if (referenceImage !== undefined) {
    if (typeof referenceImage !== "string") return fail("bad-reference-image");
    if (referenceImage.length > MAX_REFERENCE_DATA_URL_LENGTH) return fail("reference-image-too-large");
    if (classifyReferenceImage(referenceImage) === null) return fail("bad-reference-image");
  }

  const hosted = parseHostedOptions(data, mode === "handoff");
  if (!hosted.ok) return fail(hosted.problem);

  const base = { type: PAGE_MESSAGE_TYPE.captureRequest, id } as const;
  const token = {
    ...(sessionToken !== undefined ? { sessionToken: sessionToken as string } : {}),
    ...(locale !== undefined ? { locale: locale as string } : {}),
  };
  if (mode === "handoff") {
    // parseHostedOptions has required redirectUrl for a hand-off.
    const options = hosted.options as HostedVerificationOptions;
    return { ok: true, request: { ...base, mode, ...token, ...liveness.value, ...options } };
  }
  // Only a hand-off may name no liveness: a webcam capture's was parsed or refused above.
  if (!liveness.value) return fail("bad-liveness-type");
  const request: WebcamCaptureRequest = {
    ...base,
    ...(mode === "webcam" ? { mode } : {}),
    ...token,
    ...liveness.value,
    ...(referenceImage !== undefined ? { referenceImage: referenceImage as string } : {}),
    ...hosted.options,
  };
  return { ok: true, request };
}

/** The message a page receives for a malformed request: one sentence naming the field. */
export function describeCaptureRequestProblem(problem: CaptureRequestProblem): string {
  switch (problem) {
    case "bad-id":
      return `id must be a non-empty string of at most ${MAX_ID_LENGTH} characters.`;
    case "bad-session-token":
      return "sessionToken must be a non-empty string without spaces.";
    case "bad-locale":
      return `locale must be a BCP 47 language tag (e.g. "th", "pt-BR") of at most ${MAX_LOCALE_LENGTH} characters.`;
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
    case "bad-mode":
      return 'mode must be "webcam" or "handoff".';
    case "missing-redirect-url":
      return 'mode "handoff" needs redirectUrl, the page Tencent sends the phone back to.';
    case "bad-redirect-url":
      return `redirectUrl must be an absolute http(s) URL of at most ${MAX_REDIRECT_URL_LENGTH} characters, without credentials or fragment.`;
    case "bad-check-mode":
      return `checkMode must be one of ${Object.keys(CHECK_MODES).join(", ")}.`;
    case "bad-id-card-type":
      return `idCardType must be one of ${ID_CARD_TYPES.join(", ")}.`;
    case "bad-language":
      return `language must be one of ${WEB_VERIFICATION_LANGUAGES.join(", ")}.`;
    case "hosted-options-without-redirect-url":
      return "checkMode, idCardType and language are only allowed with redirectUrl.";
    case "reference-image-not-allowed":
      return 'referenceImage is not allowed with mode "handoff": Tencent\'s page takes the photos on the phone.';
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

type LivenessParse =
  | { ok: true; value?: { livenessType: LivenessType; actions?: LivenessActionName[] } }
  | { ok: false; problem: CaptureRequestProblem };

/** livenessType and its actions: ACTION with one or two distinct actions in order, SILENT with none. */
function parseLiveness(data: Record<string, unknown>): LivenessParse {
  const { livenessType, actions } = data;
  if (livenessType !== "ACTION" && livenessType !== "SILENT")
    return { ok: false, problem: "bad-liveness-type" };
  if (livenessType === "SILENT") {
    if (actions !== undefined && !(Array.isArray(actions) && actions.length === 0)) {
      return { ok: false, problem: "actions-not-allowed" };
    }
    return { ok: true, value: { livenessType } };
  }
  if (actions === undefined || (Array.isArray(actions) && actions.length === 0))
    return { ok: false, problem: "missing-actions" };
  if (!Array.isArray(actions) || !actions.every(isLivenessActionName))
    return { ok: false, problem: "bad-actions" };
  if (actions.length > MAX_ACTIONS) return { ok: false, problem: "too-many-actions" };
  if (new Set(actions).size !== actions.length) return { ok: false, problem: "duplicate-actions" };
  return { ok: true, value: { livenessType, actions: [...actions] } };
}

type HostedParse =
  | { ok: true; options: Partial<HostedVerificationOptions> }
  | { ok: false; problem: CaptureRequestProblem };

/**
 * redirectUrl, checkMode, idCardType and language: required redirectUrl for a hand-off; for a webcam capture
 * all optional, the others only with redirectUrl (without one, no hand-off can use them).
 */
function parseHostedOptions(data: Record<string, unknown>, handoff: boolean): HostedParse {
  const { redirectUrl, checkMode, idCardType, language } = data;
  if (redirectUrl === undefined) {
    if (handoff) return { ok: false, problem: "missing-redirect-url" };
    if (checkMode !== undefined || idCardType !== undefined || language !== undefined) {
      return { ok: false, problem: "hosted-options-without-redirect-url" };
    }
    return { ok: true, options: {} };
  }
  if (!isRedirectUrl(redirectUrl)) return { ok: false, problem: "bad-redirect-url" };
  const options: Partial<HostedVerificationOptions> = { redirectUrl };
  if (checkMode !== undefined) {
    if (!isCheckMode(checkMode)) return { ok: false, problem: "bad-check-mode" };
    options.checkMode = checkMode;
  }
  if (idCardType !== undefined) {
    if (!isOneOf(ID_CARD_TYPES, idCardType)) return { ok: false, problem: "bad-id-card-type" };
    options.idCardType = idCardType;
  }
  if (language !== undefined) {
    if (!isOneOf(WEB_VERIFICATION_LANGUAGES, language)) return { ok: false, problem: "bad-language" };
    options.language = language;
  }
  return { ok: true, options };
}

/**
 * An absolute http(s) URL in ASCII, without credentials or fragment. Whether it is https and one of the
 * partner's registered redirect URLs is the gateway's to say: it alone knows them.
 */
function isRedirectUrl(value: unknown): value is string {
  return (
    typeof value === "string" &&
    value.length <= MAX_REDIRECT_URL_LENGTH &&
    // scheme :// host (a name, IPv4 or [IPv6]) [:port] [path or query]; no "@" before the path, no "#" at all.
    /^https?:\/\/(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(?::\d{1,5})?(?:[/?][\x21-\x22\x24-\x7e]*)?$/.test(
      value,
    )
  );
}

function isCheckMode(value: unknown): value is CheckMode {
  return typeof value === "number" && Object.hasOwn(CHECK_MODES, value);
}

function isOneOf<T extends string>(values: readonly T[], value: unknown): value is T {
  return typeof value === "string" && (values as readonly string[]).includes(value);
}

function isSessionToken(value: unknown): boolean {
  return (
    typeof value === "string" &&
    value.length > 0 &&
    value.length <= MAX_SESSION_TOKEN_LENGTH &&
    /^[\x21-\x7e]+$/.test(value)
  );
}

function isLocaleTag(value: unknown): boolean {
  return typeof value === "string" && value.length > 0 && value.length <= MAX_LOCALE_LENGTH;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
