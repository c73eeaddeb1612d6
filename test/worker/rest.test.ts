// The REST dialect as a partner page and the extension see it: each endpoint, and what each bad input gets,
// none of which reaches FaceID.
import { env } from "cloudflare:workers";
import { beforeEach, describe, expect, it } from "vitest";
import { withSandboxOutcome } from "../../sandbox/outcome-marker";
import { SDK_TOKEN_FLOW_SECONDS } from "../../shared/faceid/limits";
import { AgentKeyStore } from "../../worker/sessions/agent-keys";
import { fixtureBase64, fixtureBytes } from "../support/fixtures";
import {
  compareForm,
  createPartner,
  GatewayClock,
  partnerRequest,
  REST_ORIGIN,
  restPartner,
  restRequest,
  silentCompareForm,
  tencentJson,
  testGateway,
} from "../support/gateway";

let clock: GatewayClock;
let gateway: ReturnType<typeof testGateway>;
let partner: Awaited<ReturnType<typeof restPartner>>;
let token: string;

beforeEach(async () => {
  clock = new GatewayClock();
  gateway = testGateway({ clock: clock.read });
  partner = await restPartner(gateway);
  token = await partner.session();
});

async function compare(
  body: BodyInit,
  init: { token?: string; origin?: string | null; contentType?: string } = {},
) {
  const headers: Record<string, string> = init.contentType ? { "Content-Type": init.contentType } : {};
  return gateway.fetch(
    restRequest("/v1/liveness/compare", init.token ?? token, {
      method: "POST",
      body,
      headers,
      origin: init.origin,
    }),
  );
}

async function expectError(response: Response, status: number, code: string, message?: RegExp) {
  expect(response.status).toBe(status);
  const body = (await response.json()) as { error: { code: string; message: string; requestId: string } };
  expect(body.error.code).toBe(code);
  if (message) expect(body.error.message).toMatch(message);
  expect(body.error.requestId).toBe(response.headers.get("X-Request-Id"));
  expect(gateway.upstreamCalls).toHaveLength(0);
}

describe("POST /v1/sessions", () => {
  it("exchanges an agent key for a session token bound to the partner", async () => {
    const response = await gateway.fetch(
      new Request("http://127.0.0.1:8787/v1/sessions", {
        method: "POST",
        headers: { Authorization: `Bearer ${partner.agentKey}`, "Content-Type": "application/json" },
        body: JSON.stringify({
          origin: REST_ORIGIN,
          livenessType: "ACTION",
          actions: ["blink"],
          maxAttempts: 2,
        }),
      }),
    );
    expect(response.status).toBe(201);
    const body = (await response.json()) as { sessionToken: string; expiresAt: string; maxAttempts: number };
    expect(body.sessionToken).toMatch(/^fes1\./);
    expect(body.maxAttempts).toBe(2);
    // The default lifetime: 600 s from when it was minted.
    expect(Date.parse(body.expiresAt)).toBe((clock.seconds + 600) * 1000);
  });

  it("refuses an unknown agent key with 401 unauthorized", async () => {
    const response = await gateway.fetch(
      new Request("http://127.0.0.1:8787/v1/sessions", {
        method: "POST",
        headers: { Authorization: "Bearer fea_AAAAAAAAAAAA_BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB" },
      }),
    );
    await expectError(response, 401, "unauthorized");
  });

  it("refuses an origin the partner did not register with 400 invalid_request", async () => {
    const response = await gateway.fetch(
      new Request("http://127.0.0.1:8787/v1/sessions", {
        method: "POST",
        headers: { Authorization: `Bearer ${partner.agentKey}`, "Content-Type": "application/json" },
        body: JSON.stringify({ origin: "https://evil.test" }),
      }),
    );
    await expectError(response, 400, "invalid_request", /origin/);
  });

  it("refuses a TTL over an hour with 400 invalid_request", async () => {
    await expect(partner.session({ ttlSeconds: 3601 })).rejects.toThrow(/400.*ttlSeconds/);
  });
});

describe("CreateCaptureSession (Tencent dialect)", () => {
  it("mints a session token a page can use", async () => {
    const request = await partnerRequest({
      secretId: partner.partner.secretId,
      secretKey: partner.partner.secretKey,
      action: "CreateCaptureSession",
      body: JSON.stringify({ Origin: REST_ORIGIN, LivenessType: "SILENT", MaxAttempts: 1, TtlSeconds: 120 }),
    });
    const json = await tencentJson(await gateway.fetch(request));
    const sessionToken = json.Response.SessionToken as string;
    expect(sessionToken).toMatch(/^fes1\./);
    expect(json.Response.ExpiredTimestamp).toBe(clock.seconds + 120);
    const response = await compare(silentCompareForm(), { token: sessionToken });
    expect(((await response.json()) as { passed: boolean }).passed).toBe(true);
  });

  it("refuses an unknown parameter with UnknownParameter", async () => {
    const request = await partnerRequest({
      secretId: partner.partner.secretId,
      secretKey: partner.partner.secretKey,
      action: "CreateCaptureSession",
      body: JSON.stringify({ Origin: REST_ORIGIN, Colour: "blue" }),
    });
    const json = await tencentJson(await gateway.fetch(request));
    expect(json.Response.Error).toEqual({
      Code: "UnknownParameter",
      Message: expect.stringContaining("Colour"),
    });
  });
});

describe("POST /v1/liveness/compare", () => {
  it("verifies a multipart upload and answers a plain verdict", async () => {
    const response = await compare(silentCompareForm());
    expect(response.status).toBe(200);
    expect(response.headers.get("Access-Control-Allow-Origin")).toBe(REST_ORIGIN);
    const verdict = (await response.json()) as Record<string, unknown>;
    expect(verdict).toMatchObject({
      passed: true,
      result: "Success",
      requestId: response.headers.get("X-Request-Id"),
    });
    expect(verdict.similarity).toBeGreaterThanOrEqual(70);
    expect(verdict.tencentRequestId).toMatch(/^sandbox-/);
    expect(verdict.description).toMatch(/\w/);
    expect(verdict.bestFrameBase64).toEqual(expect.any(String));
    // The gateway encoded the binary upload as base64 at the edge, byte for byte.
    const upstream = JSON.parse(await (gateway.upstreamCalls[0] as Request).text());
    expect(upstream).toEqual({
      ImageBase64: fixtureBase64("face.jpg"),
      VideoBase64: fixtureBase64("video-3s.mp4"),
      LivenessType: "SILENT",
    });
  });

  it("verifies a JSON upload with actions, in order", async () => {
    const response = await compare(
      JSON.stringify({
        videoBase64: fixtureBase64("video-3s-fragmented.mp4"),
        imageBase64: fixtureBase64("face.png"),
        livenessType: "ACTION",
        actions: ["shake_head", "blink"],
      }),
      { contentType: "application/json" },
    );
    expect(((await response.json()) as { passed: boolean }).passed).toBe(true);
    expect(JSON.parse(await (gateway.upstreamCalls[0] as Request).text()).ValidateData).toBe("4,2");
  });

  it("gives a failing verdict with the catalogue's text and no similarity", async () => {
    const image = withSandboxOutcome(fixtureBytes("face.jpg"), "FailedOperation.SilentFaceDetectFail");
    const response = await compare(
      compareForm({ video: fixtureBytes("video-3s.mp4"), image, livenessType: "SILENT" }),
    );
    const verdict = (await response.json()) as Record<string, unknown>;
    expect(verdict).toMatchObject({
      passed: false,
      result: "FailedOperation.SilentFaceDetectFail",
      similarity: null,
    });
    expect(verdict.description).not.toBe("");
  });

  it("keeps the similarity of a low-similarity failure", async () => {
    const image = withSandboxOutcome(fixtureBytes("face.jpg"), "FailedOperation.CompareLowSimilarity");
    const response = await compare(
      compareForm({ video: fixtureBytes("video-3s.mp4"), image, livenessType: "SILENT" }),
    );
    const verdict = (await response.json()) as { passed: boolean; similarity: number };
    expect(verdict.passed).toBe(false);
    expect(verdict.similarity).toBeLessThan(70);
  });
});

describe("POST /v1/liveness/tokens and GET /v1/liveness/results/{sdkToken}", () => {
  it("mints an SdkToken and reads its result", async () => {
    const minted = await gateway.fetch(
      restRequest("/v1/liveness/tokens", token, {
        method: "POST",
        body: JSON.stringify({ secureLevel: "1" }),
        headers: { "Content-Type": "application/json" },
      }),
    );
    expect(minted.status).toBe(201);
    const { sdkToken, expiresAt } = (await minted.json()) as { sdkToken: string; expiresAt: string };
    expect(Date.parse(expiresAt)).toBe(clock.now + SDK_TOKEN_FLOW_SECONDS * 1000);
    const result = await gateway.fetch(restRequest(`/v1/liveness/results/${sdkToken}`, token));
    expect(await result.json()).toMatchObject({
      passed: false,
      result: "-999",
      bestFrame: null,
      video: null,
      tencentRequestId: expect.stringMatching(/^sandbox-/),
    });
  });

  it("refuses a malformed SdkToken with 400 before asking FaceID", async () => {
    await expectError(
      await gateway.fetch(restRequest("/v1/liveness/results/bad%20token!", token)),
      400,
      "invalid_request",
    );
  });

  it("refuses an unknown secureLevel with 400", async () => {
    const response = await gateway.fetch(
      restRequest("/v1/liveness/tokens", token, {
        method: "POST",
        body: JSON.stringify({ secureLevel: "9" }),
        headers: { "Content-Type": "application/json" },
      }),
    );
    await expectError(response, 400, "invalid_request", /secureLevel/);
  });
});

describe("each bad credential gets its error and never reaches FaceID", () => {
  it("no token → 401 unauthorized", async () => {
    await expectError(
      await gateway.fetch(restRequest("/v1/liveness/compare", undefined, { method: "POST" })),
      401,
      "unauthorized",
    );
  });

  it("a forged token → 401 unauthorized", async () => {
    const [prefix, claims] = token.split(".");
    await expectError(
      await compare(silentCompareForm(), { token: `${prefix}.${claims}.forged` }),
      401,
      "unauthorized",
    );
  });

  it("an expired token → 401 token_expired", async () => {
    const short = await partner.session({ ttlSeconds: 60 });
    clock.advance(61_000);
    await expectError(await compare(silentCompareForm(), { token: short }), 401, "token_expired");
  });

  it("a token of a revoked partner → 401 token_revoked", async () => {
    await partner.partner.revoke();
    await expectError(await compare(silentCompareForm()), 401, "token_revoked");
  });

  it("a token its partner revoked (RevokeCaptureSession) → 401 token_revoked, everywhere at once", async () => {
    const revoke = await partnerRequest({
      secretId: partner.partner.secretId,
      secretKey: partner.partner.secretKey,
      action: "RevokeCaptureSession",
      body: JSON.stringify({ SessionToken: token }),
    });
    const json = await tencentJson(await gateway.fetch(revoke));
    expect(json.Response.Error).toBeUndefined();
    await expectError(await compare(silentCompareForm()), 401, "token_revoked");
    await expectError(
      await gateway.fetch(restRequest("/v1/liveness/results/abc", token)),
      401,
      "token_revoked",
    );
  });

  it("RevokeCaptureSession refuses another partner's token with InvalidParameterValue", async () => {
    const other = await createPartner();
    const revoke = await partnerRequest({
      secretId: other.secretId,
      secretKey: other.secretKey,
      action: "RevokeCaptureSession",
      body: JSON.stringify({ SessionToken: token }),
    });
    const json = await tencentJson(await gateway.fetch(revoke));
    expect((json.Response.Error as { Code: string }).Code).toBe("InvalidParameterValue");
    expect((await compare(silentCompareForm())).status).toBe(200);
  });

  it("a token minted with a since-revoked agent key → 401 token_revoked", async () => {
    await new AgentKeyStore(env.PARTNERS).revoke(partner.agentKeyId);
    await expectError(await compare(silentCompareForm()), 401, "token_revoked");
  });

  it("a used-up token → 403 attempts_exhausted, counted across calls", async () => {
    const once = await partner.session({ maxAttempts: 1 });
    expect((await compare(silentCompareForm(), { token: once })).status).toBe(200);
    gateway.upstreamCalls.length = 0;
    await expectError(await compare(silentCompareForm(), { token: once }), 403, "attempts_exhausted");
  });

  it("a foreign origin → 403 origin_not_allowed", async () => {
    await expectError(
      await compare(silentCompareForm(), { origin: "https://evil.test" }),
      403,
      "origin_not_allowed",
    );
  });

  it("another partner's origin for a token bound to this one → 403 origin_not_allowed", async () => {
    const bound = await partner.session({ origin: REST_ORIGIN });
    await createPartner({ origins: ["https://other.partner.test"] });
    await expectError(
      await compare(silentCompareForm(), { token: bound, origin: "https://other.partner.test" }),
      403,
      "origin_not_allowed",
    );
  });

  it("a session fixed to SILENT used for ACTION → 403 forbidden", async () => {
    const silentOnly = await partner.session({ livenessType: "SILENT" });
    const form = compareForm({
      video: fixtureBytes("video-3s.mp4"),
      image: fixtureBytes("face.jpg"),
      livenessType: "ACTION",
      actions: "blink",
    });
    await expectError(await compare(form, { token: silentOnly }), 403, "forbidden");
  });
});

describe("each bad upload gets its error and never reaches FaceID", () => {
  it("malformed JSON → 400 invalid_request", async () => {
    await expectError(
      await compare("{not json", { contentType: "application/json" }),
      400,
      "invalid_request",
    );
  });

  it("an unsupported content type → 415 unsupported_media_type", async () => {
    await expectError(
      await compare("video bytes", { contentType: "text/plain" }),
      415,
      "unsupported_media_type",
    );
  });

  it.each([
    ["video", { image: fixtureBytes("face.jpg"), livenessType: "SILENT" }],
    ["image", { video: fixtureBytes("video-3s.mp4"), livenessType: "SILENT" }],
    ["livenessType", { video: fixtureBytes("video-3s.mp4"), image: fixtureBytes("face.jpg") }],
  ] as const)("missing %s → 400 invalid_request naming it", async (field, fields) => {
    await expectError(await compare(compareForm(fields)), 400, "invalid_request", new RegExp(field));
  });

  it("missing imageBase64 in JSON → 400 invalid_request naming it", async () => {
    const body = JSON.stringify({ videoBase64: fixtureBase64("video-3s.mp4"), livenessType: "SILENT" });
    await expectError(
      await compare(body, { contentType: "application/json" }),
      400,
      "invalid_request",
      /imageBase64/,
    );
  });

  it("bad base64 → 400 invalid_request", async () => {
    const body = JSON.stringify({
      videoBase64: "!!!!",
      imageBase64: fixtureBase64("face.jpg"),
      livenessType: "SILENT",
    });
    await expectError(
      await compare(body, { contentType: "application/json" }),
      400,
      "invalid_request",
      /base64/,
    );
  });

  it.each([
    ["WebM as video", "video", "video-3s.webm", /MP4, AVI or FLV.*WEBM/],
    ["text as video", "video", "not-media.txt", /MP4, AVI or FLV.*unrecognised/],
    ["GIF as image", "image", "face.gif", /JPG or PNG.*GIF/],
    ["text as image", "image", "not-media.txt", /JPG or PNG.*unrecognised/],
  ] as const)("%s → 422 invalid_media", async (_, field, fixture, message) => {
    const files = {
      video: fixtureBytes("video-3s.mp4"),
      image: fixtureBytes("face.jpg"),
      [field]: fixtureBytes(fixture),
    };
    await expectError(
      await compare(compareForm({ ...files, livenessType: "SILENT" })),
      422,
      "invalid_media",
      message,
    );
  });

  it("video over its limit → 413 payload_too_large", async () => {
    const video = new Uint8Array(6 * 1024 * 1024 + 3);
    video.set(fixtureBytes("video-3s.mp4"));
    const form = compareForm({ video, image: fixtureBytes("face.jpg"), livenessType: "SILENT" });
    await expectError(await compare(form), 413, "payload_too_large", /video/);
  });

  it("image over its limit → 413 payload_too_large", async () => {
    const image = new Uint8Array(2.25 * 1024 * 1024 + 3);
    image.set(fixtureBytes("face.jpg"));
    const form = compareForm({ video: fixtureBytes("video-3s.mp4"), image, livenessType: "SILENT" });
    await expectError(await compare(form), 413, "payload_too_large", /image/);
  });

  it("whole body over its limit → 413 from Content-Length, without reading the body", async () => {
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new Uint8Array(64 * 1024));
      },
    });
    const request = restRequest("/v1/liveness/compare", token, {
      method: "POST",
      body: endless,
      headers: {
        "Content-Type": "multipart/form-data; boundary=x",
        "Content-Length": String(64 * 1024 * 1024),
      },
      duplex: "half",
    } as RequestInit);
    await expectError(await gateway.fetch(request), 413, "payload_too_large");
    expect(pulled).toBeLessThanOrEqual(2);
  });

  it("whole body over its limit with no Content-Length → 413 after reading no more than the limit", async () => {
    let sent = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += 256 * 1024;
        controller.enqueue(new Uint8Array(256 * 1024));
      },
    });
    const request = restRequest("/v1/liveness/compare", token, {
      method: "POST",
      body: endless,
      headers: { "Content-Type": "multipart/form-data; boundary=x" },
      duplex: "half",
    } as RequestInit);
    await expectError(await gateway.fetch(request), 413, "payload_too_large");
    expect(sent).toBeLessThan(10 * 1024 * 1024);
  });

  it.each([
    ["ACTION with no actions", "ACTION", undefined, 400],
    ["ACTION with three actions", "ACTION", "blink,nod,shake_head", 400],
    ["ACTION with an unknown action", "ACTION", "wink", 400],
    ["SILENT with actions", "SILENT", "blink", 400],
    ["an unknown liveness type", "REFLECT", undefined, 400],
  ] as const)("%s → 400 invalid_request", async (_, livenessType, actions, status) => {
    const form = compareForm({
      video: fixtureBytes("video-3s.mp4"),
      image: fixtureBytes("face.jpg"),
      livenessType,
      ...(actions ? { actions } : {}),
    });
    await expectError(await compare(form), status, "invalid_request");
  });

  it("a wrong method → 405 method_not_allowed with Allow", async () => {
    const response = await gateway.fetch(restRequest("/v1/liveness/compare", token, { method: "GET" }));
    expect(response.headers.get("Allow")).toBe("POST");
    await expectError(response, 405, "method_not_allowed");
  });

  it("an unknown path → 404 not_found", async () => {
    await expectError(await gateway.fetch(restRequest("/v1/nothing-here", token)), 404, "not_found");
  });
});

describe("CORS", () => {
  it("answers a preflight from a registered origin, echoing it, never *", async () => {
    const response = await gateway.fetch(
      restRequest("/v1/liveness/compare", undefined, {
        method: "OPTIONS",
        headers: {
          "Access-Control-Request-Method": "POST",
          "Access-Control-Request-Headers": "authorization",
        },
      }),
    );
    expect(response.status).toBe(204);
    expect(response.headers.get("Access-Control-Allow-Origin")).toBe(REST_ORIGIN);
    expect(response.headers.get("Access-Control-Allow-Headers")).toContain("Authorization");
    expect(response.headers.get("Access-Control-Allow-Methods")).toContain("POST");
    expect(response.headers.get("Vary")).toContain("Origin");
  });

  it("refuses a preflight from an unregistered origin, without CORS headers", async () => {
    const response = await gateway.fetch(
      restRequest("/v1/liveness/compare", undefined, { method: "OPTIONS", origin: "https://evil.test" }),
    );
    expect(response.headers.get("Access-Control-Allow-Origin")).toBeNull();
    await expectError(response, 403, "origin_not_allowed");
  });

  it("stops answering preflights for a revoked partner's origins", async () => {
    const origin = "https://only-this-partner.test";
    const solo = await createPartner({ origins: [origin] });
    const preflight = () =>
      gateway.fetch(restRequest("/v1/liveness/compare", undefined, { method: "OPTIONS", origin }));
    expect((await preflight()).status).toBe(204);
    await solo.revoke();
    expect((await preflight()).status).toBe(403);
  });
});
