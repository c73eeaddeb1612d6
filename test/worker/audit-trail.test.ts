// What the operator's audit log holds after real calls through both dialects: who, what, outcome, verdict,
// latency and request ids, and nothing of the media, tokens or keys that passed through.
import { env } from "cloudflare:workers";
import { beforeEach, describe, expect, it } from "vitest";
import { AuditLog } from "../../worker/audit/audit-log";
import { fixtureBase64 } from "../support/fixtures";
import {
  partnerRequest,
  restPartner,
  restRequest,
  silentCompareForm,
  tencentJson,
  testGateway,
} from "../support/gateway";

let gateway: ReturnType<typeof testGateway>;
let partner: Awaited<ReturnType<typeof restPartner>>;

beforeEach(async () => {
  gateway = testGateway();
  partner = await restPartner(gateway);
});

async function eventsOfPartner() {
  return new AuditLog(env.AUDIT_DB).recent({ partnerId: partner.partner.partnerId });
}

async function allRowsText(): Promise<string> {
  const { results } = await env.AUDIT_DB.prepare("SELECT * FROM audit_events").all();
  return JSON.stringify(results);
}

describe("the audit trail", () => {
  it("records a REST verification with its session principal, verdict and both request ids", async () => {
    const token = await partner.session();
    const response = await gateway.fetch(
      restRequest("/v1/liveness/compare", token, {
        method: "POST",
        body: silentCompareForm(),
      }),
    );
    const verdict = (await response.json()) as {
      similarity: number;
      tencentRequestId: string;
      requestId: string;
    };
    const [event] = await eventsOfPartner();
    expect(event).toMatchObject({
      requestId: verdict.requestId,
      tencentRequestId: verdict.tencentRequestId,
      partnerId: partner.partner.partnerId,
      principal: { type: "session" },
      dialect: "rest",
      action: "CompareFaceLiveness",
      outcome: "Success",
      passed: true,
      similarity: verdict.similarity,
      httpStatus: 200,
    });
    expect(event?.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it("records a Tencent-dialect call with the partner as principal", async () => {
    const request = await partnerRequest({
      secretId: partner.partner.secretId,
      secretKey: partner.partner.secretKey,
      action: "ApplyLivenessToken",
      body: "{}",
    });
    const json = await tencentJson(await gateway.fetch(request));
    const [event] = await eventsOfPartner();
    expect(event).toMatchObject({
      tencentRequestId: json.Response.RequestId,
      principal: { type: "partner", id: partner.partner.partnerId },
      dialect: "tencent",
      action: "ApplyLivenessToken",
      outcome: "Success",
      passed: null,
    });
  });

  it("records a refusal with the failure's kind and no Tencent request id", async () => {
    const token = await partner.session();
    await gateway.fetch(
      restRequest("/v1/liveness/compare", token, {
        method: "POST",
        body: silentCompareForm("video-3s.webm"),
      }),
    );
    const [event] = await eventsOfPartner();
    expect(event).toMatchObject({
      outcome: "invalid-media",
      httpStatus: 422,
      tencentRequestId: null,
      passed: null,
    });
  });

  it("never holds media, tokens or keys", async () => {
    const token = await partner.session();
    await gateway.fetch(
      restRequest("/v1/liveness/compare", token, {
        method: "POST",
        body: silentCompareForm(),
      }),
    );
    const rows = await allRowsText();
    expect(rows).not.toContain(fixtureBase64("face.jpg").slice(0, 40));
    expect(rows).not.toContain(fixtureBase64("video-3s.mp4").slice(0, 40));
    expect(rows).not.toContain(token.split(".")[2]);
    expect(rows).not.toContain(partner.agentKey);
    expect(rows).not.toContain(partner.partner.secretKey);
  });
});
