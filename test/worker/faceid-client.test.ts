// The FaceID client's upstream policy on scripted upstream answers: typed calls, Tencent's HTTP-200 errors,
// the timeout, and the retry policy (reads and token mints only; a billable verification never).

import { describe, expect, it } from "vitest";
import { FaceIdClient } from "../../worker/faceid/client";
import { failureOf } from "../support/failure";

type Step = Response | "network-error" | "hang";

function scriptedUpstream(steps: Step[]) {
  const calls: Request[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    calls.push(request);
    const step = steps.shift() ?? "network-error";
    if (step === "network-error") throw new TypeError("Network connection lost.");
    if (step === "hang") {
      return new Promise<Response>((_, reject) => {
        if (request.signal.aborted) reject(request.signal.reason);
        request.signal.addEventListener("abort", () => reject(request.signal.reason));
      });
    }
    return step;
  };
  return { calls, fetch: fetch as typeof globalThis.fetch };
}

const tencent = (body: Record<string, unknown>) =>
  new Response(JSON.stringify({ Response: { RequestId: "req-1", ...body } }));

function client(
  upstream: ReturnType<typeof scriptedUpstream>,
  timeoutMs = 5_000,
  timeoutSignal?: (ms: number) => AbortSignal,
) {
  return new FaceIdClient({
    // A stopped clock with the timeout's signal: the time left for the request is exactly the timeout.
    ...(timeoutSignal ? { timeoutSignal, clock: () => Date.UTC(2026, 11, 2) } : {}),
    endpoint: new URL("https://faceid.intl.tencentcloudapi.com"),
    region: "ap-singapore",
    credentials: { secretId: "AKIDclientTest", secretKey: "client-test-key" },
    timeoutMs,
    fetch: upstream.fetch,
    sleep: async () => {},
  });
}

describe("FaceIdClient", () => {
  it("signs and sends a typed call, and returns the typed answer", async () => {
    const upstream = scriptedUpstream([tencent({ SdkToken: "tok-1" })]);
    const result = await client(upstream).call("ApplyLivenessToken", { SecureLevel: "2" });
    expect(result).toEqual({ ok: true, value: { SdkToken: "tok-1", RequestId: "req-1" }, sandbox: false });
    const sent = upstream.calls[0] as Request;
    expect(sent.headers.get("X-TC-Action")).toBe("ApplyLivenessToken");
    expect(sent.headers.get("X-TC-Version")).toBe("2018-03-01");
    expect(sent.headers.get("X-TC-Region")).toBe("ap-singapore");
    expect(sent.headers.get("Authorization")).toMatch(
      /^TC3-HMAC-SHA256 Credential=AKIDclientTest\/\d{4}-\d{2}-\d{2}\/faceid\/tc3_request, SignedHeaders=content-type;host;x-tc-action, Signature=[0-9a-f]{64}$/,
    );
    expect(await sent.text()).toBe('{"SecureLevel":"2"}');
  });

  it("reads Tencent's HTTP-200 error", async () => {
    const upstream = scriptedUpstream([
      tencent({ Error: { Code: "InvalidParameterValue.BizTokenExpired", Message: "expired" } }),
    ]);
    expect(await client(upstream).call("GetLivenessResult", { SdkToken: "t" })).toEqual({
      ok: false,
      error: { code: "InvalidParameterValue.BizTokenExpired", message: "expired" },
      requestId: "req-1",
      sandbox: false,
    });
  });

  it("retries a token mint after a network error and after RequestLimitExceeded", async () => {
    const upstream = scriptedUpstream([
      "network-error",
      tencent({ Error: { Code: "RequestLimitExceeded", Message: "slow down" } }),
      tencent({ SdkToken: "tok-2" }),
    ]);
    const result = await client(upstream).call("ApplyLivenessToken", {});
    expect(result.ok && result.value.SdkToken).toBe("tok-2");
    expect(upstream.calls).toHaveLength(3);
  });

  it("gives up after three attempts", async () => {
    const upstream = scriptedUpstream(["network-error", "network-error", "network-error", tencent({})]);
    expect(await failureOf(client(upstream).call("GetLivenessResult", { SdkToken: "t" }))).toMatchObject({
      kind: "upstream-unreachable",
    });
    expect(upstream.calls).toHaveLength(3);
  });

  it("never retries CompareFaceLiveness, which is billable", async () => {
    const upstream = scriptedUpstream(["network-error", tencent({ Result: "Success" })]);
    const request = { ImageBase64: "x", VideoBase64: "y", LivenessType: "SILENT" as const };
    expect(await failureOf(client(upstream).call("CompareFaceLiveness", request))).toMatchObject({
      kind: "upstream-unreachable",
    });
    const limited = scriptedUpstream([tencent({ Error: { Code: "RequestLimitExceeded", Message: "" } })]);
    const answer = await client(limited).call("CompareFaceLiveness", request);
    expect(answer.ok).toBe(false);
    expect(upstream.calls).toHaveLength(1);
    expect(limited.calls).toHaveLength(1);
  });

  it("follows the catalogue's retrySafe, not billing: a record check goes once, a paid NFC read again", async () => {
    const check = scriptedUpstream(["network-error", tencent({ Result: "0" })]);
    const body = JSON.stringify({ IdCard: "110101199003074514", Name: "张三" });
    expect(await failureOf(client(check).send("IdCardVerification", body))).toMatchObject({
      kind: "upstream-unreachable",
    });
    expect(check.calls).toHaveLength(1);
    // "Duplicate billing does not occur for repeated pull of the same NFC request" (GetWxNFCResult).
    const read = scriptedUpstream(["network-error", tencent({ ResultCode: "0" })]);
    const answer = await client(read).send("GetWxNFCResult", JSON.stringify({ NFCToken: "t" }));
    expect(answer.response.ResultCode).toBe("0");
    expect(read.calls).toHaveLength(2);
  });

  it("bounds a hanging upstream by its timeout", async () => {
    const upstream = scriptedUpstream(["hang"]);
    // The timeout's signal, fired at once: the time it would take is not what is tested.
    const asked: number[] = [];
    const timedOut = (ms: number) => {
      asked.push(ms);
      return AbortSignal.abort(new DOMException("The operation timed out.", "TimeoutError"));
    };
    const failure = await failureOf(
      client(upstream, 200, timedOut).call("GetLivenessResult", { SdkToken: "t" }),
    );
    expect(failure).toEqual({ kind: "upstream-timeout", timeoutMs: 200 });
    expect(asked).toEqual([200]);
  });

  it.each([
    ["a 502", new Response("bad gateway", { status: 502 }), "upstream-unreachable"],
    ["malformed JSON", new Response("{not json"), "upstream-malformed"],
    ["JSON without Response", new Response('{"ok":true}'), "upstream-malformed"],
  ] as const)("turns %s into %s", async (_, response, kind) => {
    const upstream = scriptedUpstream([response, response.clone(), response.clone()]);
    expect(
      await failureOf(
        client(upstream).call("CompareFaceLiveness", {
          ImageBase64: "x",
          VideoBase64: "y",
          LivenessType: "SILENT",
        }),
      ),
    ).toMatchObject({ kind });
  });
});
