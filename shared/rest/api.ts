/**
 * The REST dialect (`/v1/...`) that browser pages and the extension speak: request and response bodies,
 * and the error envelope. Authorised by `Authorization: Bearer <session token>`.
 */

import type { LivenessActionName, LivenessType, SecureLevel } from "../faceid/types";
import type { CheckMode, IdCardType, WebVerificationLanguage } from "../faceid/web-verification";

export const REST_PATHS = {
  compare: "/v1/liveness/compare",
  tokens: "/v1/liveness/tokens",
  /** Followed by `/{sdkToken}`. */
  results: "/v1/liveness/results",
  sessions: "/v1/sessions",
  /** POST; GET followed by `/{bizToken}`. */
  webVerifications: "/v1/web-verifications",
  health: "/healthz",
  openapi: "/openapi.json",
  docs: "/docs",
} as const;

/** Multipart field names of POST /v1/liveness/compare. */
export const COMPARE_FORM_FIELDS = {
  video: "video",
  image: "image",
  livenessType: "livenessType",
  /** Comma-separated action names, ACTION only. */
  actions: "actions",
  /** `true` when the agent recorded although the on-device face checks did not pass; absent otherwise. */
  checksOverridden: "checksOverridden",
} as const;

/** The JSON form of POST /v1/liveness/compare. */
export interface CompareJsonRequest {
  videoBase64: string;
  imageBase64: string;
  livenessType: LivenessType;
  actions?: LivenessActionName[];
}

export interface CompareResult {
  /** True only for Tencent's `Success`. */
  passed: boolean;
  /** Tencent's result code, e.g. `Success` or `FailedOperation.CompareLowSimilarity`. */
  result: string;
  /** Human text from the shared result-code catalogue. */
  description: string;
  /** 0–100, or null when Tencent gives no meaningful similarity for this result. */
  similarity: number | null;
  bestFrameBase64: string | null;
  tencentRequestId: string;
  requestId: string;
  /**
   * The verdict signed by the gateway: a compact JWS (EdDSA), verifiable with the keys at
   * `/.well-known/jwks.json`; what a partner's backend trusts (README, "Confirming a verdict on your backend").
   */
  verdictToken: string;
}

/** POST /v1/web-verifications: Tencent's hosted verification for the session (README, "Hosted verification"). */
export interface CreateWebVerificationRequest {
  /** Where Tencent sends the person back, with `?token=<BizToken>`: one of the partner's registered redirect URLs. */
  redirectUrl: string;
  /** 1 OCR + liveness + comparison, 2 liveness + comparison (Tencent's default), 3 liveness, 4 OCR. */
  checkMode?: CheckMode;
  idCardType?: IdCardType;
  language?: WebVerificationLanguage;
}

export interface CreateWebVerificationResponse {
  /** Tencent's page for the person (open it on their device, or show it as a QR code). */
  verificationUrl: string;
  bizToken: string;
  /** ISO 8601: the BizToken's flow runs 10 minutes. */
  expiresAt: string;
  /**
   * The gateway's short link to verificationUrl, for a QR code on the agent's screen: opening it tells the flow
   * the person opened it (`progress: "opened"`).
   */
  handoffUrl: string;
  /** The same as a code to type at `<gateway>/h`, e.g. `K7QM-3XTD`. */
  handoffCode: string;
}

/** GET /v1/web-verifications/{bizToken}: the flow's progress, then its verdict, signed like a compare's. */
export type WebVerificationResult =
  | {
      status: "pending";
      /** waiting: not opened through the hand-off link; opened: opened, nothing done; in_progress: steps made. */
      progress: "waiting" | "opened" | "in_progress";
    }
  | ({ status: "completed" } & CompareResult);

export interface CreateLivenessTokenRequest {
  secureLevel?: SecureLevel;
}

export interface CreateLivenessTokenResponse {
  sdkToken: string;
  /** ISO 8601: the end of the 10-minute flow window. */
  expiresAt: string;
}

export interface RestFileInfo {
  url: string;
  md5: string;
  size: number;
}

export interface LivenessResultResponse {
  passed: boolean;
  result: string;
  description: string;
  bestFrame: RestFileInfo | null;
  video: RestFileInfo | null;
  tencentRequestId: string;
}

/** POST /v1/sessions with `Authorization: Bearer <agent key>`. */
export interface CreateSessionRequest {
  /** Your own case or user reference (1–128 printable ASCII characters), shown back in look-ups. */
  externalId?: string;
  origin?: string;
  /** The FaceID actions the token may make; by default every one the partner is allowed. */
  calls?: (
    | "CompareFaceLiveness"
    | "ApplyLivenessToken"
    | "GetLivenessResult"
    | "ApplyWebVerificationBizTokenIntl"
    | "GetWebVerificationResultIntl"
  )[];
  livenessType?: LivenessType;
  actions?: LivenessActionName[];
  maxAttempts?: number;
  ttlSeconds?: number;
}

export interface CreateSessionResponse {
  /** The session's id, to look it up later. */
  sessionId: string;
  sessionToken: string;
  /** ISO 8601. */
  expiresAt: string;
  maxAttempts: number;
}

/** One verification made with a session, as `GET /v1/sessions/{sessionId}` shows it. */
export interface SessionAttempt {
  /** ISO 8601. */
  at: string;
  /** `compare`: an upload (POST /v1/liveness/compare); `web`: Tencent's hosted verification. */
  flow: "compare" | "web";
  livenessType: LivenessType;
  actions: string[];
  /** Tencent's result code, or the gateway's error code when Tencent gave no verdict. */
  result: string;
  passed: boolean;
  similarity: number | null;
  tencentRequestId: string | null;
  requestId: string;
  /** `session` (the page holding the token) or `agent:<keyId>`. */
  capturedBy: string;
  origin: string | null;
  /** An upload recorded although the capture's face checks did not pass (the agent's "Record anyway"). */
  checksOverridden: boolean;
}

export interface SessionResponse {
  sessionId: string;
  externalId: string | null;
  status: "pending" | "passed" | "failed" | "expired" | "revoked";
  attemptsUsed: number;
  maxAttempts: number;
  attempts: SessionAttempt[];
  /** ISO 8601. */
  expiresAt: string;
}

export interface HealthResponse {
  status: "ok";
  version: string;
  /** True when the upstream is the local sandbox rather than Tencent. */
  sandbox: boolean;
}

export interface RestErrorBody {
  error: { code: RestErrorCode; message: string; requestId: string };
}

/** Public error codes of the REST dialect, each with one HTTP status. */
export const REST_ERROR_STATUS = {
  unauthorized: 401,
  token_expired: 401,
  token_revoked: 401,
  attempts_exhausted: 403,
  origin_not_allowed: 403,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  payload_too_large: 413,
  unsupported_media_type: 415,
  invalid_request: 400,
  invalid_media: 422,
  rate_limited: 429,
  upstream_error: 502,
  upstream_timeout: 504,
  internal_error: 500,
} as const;

export type RestErrorCode = keyof typeof REST_ERROR_STATUS;
