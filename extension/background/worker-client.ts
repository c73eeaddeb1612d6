/**
 * The gateway's REST dialect as the background uses it: health, session minting, result look-up. Every call
 * has a timeout, and every failure becomes an `ExtensionError` with the REST code the Worker gave.
 * (The verification upload itself is sent by the content script: content/upload.ts.)
 */

import type {
  CreateSessionRequest,
  CreateSessionResponse,
  HealthResponse,
  LivenessResultResponse,
} from "../../shared/rest/api";
import { REST_PATHS } from "../../shared/rest/api";
import { isRecord, readRestAnswer } from "../gateway/rest-answer";
import { ExtensionError } from "../messaging/errors";
import { t } from "../ui/i18n";

export const REST_TIMEOUT_MS = 15_000;

export class WorkerClient {
  constructor(
    private readonly baseUrl: string,
    private readonly fetchImpl: typeof fetch = (input, init) => fetch(input, init),
  ) {}

  async health(): Promise<HealthResponse> {
    const value = await this.call("GET", REST_PATHS.health, null);
    if (!isRecord(value) || value.status !== "ok" || typeof value.version !== "string") {
      throw new ExtensionError("upstream_error", t("error_not_a_gateway"));
    }
    return { status: "ok", version: value.version, sandbox: value.sandbox === true };
  }

  async createSession(agentKey: string, request: CreateSessionRequest): Promise<CreateSessionResponse> {
    const value = await this.call("POST", REST_PATHS.sessions, agentKey, request);
    if (
      !isRecord(value) ||
      typeof value.sessionId !== "string" ||
      typeof value.sessionToken !== "string" ||
      typeof value.expiresAt !== "string"
    ) {
      throw new ExtensionError("upstream_error", t("error_answer_incomplete"));
    }
    return {
      sessionId: value.sessionId,
      sessionToken: value.sessionToken,
      expiresAt: value.expiresAt,
      maxAttempts: typeof value.maxAttempts === "number" ? value.maxAttempts : 1,
    };
  }

  async livenessResult(bearer: string, sdkToken: string): Promise<LivenessResultResponse> {
    const value = await this.call("GET", `${REST_PATHS.results}/${encodeURIComponent(sdkToken)}`, bearer);
    if (!isRecord(value) || typeof value.result !== "string" || typeof value.passed !== "boolean") {
      throw new ExtensionError("upstream_error", t("error_answer_incomplete"));
    }
    return value as unknown as LivenessResultResponse;
  }

  private async call(
    method: "GET" | "POST",
    path: string,
    bearer: string | null,
    body?: unknown,
  ): Promise<unknown> {
    const headers: Record<string, string> = { Accept: "application/json" };
    if (bearer) headers.Authorization = `Bearer ${bearer}`;
    if (body !== undefined) headers["Content-Type"] = "application/json";
    let response: Response;
    try {
      response = await this.fetchImpl(`${this.baseUrl}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(REST_TIMEOUT_MS),
        // The agent key is ours to send, never the browser's cookies.
        credentials: "omit",
      });
    } catch (error) {
      const timedOut = error instanceof DOMException && error.name === "TimeoutError";
      throw new ExtensionError(
        "network_error",
        timedOut ? t("error_worker_timeout", REST_TIMEOUT_MS / 1000) : t("error_worker_unreachable"),
      );
    }
    return readRestAnswer(response.status, await response.text(), response.headers.get("X-Request-Id"));
  }
}
