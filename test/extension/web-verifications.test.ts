import { describe, expect, it } from "vitest";
import {
  readWebVerification,
  startWebVerification,
  type WebVerificationCalls,
} from "../../extension/gateway/web-verifications";
import type { CompareResult, CreateWebVerificationResponse } from "../../shared/rest/api";

const STARTED: CreateWebVerificationResponse = {
  verificationUrl: "http://127.0.0.1:8788/sandbox/web-verification?token=biz-1",
  bizToken: "biz-1",
  expiresAt: "2026-12-02T10:10:00.000Z",
  handoffUrl: "http://127.0.0.1:8787/h/K7QM3XTD",
  handoffCode: "K7QM-3XTD",
};

const VERDICT: CompareResult = {
  passed: false,
  result: "FailedOperation.CompareLowSimilarity",
  description: "The similarity is too low.",
  similarity: 41.2,
  bestFrameBase64: "/9j/4AAQ",
  tencentRequestId: "sandbox-9",
  requestId: "req-9",
  verdictToken: "eyJhbGciOiJFZERTQSJ9.e30.c2ln",
};

interface Seen {
  url: string;
  init: RequestInit;
}

/** A fetch that records each request and answers with the next scripted response (or throws it). */
function gateway(...answers: (Response | Error)[]) {
  const seen: Seen[] = [];
  const calls: WebVerificationCalls = {
    workerUrl: "http://127.0.0.1:8787",
    sessionToken: "fes1.token",
    fetch: async (input, init) => {
      seen.push({ url: String(input), init: init ?? {} });
      const next = answers.shift();
      if (!next) throw new Error("no more answers");
      if (next instanceof Error) throw next;
      return next;
    },
  };
  return { calls, seen };
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json", "X-Request-Id": "req-h" },
  });
const live = () => new AbortController().signal;

describe("startWebVerification", () => {
  it("POSTs the hosted options as JSON with the session token, and no cookies", async () => {
    const { calls, seen } = gateway(json(201, STARTED));
    const started = await startWebVerification(
      calls,
      { redirectUrl: "http://127.0.0.1:5173/return", checkMode: 1, idCardType: "HKIDCard", language: "en" },
      live(),
    );
    expect(started).toEqual(STARTED);
    expect(seen).toHaveLength(1);
    expect(seen[0]?.url).toBe("http://127.0.0.1:8787/v1/web-verifications");
    expect(seen[0]?.init).toMatchObject({
      method: "POST",
      credentials: "omit",
      headers: {
        Authorization: "Bearer fes1.token",
        "Content-Type": "application/json",
        Accept: "application/json",
      },
    });
    expect(JSON.parse(String(seen[0]?.init.body))).toEqual({
      redirectUrl: "http://127.0.0.1:5173/return",
      checkMode: 1,
      idCardType: "HKIDCard",
      language: "en",
    });
  });

  it("sends only the options it was given", async () => {
    const { calls, seen } = gateway(json(201, STARTED));
    await startWebVerification(calls, { redirectUrl: "https://kyc.example/return" }, live());
    expect(JSON.parse(String(seen[0]?.init.body))).toEqual({ redirectUrl: "https://kyc.example/return" });
  });

  it("passes the gateway's own refusal on, with its code and request id", async () => {
    const { calls } = gateway(
      json(400, {
        error: {
          code: "invalid_request",
          message: "redirectUrl is not one of the partner's registered redirect URLs.",
          requestId: "req-400",
        },
      }),
    );
    await expect(
      startWebVerification(calls, { redirectUrl: "https://x.example/r" }, live()),
    ).rejects.toMatchObject({
      code: "invalid_request",
      message: "redirectUrl is not one of the partner's registered redirect URLs.",
      requestId: "req-400",
    });
  });

  it("refuses an answer without the hand-off link", async () => {
    const { handoffUrl: _omitted, ...withoutLink } = STARTED;
    const { calls } = gateway(json(201, withoutLink));
    await expect(
      startWebVerification(calls, { redirectUrl: "https://x.example/r" }, live()),
    ).rejects.toMatchObject({
      code: "upstream_error",
      message: "The Worker's answer is missing fields.",
    });
  });

  it("is sent once: a network failure is network_error, not a second attempt", async () => {
    const { calls, seen } = gateway(new TypeError("Failed to fetch"), json(201, STARTED));
    await expect(
      startWebVerification(calls, { redirectUrl: "https://x.example/r" }, live()),
    ).rejects.toMatchObject({
      code: "network_error",
    });
    expect(seen).toHaveLength(1);
  });
});

describe("readWebVerification", () => {
  it("GETs the flow by its BizToken and reads its progress", async () => {
    const { calls, seen } = gateway(json(200, { status: "pending", progress: "opened" }));
    await expect(readWebVerification(calls, "biz-1", live())).resolves.toEqual({
      status: "pending",
      progress: "opened",
    });
    expect(seen[0]?.url).toBe("http://127.0.0.1:8787/v1/web-verifications/biz-1");
    expect(seen[0]?.init).toMatchObject({ method: "GET", body: null, credentials: "omit" });
  });

  it("reads the completed verdict with its signed token", async () => {
    const { calls } = gateway(json(200, { status: "completed", ...VERDICT }));
    await expect(readWebVerification(calls, "biz-1", live())).resolves.toEqual({
      status: "completed",
      ...VERDICT,
    });
  });

  it("refuses a verdict without its verdictToken: the page never gets one its backend cannot confirm", async () => {
    const { verdictToken: _omitted, ...unsigned } = VERDICT;
    const { calls } = gateway(json(200, { status: "completed", ...unsigned }));
    await expect(readWebVerification(calls, "biz-1", live())).rejects.toMatchObject({
      code: "upstream_error",
    });
  });

  it("refuses a progress it does not know", async () => {
    const { calls } = gateway(json(200, { status: "pending", progress: "sleeping" }));
    await expect(readWebVerification(calls, "biz-1", live())).rejects.toMatchObject({
      code: "upstream_error",
    });
  });

  it("says cancelled, not network_error, when the wait was cancelled", async () => {
    const closer = new AbortController();
    closer.abort();
    const { calls } = gateway(new DOMException("aborted", "AbortError"));
    await expect(readWebVerification(calls, "biz-1", closer.signal)).rejects.toMatchObject({
      code: "cancelled",
    });
  });

  it("escapes the BizToken in the path", async () => {
    const { calls, seen } = gateway(json(200, { status: "pending", progress: "waiting" }));
    await readWebVerification(calls, "a/b?c", live());
    expect(seen[0]?.url).toBe("http://127.0.0.1:8787/v1/web-verifications/a%2Fb%3Fc");
  });
});
