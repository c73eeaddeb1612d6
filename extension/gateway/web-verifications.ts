/**
 * Tencent's hosted verification through the gateway (README, "Continue on the customer's phone"), as the
 * content script calls it for a hand-off:
 *
 *   POST /v1/web-verifications            → the flow, its QR link and its typed code
 *   GET  /v1/web-verifications/{bizToken} → pending with its progress, or the signed verdict
 *
 * Sent from the partner page's content script with the hand-off's session token, like the upload: the
 * requests carry the page's Origin, so the gateway's CORS and the token's origin binding apply. Each call has
 * a timeout and can be cancelled; every failure is an `ExtensionError` with the gateway's own code.
 */

import type { HostedVerificationOptions } from "../../shared/page-protocol";
import {
  type CreateWebVerificationRequest,
  type CreateWebVerificationResponse,
  REST_PATHS,
  type WebVerificationResult,
} from "../../shared/rest/api";
import { ExtensionError } from "../messaging/errors";
import { t } from "../ui/i18n";
import { isCompareResult, isRecord, readRestAnswer } from "./rest-answer";

/** The gateway answers both within its own upstream timeout; this bounds a hung connection. */
export const WEB_VERIFICATION_TIMEOUT_MS = 20_000;

export interface WebVerificationCalls {
  workerUrl: string;
  sessionToken: string;
  fetch: typeof fetch;
}

/** Starts a hosted verification: one of the session's attempts, so never sent twice by this module. */
export async function startWebVerification(
  calls: WebVerificationCalls,
  options: HostedVerificationOptions,
  signal: AbortSignal,
): Promise<CreateWebVerificationResponse> {
  const body: CreateWebVerificationRequest = {
    redirectUrl: options.redirectUrl,
    ...(options.checkMode !== undefined ? { checkMode: options.checkMode } : {}),
    ...(options.idCardType !== undefined ? { idCardType: options.idCardType } : {}),
    ...(options.language !== undefined ? { language: options.language } : {}),
  };
  const value = await call(calls, "POST", REST_PATHS.webVerifications, signal, body);
  if (!isCreateResponse(value)) throw missingFields();
  return value;
}

export async function readWebVerification(
  calls: WebVerificationCalls,
  bizToken: string,
  signal: AbortSignal,
): Promise<WebVerificationResult> {
  const path = `${REST_PATHS.webVerifications}/${encodeURIComponent(bizToken)}`;
  const value = await call(calls, "GET", path, signal);
  if (isRecord(value) && value.status === "pending" && isProgress(value.progress)) {
    return { status: "pending", progress: value.progress };
  }
  if (isRecord(value) && value.status === "completed" && isCompareResult(value)) {
    return { ...value, status: "completed" };
  }
  throw missingFields();
}

async function call(
  calls: WebVerificationCalls,
  method: "GET" | "POST",
  path: string,
  signal: AbortSignal,
  body?: unknown,
): Promise<unknown> {
  const headers: Record<string, string> = {
    Accept: "application/json",
    Authorization: `Bearer ${calls.sessionToken}`,
  };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  let response: Response;
  try {
    response = await calls.fetch(`${calls.workerUrl}${path}`, {
      method,
      headers,
      body: body === undefined ? null : JSON.stringify(body),
      signal: AbortSignal.any([signal, AbortSignal.timeout(WEB_VERIFICATION_TIMEOUT_MS)]),
      // The session token is the only credential: never the page's cookies.
      credentials: "omit",
      cache: "no-store",
    });
  } catch {
    if (signal.aborted) throw new ExtensionError("cancelled", t("error_cancelled"));
    throw new ExtensionError("network_error", t("error_worker_unreachable"));
  }
  return readRestAnswer(response.status, await response.text(), response.headers.get("X-Request-Id"));
}

function isCreateResponse(value: unknown): value is CreateWebVerificationResponse {
  return (
    isRecord(value) &&
    typeof value.verificationUrl === "string" &&
    typeof value.bizToken === "string" &&
    value.bizToken !== "" &&
    typeof value.expiresAt === "string" &&
    Number.isFinite(Date.parse(value.expiresAt)) &&
    typeof value.handoffUrl === "string" &&
    /^https?:\/\//.test(value.handoffUrl) &&
    typeof value.handoffCode === "string" &&
    value.handoffCode !== ""
  );
}

function isProgress(value: unknown): value is "waiting" | "opened" | "in_progress" {
  return value === "waiting" || value === "opened" || value === "in_progress";
}

function missingFields(): ExtensionError {
  return new ExtensionError("upstream_error", t("error_answer_incomplete"));
}
