// Tencent's quota held edge-wide: many concurrent callers, and FaceID never sees more than the action's rate
// in any one-second window; callers wait a little for a slot or are told when to retry, in their dialect.
import { describe, expect, it } from "vitest";
import { busiestWindow } from "../support/busiest-window";
import {
  createPartner,
  partnerRequest,
  restPartner,
  restRequest,
  tencentJson,
  testGateway,
} from "../support/gateway";

describe("the upstream quota", () => {
  // First: the quota objects are shared by the whole file, and this one needs an idle account window.
  it("holds a partner's own lower quota", async () => {
    const gateway = testGateway();
    const partner = await restPartner(gateway, { ratePerSecond: 2 });
    const tokens = await Promise.all(Array.from({ length: 6 }, () => partner.session()));
    const responses = await Promise.all(
      tokens.map((token) =>
        gateway.fetch(
          restRequest("/v1/liveness/tokens", token, {
            method: "POST",
            body: "{}",
            headers: { "Content-Type": "application/json" },
          }),
        ),
      ),
    );
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses.filter((status) => status === 201).length).toBe(4);
    expect(statuses.filter((status) => status === 429).length).toBe(2);
    expect(busiestWindow(gateway.upstreamTimes)).toBeLessThanOrEqual(2);
  });
  it("holds 20/s for 50 concurrent REST callers with their own sessions: the rest wait or get 429 + Retry-After", async () => {
    const gateway = testGateway();
    const partner = await restPartner(gateway);
    const minted = await gateway.fetch(
      restRequest("/v1/liveness/tokens", await partner.session(), { method: "POST" }),
    );
    const { sdkToken } = (await minted.json()) as { sdkToken: string };
    const tokens = await Promise.all(Array.from({ length: 50 }, () => partner.session()));
    const responses = await Promise.all(
      tokens.map((token) => gateway.fetch(restRequest(`/v1/liveness/results/${sdkToken}`, token))),
    );
    const statuses = responses.map((response) => response.status);
    const limited = responses.filter((response) => response.status === 429);
    expect(statuses.filter((status) => status !== 429 && status !== 200)).toEqual([]);
    expect(limited.length).toBeGreaterThanOrEqual(5);
    for (const response of limited)
      expect(Number(response.headers.get("Retry-After"))).toBeGreaterThanOrEqual(1);
    // The first upstream call was the token mint, another action with its own quota.
    const reads = gateway.upstreamTimes.slice(1);
    expect(reads.length).toBe(50 - limited.length);
    expect(busiestWindow(reads)).toBeLessThanOrEqual(20);
    // Callers beyond the first 20 waited for a slot instead of failing.
    expect(reads.length).toBeGreaterThan(20);
  });

  it("answers RequestLimitExceeded in the Tencent dialect when no slot frees within the wait", async () => {
    const gateway = testGateway();
    const partner = await createPartner();
    const requests = await Promise.all(
      Array.from({ length: 45 }, () =>
        partnerRequest({
          secretId: partner.secretId,
          secretKey: partner.secretKey,
          action: "ApplyLivenessToken",
          body: "{}",
        }),
      ),
    );
    const answers = await Promise.all(
      requests.map(async (request) => tencentJson(await gateway.fetch(request))),
    );
    const codes = answers.map(
      (answer) => (answer.Response.Error as { Code: string } | undefined)?.Code ?? "ok",
    );
    expect(codes.filter((code) => code !== "ok" && code !== "RequestLimitExceeded")).toEqual([]);
    expect(codes.filter((code) => code === "RequestLimitExceeded").length).toBeGreaterThanOrEqual(1);
    expect(busiestWindow(gateway.upstreamTimes)).toBeLessThanOrEqual(20);
  });

  it("holds each action to its own documented rate: IdCardVerification's 100/s, not 20", async () => {
    const gateway = testGateway();
    const partner = await createPartner({ actions: ["IdCardVerification"] });
    const body = JSON.stringify({ IdCard: "110101199003074514", Name: "张三" });
    const requests = await Promise.all(
      Array.from({ length: 130 }, () =>
        partnerRequest({
          secretId: partner.secretId,
          secretKey: partner.secretKey,
          action: "IdCardVerification",
          body,
        }),
      ),
    );
    const answers = await Promise.all(
      requests.map(async (request) => (await tencentJson(await gateway.fetch(request))).Response),
    );
    const outcomes = answers.map(
      (answer) => (answer.Error as { Code: string } | undefined)?.Code ?? answer.Result,
    );
    expect(outcomes.filter((outcome) => outcome !== "0" && outcome !== "RequestLimitExceeded")).toEqual([]);
    // More than one window of 20 went out together, and never more than 100 in any one second.
    expect(busiestWindow(gateway.upstreamTimes)).toBeGreaterThan(20);
    expect(busiestWindow(gateway.upstreamTimes)).toBeLessThanOrEqual(100);
  });
});
