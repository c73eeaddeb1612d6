// What a captured, validly signed partner request can be made to do. Official SDKs sign only content-type and
// host, so X-TC-Action is not covered (as at Tencent): the gateway keeps such a replay to what the same
// signature already allowed, serves only the host names it is configured for, and binds the action when a
// partner's signer does sign it.
import { env } from "cloudflare:workers";
import { beforeEach, describe, expect, it } from "vitest";
import { Tc3Signer } from "../../worker/tc3/signer";
import { createPartner, GATEWAY_URL, partnerRequest, tencentJson, testGateway } from "../support/gateway";

type Partner = Awaited<ReturnType<typeof createPartner>>;

let partner: Partner;

beforeEach(async () => {
  partner = await createPartner();
});

function errorOf(response: Record<string, unknown>) {
  return response.Error as { Code: string; Message: string } | undefined;
}

/** The same signed bytes and headers, sent again with another X-TC-Action. */
function replayedAs(request: Request, action: string, body: string): Request {
  const headers = new Headers(request.headers);
  headers.set("X-TC-Action", action);
  return new Request(request.url, { method: "POST", headers, body });
}

describe("a signed request replayed under another action (X-TC-Action is not signed by official SDKs)", () => {
  it("cannot become one of the gateway's own actions: their parameters are checked strictly", async () => {
    const gateway = testGateway();
    const body = JSON.stringify({ SdkToken: "5d0c7f3e-2b1a-4c9d-8e7f-6a5b4c3d2e1f" });
    const captured = await partnerRequest({
      secretId: partner.secretId,
      secretKey: partner.secretKey,
      action: "GetLivenessResult",
      body,
    });
    for (const action of ["CreateCaptureSession", "RevokeCaptureSession"]) {
      const answer = (await tencentJson(await gateway.fetch(replayedAs(captured, action, body)))).Response;
      expect(errorOf(answer), action).toEqual({
        Code: "UnknownParameter",
        Message: "The parameter SdkToken is not recognised.",
      });
    }
    expect(gateway.upstreamCalls).toHaveLength(0);
  });

  it("is refused when the partner's signer signed X-TC-Action too (as Tencent's current demo does)", async () => {
    const gateway = testGateway();
    const body = JSON.stringify({});
    const signed = await new Tc3Signer(partner).signBody(
      { host: "127.0.0.1", service: "faceid", contentType: "application/json", action: "ApplyLivenessToken" },
      body,
    );
    const request = new Request(GATEWAY_URL, {
      method: "POST",
      body,
      headers: {
        Host: "127.0.0.1:8787",
        Authorization: signed.authorization,
        "Content-Type": "application/json",
        "X-TC-Action": "ApplyLivenessToken",
        "X-TC-Version": "2018-03-01",
        "X-TC-Timestamp": String(signed.timestamp),
        "X-TC-Region": "ap-singapore",
      },
    });
    expect(signed.authorization).toContain("SignedHeaders=content-type;host;x-tc-action,");
    const replay = await gateway.fetch(replayedAs(request.clone(), "CreateCaptureSession", body));
    expect(errorOf((await tencentJson(replay)).Response)?.Code).toBe("AuthFailure.SignatureFailure");
    expect(gateway.upstreamCalls).toHaveLength(0);
    const original = (await tencentJson(await gateway.fetch(request))).Response;
    expect(original.SdkToken).toEqual(expect.any(String));
  });
});

describe("GATEWAY_HOSTS: the host names the gateway answers under", () => {
  const served = () =>
    testGateway({ env: { ...env, GATEWAY_HOSTS: "faceid.edge.example.com, Edge.Acme.Test" } });

  it("serves its configured names, whatever their case or port", async () => {
    const gateway = served();
    for (const host of ["faceid.edge.example.com", "FaceID.Edge.Example.com:443", "edge.acme.test:8787"]) {
      const response = await gateway.fetch(new Request(`${GATEWAY_URL}healthz`, { headers: { Host: host } }));
      expect(response.status, host).toBe(200);
    }
    const signed = await partnerRequest({
      secretId: partner.secretId,
      secretKey: partner.secretKey,
      action: "ApplyLivenessToken",
      body: "{}",
      signedHost: "faceid.edge.example.com",
      service: "faceid",
      headers: { Host: "faceid.edge.example.com" },
    });
    expect((await tencentJson(await gateway.fetch(signed))).Response.SdkToken).toEqual(expect.any(String));
  });

  it("refuses any other name in each dialect, before reading credentials or reaching FaceID", async () => {
    const gateway = served();
    const signed = await partnerRequest({
      secretId: partner.secretId,
      secretKey: partner.secretKey,
      action: "ApplyLivenessToken",
      body: "{}",
    });
    expect(errorOf((await tencentJson(await gateway.fetch(signed))).Response)).toEqual({
      Code: "AuthFailure.SignatureFailure",
      Message: "This gateway does not serve the host 127.0.0.1.",
    });
    for (const path of ["healthz", "v1/liveness/results/abc", "demo/session"]) {
      const response = await gateway.fetch(
        new Request(`${GATEWAY_URL}${path}`, { headers: { Host: "rebound.attacker.example:8787" } }),
      );
      expect(response.status, path).toBe(404);
      expect(((await response.json()) as { error: { message: string } }).error.message).toBe(
        "This gateway does not serve the host rebound.attacker.example.",
      );
    }
    expect(gateway.upstreamCalls).toHaveLength(0);
  });

  it("serves every host when the variable is empty, as wrangler.toml ships it", async () => {
    const gateway = testGateway({ env: { ...env, GATEWAY_HOSTS: "" } });
    const response = await gateway.fetch(
      new Request(`${GATEWAY_URL}healthz`, { headers: { Host: "anything.example" } }),
    );
    expect(response.status).toBe(200);
    expect(env.GATEWAY_HOSTS).toBe("");
  });
});
