/**
 * A typed client for any FaceID action: signs each call with TC3 (Web Crypto), bounds it with a timeout,
 * reads Tencent's HTTP-200 errors, and retries only what the design allows: the catalogue's retry-safe actions
 * (reads, token mints) on network errors and RequestLimitExceeded, with backoff, within the same deadline; a
 * billable verification never.
 */
import {
  FACEID_ACTIONS,
  FACEID_API_VERSION,
  FACEID_SERVICE,
  type FaceIdAction,
} from "../../shared/faceid/actions";
import type { FaceIdActionTypes } from "../../shared/faceid/types";
import { fail, GatewayError } from "../errors/failure";
import { type Bytes, sha256Hex } from "../tc3/digest";
import { type Clock, Tc3Signer } from "../tc3/signer";
import { ChunkedBody, chunkedSha256Hex, chunkedStream } from "./chunked-body";

export interface FaceIdClientOptions {
  endpoint: URL;
  region: string;
  credentials: { secretId: string; secretKey: string; sessionToken?: string };
  timeoutMs: number;
  fetch?: typeof fetch;
  clock?: Clock;
  /** Injected in tests so backoff takes no real time. */
  sleep?: (ms: number) => Promise<void>;
  /** The signal that ends a request after `ms`; injected in tests so a timeout takes no real time. */
  timeoutSignal?: (ms: number) => AbortSignal;
}

export interface SendOptions {
  /** X-TC-Region; the client's region when absent. */
  region?: string;
  /** SHA-256 of the body when the caller already hashed it (the Tencent dialect hashes once). */
  bodyHash?: string;
  language?: string;
  /**
   * Waits for a sending slot under Tencent's quota, right before each request leaves (retries included); the
   * request is reported sent as soon as it is on its way, so the quota counts it from then. Given per call:
   * whose quota it spends, and which request holds its report, are the call's.
   */
  admit?: (action: FaceIdAction) => Promise<{ sent(): Promise<void> }>;
}

/** Tencent's answer: the exact bytes (to pass through) and what they say. */
export interface UpstreamAnswer {
  bytes: ArrayBuffer;
  /** The parsed `Response` object. */
  response: Record<string, unknown>;
  requestId: string;
  /** `Response.Error`, when Tencent refused the call. */
  error?: { code: string; message: string };
  /** Present when the upstream marks itself as the local sandbox. */
  sandbox: boolean;
}

export type FaceIdResult<A extends keyof FaceIdActionTypes> =
  | { ok: true; value: FaceIdActionTypes[A]["response"]; sandbox: boolean }
  | { ok: false; error: { code: string; message: string }; requestId: string; sandbox: boolean };

/** What a call can send: bytes or text held whole, or a body made chunk by chunk as it is read. */
export type OutgoingBody = Bytes | string | ChunkedBody;

const RETRY_DELAYS_MS = [200, 800];
const utf8 = new TextDecoder();
const JSON_CONTENT_TYPE = "application/json";
/**
 * Bodies from this size on are streamed to FaceID a window at a time: handed over whole, the runtime keeps a
 * copy of the body in its send buffer, which doubles what a 10 MB verification holds in the isolate's 128 MB
 * (bench/PERFORMANCE.md). The length is fixed, so the request still carries Content-Length.
 */
const STREAMED_BODY_BYTES = 1024 * 1024;
const STREAM_WINDOW_BYTES = 1024 * 1024;

export class FaceIdClient {
  readonly #options: FaceIdClientOptions;
  readonly #signer: Tc3Signer;
  readonly #fetch: typeof fetch;
  readonly #clock: Clock;
  readonly #sleep: (ms: number) => Promise<void>;
  readonly #timeoutSignal: (ms: number) => AbortSignal;

  constructor(options: FaceIdClientOptions) {
    this.#options = options;
    this.#clock = options.clock ?? Date.now;
    this.#signer = new Tc3Signer(options.credentials, { clock: this.#clock });
    this.#fetch = options.fetch ?? ((input, init) => fetch(input, init));
    this.#sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.#timeoutSignal = options.timeoutSignal ?? ((ms) => AbortSignal.timeout(ms));
  }

  /** Calls a typed action with a request object. */
  async call<A extends keyof FaceIdActionTypes>(
    action: A,
    request: FaceIdActionTypes[A]["request"],
    options: SendOptions = {},
  ): Promise<FaceIdResult<A>> {
    const answer = await this.send(action, JSON.stringify(request), options);
    if (answer.error)
      return { ok: false, error: answer.error, requestId: answer.requestId, sandbox: answer.sandbox };
    return {
      ok: true,
      value: answer.response as unknown as FaceIdActionTypes[A]["response"],
      sandbox: answer.sandbox,
    };
  }

  /**
   * Sends body bytes for any action, unchanged, and returns Tencent's answer. A chunked body is made again
   * for each pass over it (hash, then each attempt), never held whole.
   */
  async send(action: FaceIdAction, body: OutgoingBody, options: SendOptions = {}): Promise<UpstreamAnswer> {
    const bodyHash =
      options.bodyHash ??
      (body instanceof ChunkedBody ? await chunkedSha256Hex(body) : await sha256Hex(body));
    const deadline = this.#clock() + this.#options.timeoutMs;
    const retryable = FACEID_ACTIONS[action].retrySafe;
    for (let attempt = 0; ; attempt++) {
      const delay = RETRY_DELAYS_MS[attempt];
      const canRetry = retryable && delay !== undefined && this.#clock() + delay < deadline;
      let answer: UpstreamAnswer;
      try {
        answer = await this.#attempt(action, body, bodyHash, options, deadline);
      } catch (error) {
        if (canRetry && error instanceof GatewayError && error.failure.kind === "upstream-unreachable") {
          await this.#sleep(delay);
          continue;
        }
        throw error;
      }
      if (canRetry && answer.error?.code.startsWith("RequestLimitExceeded")) {
        await this.#sleep(delay);
        continue;
      }
      return answer;
    }
  }

  async #attempt(
    action: FaceIdAction,
    body: OutgoingBody,
    bodyHash: string,
    options: SendOptions,
    deadline: number,
  ): Promise<UpstreamAnswer> {
    const { endpoint, credentials } = this.#options;
    const signed = await this.#signer.sign({
      host: endpoint.host,
      service: FACEID_SERVICE,
      contentType: JSON_CONTENT_TYPE,
      payloadHash: bodyHash,
      action,
    });
    const headers: Record<string, string> = {
      Authorization: signed.authorization,
      "Content-Type": JSON_CONTENT_TYPE,
      "X-TC-Action": action,
      "X-TC-Version": FACEID_API_VERSION,
      "X-TC-Timestamp": String(signed.timestamp),
      "X-TC-Region": options.region || this.#options.region,
    };
    if (credentials.sessionToken) headers["X-TC-Token"] = credentials.sessionToken;
    if (options.language) headers["X-TC-Language"] = options.language;

    // Waiting for a sending slot is not FaceID being slow: the call keeps the time that was left before it.
    const timeoutMs = Math.max(1, deadline - this.#clock());
    const admission = await options.admit?.(action);
    let response: Response;
    let bytes: ArrayBuffer;
    try {
      const sending = this.#fetch(endpoint.href, {
        method: "POST",
        headers,
        body: outgoingBody(body),
        signal: this.#timeoutSignal(timeoutMs),
      });
      // Reported as soon as the request is on its way, so the quota counts it from now (quota/reserve.ts).
      const reported = admission?.sent().catch(() => {});
      response = await sending;
      bytes = await response.arrayBuffer();
      await reported;
    } catch (error) {
      if (isTimeout(error)) fail({ kind: "upstream-timeout", timeoutMs: this.#options.timeoutMs });
      return fail({
        kind: "upstream-unreachable",
        detail: error instanceof Error ? error.name : "fetch failed",
      });
    }
    if (response.status !== 200) {
      fail({ kind: "upstream-unreachable", detail: `HTTP ${response.status}` });
    }
    return readAnswer(bytes, response.headers.get("x-faceid-sandbox") === "1");
  }
}

/** The body as sent: as it is when small, else streamed from the same bytes (no copy of the whole). */
function outgoingBody(body: OutgoingBody): BodyInit {
  if (body instanceof ChunkedBody) return chunkedStream(body);
  if (typeof body === "string" || body.byteLength < STREAMED_BODY_BYTES) return body;
  const bytes =
    body instanceof ArrayBuffer
      ? new Uint8Array(body)
      : new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  return chunkedStream(ChunkedBody.of(bytes, STREAM_WINDOW_BYTES));
}

function readAnswer(bytes: ArrayBuffer, sandbox: boolean): UpstreamAnswer {
  let parsed: unknown;
  try {
    parsed = JSON.parse(utf8.decode(bytes));
  } catch {
    return fail({ kind: "upstream-malformed", detail: "body is not JSON" });
  }
  const response = (parsed as { Response?: unknown } | null)?.Response;
  if (typeof response !== "object" || response === null) {
    return fail({ kind: "upstream-malformed", detail: "no Response object" });
  }
  const record = response as Record<string, unknown>;
  const requestId = typeof record.RequestId === "string" ? record.RequestId : "";
  const error = record.Error as { Code?: unknown; Message?: unknown } | undefined;
  if (error !== undefined) {
    return {
      bytes,
      response: record,
      requestId,
      sandbox,
      error: { code: String(error.Code ?? "InternalError"), message: String(error.Message ?? "") },
    };
  }
  return { bytes, response: record, requestId, sandbox };
}

function isTimeout(error: unknown): boolean {
  return error instanceof DOMException
    ? error.name === "TimeoutError" || error.name === "AbortError"
    : error instanceof Error && error.name === "TimeoutError";
}
