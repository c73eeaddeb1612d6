// Tencent's hosted verification guarded at the edge, in both dialects: ApplyWebVerificationBizTokenIntl's
// RedirectURL only to a page the operator registered for the partner, its image and Config as documented, and
// GetWebVerificationResultIntl only for the partner (Tencent dialect) or the session (REST) that started the
// flow. Each refusal is answered in the dialect it came in and never reaches FaceID.
import { env } from "cloudflare:workers";
import { createLocalJWKSet, type JSONWebKeySet, jwtVerify } from "jose";
import { beforeEach, describe, expect, it } from "vitest";
import { encodeBase64 } from "../../shared/base64";
import { fixtureBase64, fixtureBytes } from "../support/fixtures";
import {
  GATEWAY_URL,
  GatewayClock,
  partnerActions,
  restPartner,
  restRequest,
  testGateway,
} from "../support/gateway";

type Gateway = ReturnType<typeof testGateway>;
type Partner = Awaited<ReturnType<typeof restPartner>>;

const RETURN_URL = "https://kyc.partner.test/return";
const WEB_ACTIONS = ["ApplyWebVerificationBizTokenIntl", "GetWebVerificationResultIntl"];

let clock: GatewayClock;
let gateway: Gateway;
let partnerCall: ReturnType<typeof partnerActions>["call"];

beforeEach(() => {
  clock = new GatewayClock();
  gateway = testGateway({ clock: clock.read });
  ({ call: partnerCall } = partnerActions(gateway, clock));
});

function webPartner(redirectUrls = [RETURN_URL]) {
  return restPartner(gateway, {
    actions: [...WEB_ACTIONS, "CreateCaptureSession", "CompareFaceLiveness"],
    redirectUrls,
  });
}

function apply(partner: Partner, parameters: Record<string, unknown>) {
  return partnerCall(partner, "ApplyWebVerificationBizTokenIntl", parameters);
}

describe("ApplyWebVerificationBizTokenIntl (Tencent dialect)", () => {
  it("passes a RedirectURL with a registered origin and path, whatever its query, to FaceID", async () => {
    const alpha = await webPartner();
    const answer = await apply(alpha, {
      RedirectURL: `${RETURN_URL}?case=4711`,
      CompareImageBase64: fixtureBase64("face.jpg"),
      Extra: "case-4711",
      // IdCardType as Tencent's own page spells it; Version null as an SDK model sends an unset member.
      Config: {
        CheckMode: 1,
        IdCardType: "HKIDCard",
        Language: "zh-tc",
        SecurityLevel: 2,
        ActionList: "blink,nod",
        Version: null,
      },
    });
    expect(answer.Error).toBeUndefined();
    expect(answer.BizToken).toEqual(expect.any(String));
    expect(answer.VerificationURL).toEqual(expect.any(String));
    expect(gateway.upstreamCalls).toHaveLength(1);
  });

  const refusals: [string, Record<string, unknown>, { Code: string; Message: string }][] = [
    [
      "a RedirectURL the partner did not register",
      { RedirectURL: "https://elsewhere.example/return" },
      {
        Code: "InvalidParameterValue",
        Message: "RedirectURL: is not one of the partner's registered redirect URLs.",
      },
    ],
    [
      "a registered origin with another path",
      { RedirectURL: "https://kyc.partner.test/return/../steal" },
      {
        Code: "InvalidParameterValue",
        Message: "RedirectURL: is not one of the partner's registered redirect URLs.",
      },
    ],
    [
      "http",
      { RedirectURL: "http://kyc.partner.test/return" },
      { Code: "InvalidParameterValue", Message: "RedirectURL: must be an https URL." },
    ],
    [
      "loopback, when REDIRECT_ALLOW_LOOPBACK is off",
      { RedirectURL: "http://127.0.0.1:8080/return" },
      { Code: "InvalidParameterValue", Message: "RedirectURL: must not point at this machine (loopback)." },
    ],
    [
      "a fragment",
      { RedirectURL: `${RETURN_URL}#token` },
      { Code: "InvalidParameterValue", Message: "RedirectURL: must not have a fragment." },
    ],
    ["no RedirectURL", {}, { Code: "MissingParameter", Message: "The parameter RedirectURL is required." }],
    [
      "an unknown parameter",
      { RedirectURL: RETURN_URL, redirectURL: "https://elsewhere.example/" },
      { Code: "UnknownParameter", Message: "The parameter redirectURL is not recognised." },
    ],
    [
      "a GIF as CompareImageBase64",
      { RedirectURL: RETURN_URL, CompareImageBase64: fixtureBase64("face.gif") },
      { Code: "InvalidParameterValue", Message: "CompareImageBase64: must be a JPG or PNG image." },
    ],
    [
      "text as CompareImageBase64",
      { RedirectURL: RETURN_URL, CompareImageBase64: fixtureBase64("not-media.txt") },
      { Code: "InvalidParameterValue", Message: "CompareImageBase64: must be a JPG or PNG image." },
    ],
    [
      "CompareImageBase64 that is not base64",
      { RedirectURL: RETURN_URL, CompareImageBase64: "not base64!" },
      { Code: "InvalidParameterValue", Message: "CompareImageBase64: is not valid base64 (bad-length)." },
    ],
    [
      "Extra over 1,000 characters",
      { RedirectURL: RETURN_URL, Extra: "x".repeat(1001) },
      { Code: "InvalidParameterValue", Message: "Extra: must be at most 1000 characters." },
    ],
    [
      "an unknown Config member",
      { RedirectURL: RETURN_URL, Config: { CheckMode: 1, IdCardKind: "HKIDCard" } },
      { Code: "UnknownParameter", Message: "The parameter Config.IdCardKind is not recognised." },
    ],
    [
      "CheckMode 5",
      { RedirectURL: RETURN_URL, Config: { CheckMode: 5 } },
      { Code: "InvalidParameterValue", Message: "Config.CheckMode: must be one of 1, 2, 3, 4." },
    ],
    [
      "an IDCardType not documented",
      { RedirectURL: RETURN_URL, Config: { IDCardType: "USDriverLicense" } },
      {
        Code: "InvalidParameterValue",
        Message:
          "Config.IDCardType: must be one of HKIDCard, MLIDCard, IndonesiaIDCard, PhilippinesVoteID, PhilippinesDrivingLicense, PhilippinesTinID, PhilippinesSSSID, PhilippinesUMID, InternationalIDPassport, ThailandIDCard, SingaporeIDCard, MainlandIDCard.",
      },
    ],
    [
      "a Language not offered",
      { RedirectURL: RETURN_URL, Config: { Language: "fr" } },
      { Code: "InvalidParameterValue", Message: "Config.Language: must be one of th, en, zh-cn, zh-tc, id." },
    ],
    [
      "SecurityLevel as a string",
      { RedirectURL: RETURN_URL, Config: { SecurityLevel: "2" } },
      { Code: "InvalidParameterValue", Message: "Config.SecurityLevel: must be a whole number." },
    ],
    [
      "ActionList with silent liveness",
      { RedirectURL: RETURN_URL, Config: { SecurityLevel: 1, ActionList: "blink" } },
      {
        Code: "InvalidParameterValue",
        Message: "Config.ActionList: is accepted only with SecurityLevel 2 or 4 (the levels with actions).",
      },
    ],
    [
      "three actions",
      { RedirectURL: RETURN_URL, Config: { SecurityLevel: 2, ActionList: "blink,nod,shake" } },
      {
        Code: "InvalidParameterValue",
        Message: "Config.ActionList: must be one or two of blink, mouth, nod, shake, comma-separated.",
      },
    ],
    [
      "LivenessRetryLimit 100",
      { RedirectURL: RETURN_URL, Config: { LivenessRetryLimit: 100 } },
      { Code: "InvalidParameterValue", Message: "Config.LivenessRetryLimit: must be from 1 to 99." },
    ],
    [
      "AutoSkip as a string",
      { RedirectURL: RETURN_URL, Config: { AutoSkip: "true" } },
      { Code: "InvalidParameterValue", Message: "Config.AutoSkip: must be true or false." },
    ],
    [
      "Config that is not an object",
      { RedirectURL: RETURN_URL, Config: [1] },
      { Code: "InvalidParameterValue", Message: "Config: must be an object." },
    ],
  ];
  for (const [what, parameters, error] of refusals) {
    it(`refuses ${what}, before FaceID`, async () => {
      const alpha = await webPartner();
      expect((await apply(alpha, parameters)).Error).toEqual(error);
      expect(gateway.upstreamCalls).toHaveLength(0);
    });
  }

  it("refuses a RedirectURL for a partner that registered none, and another partner's page", async () => {
    const none = await webPartner([]);
    const beta = await webPartner(["https://kyc.beta.test/return"]);
    for (const [partner, url] of [
      [none, RETURN_URL],
      [beta, RETURN_URL],
    ] as const) {
      expect((await apply(partner, { RedirectURL: url })).Error).toEqual({
        Code: "InvalidParameterValue",
        Message: "RedirectURL: is not one of the partner's registered redirect URLs.",
      });
    }
    expect(gateway.upstreamCalls).toHaveLength(0);
  });

  it("refuses an image over 8 MB of base64 from its length", async () => {
    const alpha = await webPartner();
    const huge = encodeBase64(fixtureBytes("face.jpg")).padEnd(8 * 1024 * 1024 + 4, "A");
    expect((await apply(alpha, { RedirectURL: RETURN_URL, CompareImageBase64: huge })).Error).toMatchObject({
      Code: "InvalidParameterValue",
    });
    expect(gateway.upstreamCalls).toHaveLength(0);
  });
});

describe("GetWebVerificationResultIntl (Tencent dialect)", () => {
  it("reads the partner's own BizToken; another partner's is answered as one never issued", async () => {
    const alpha = await webPartner();
    const beta = await webPartner();
    const { BizToken } = await apply(alpha, { RedirectURL: RETURN_URL });
    expect((await partnerCall(alpha, "GetWebVerificationResultIntl", { BizToken })).Error).toBeUndefined();
    const calls = gateway.upstreamCalls.length;
    const stolen = await partnerCall(beta, "GetWebVerificationResultIntl", { BizToken });
    const unknown = await partnerCall(beta, "GetWebVerificationResultIntl", {
      BizToken: "never-issued-token",
    });
    expect(stolen.Error).toEqual(unknown.Error);
    expect(stolen.Error).toMatchObject({ Code: "InvalidParameterValue.BizTokenIllegal" });
    expect(gateway.upstreamCalls).toHaveLength(calls);
  });

  it("refuses an unknown parameter and a BizToken that is not one", async () => {
    const alpha = await webPartner();
    expect(
      (await partnerCall(alpha, "GetWebVerificationResultIntl", { BizToken: "a", bizToken: "b" })).Error,
    ).toEqual({
      Code: "UnknownParameter",
      Message: "The parameter bizToken is not recognised.",
    });
    expect((await partnerCall(alpha, "GetWebVerificationResultIntl", { BizToken: "../x" })).Error).toEqual({
      Code: "InvalidParameterValue",
      Message: "BizToken: is not a BizToken.",
    });
    expect(gateway.upstreamCalls).toHaveLength(0);
  });
});

async function webSession(partner: Partner, body: Record<string, unknown> = {}) {
  return partner.session({ calls: WEB_ACTIONS, ...body });
}

function createWeb(token: string, body: unknown, origin?: string) {
  return gateway.fetch(
    restRequest("/v1/web-verifications", token, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
      ...(origin ? { origin } : {}),
    }),
  );
}

function readWeb(token: string, bizToken: string) {
  return gateway.fetch(restRequest(`/v1/web-verifications/${bizToken}`, token, { method: "GET" }));
}

async function errorOf(response: Response) {
  return {
    status: response.status,
    ...((await response.json()) as { error: { code: string; message: string } }).error,
  };
}

describe("POST /v1/web-verifications and GET /v1/web-verifications/{bizToken} (REST)", () => {
  it("starts the flow for a registered redirect URL, spends an attempt, and follows it while it runs", async () => {
    const alpha = await webPartner();
    const token = await webSession(alpha, { maxAttempts: 2 });
    const created = await createWeb(token, {
      redirectUrl: `${RETURN_URL}?case=1`,
      checkMode: 1,
      idCardType: "HKIDCard",
    });
    expect(created.status).toBe(201);
    const body = (await created.json()) as { verificationUrl: string; bizToken: string; expiresAt: string };
    expect(body.verificationUrl).toEqual(expect.any(String));
    expect(Date.parse(body.expiresAt) - clock.now).toBe(600_000);
    // What FaceID was asked: the request's values under Tencent's names.
    const sent = (await gateway.upstreamCalls[0]?.clone().json()) as Record<string, unknown>;
    expect(sent).toEqual({
      RedirectURL: `${RETURN_URL}?case=1`,
      Config: { CheckMode: 1, IDCardType: "HKIDCard" },
    });
    const read = await readWeb(token, body.bizToken);
    expect(read.status).toBe(200);
    expect(await read.json()).toMatchObject({ status: "pending" });
  });

  it("asks the hosted page for the session's liveness rules", async () => {
    const alpha = await webPartner();
    const token = await webSession(alpha, { livenessType: "ACTION", actions: ["open_mouth", "shake_head"] });
    expect((await createWeb(token, { redirectUrl: RETURN_URL })).status).toBe(201);
    const sent = (await gateway.upstreamCalls[0]?.clone().json()) as Record<string, unknown>;
    expect(sent.Config).toEqual({ SecurityLevel: 2, ActionList: "mouth,shake" });
  });

  it("refuses, before FaceID and without spending an attempt, what the Tencent dialect refuses", async () => {
    const alpha = await webPartner();
    const token = await webSession(alpha, { maxAttempts: 1 });
    expect(
      await errorOf(await createWeb(token, { redirectUrl: "https://elsewhere.example/return" })),
    ).toMatchObject({
      status: 400,
      code: "invalid_request",
      message: "redirectUrl is not one of the partner's registered redirect URLs.",
    });
    expect(await errorOf(await createWeb(token, { redirectUrl: RETURN_URL, checkMode: 5 }))).toMatchObject({
      status: 400,
      code: "invalid_request",
    });
    expect(await errorOf(await createWeb(token, { redirectUrl: RETURN_URL, language: "fr" }))).toMatchObject({
      status: 400,
    });
    expect(
      await errorOf(await createWeb(token, { redirectUrl: RETURN_URL, RedirectURL: RETURN_URL })),
    ).toMatchObject({
      status: 400,
    });
    expect(gateway.upstreamCalls).toHaveLength(0);
    // The one attempt is still there.
    expect((await createWeb(token, { redirectUrl: RETURN_URL })).status).toBe(201);
    expect(await errorOf(await createWeb(token, { redirectUrl: RETURN_URL }))).toMatchObject({
      status: 403,
      code: "attempts_exhausted",
    });
  });

  it("lets only the session that started a flow read it: another session, partner or nobody gets 404 or 401", async () => {
    const alpha = await webPartner();
    const beta = await webPartner();
    const owner = await webSession(alpha);
    const { bizToken } = (await (await createWeb(owner, { redirectUrl: RETURN_URL })).json()) as {
      bizToken: string;
    };
    const calls = gateway.upstreamCalls.length;
    const samePartner = await webSession(alpha);
    const otherPartner = await webSession(beta);
    for (const token of [samePartner, otherPartner]) {
      expect(await errorOf(await readWeb(token, bizToken))).toMatchObject({ status: 404, code: "not_found" });
    }
    expect(await errorOf(await readWeb(owner, "never-issued"))).toMatchObject({
      status: 404,
      code: "not_found",
    });
    expect((await readWeb("", bizToken)).status).toBe(401);
    expect(gateway.upstreamCalls).toHaveLength(calls);
  });

  it("needs a session carrying the web calls, for a partner granted them", async () => {
    const plain = await restPartner(gateway, { redirectUrls: [RETURN_URL] });
    const compareOnly = await plain.session({ calls: ["CompareFaceLiveness"] });
    expect(await errorOf(await createWeb(compareOnly, { redirectUrl: RETURN_URL }))).toMatchObject({
      status: 403,
    });
    const refused = await gateway.fetch(
      new Request(`${GATEWAY_URL}v1/sessions`, {
        method: "POST",
        headers: { Authorization: `Bearer ${plain.agentKey}`, "Content-Type": "application/json" },
        body: JSON.stringify({ calls: WEB_ACTIONS }),
      }),
    );
    expect(refused.status).toBe(403);
    expect(gateway.upstreamCalls).toHaveLength(0);
  });
});

describe("the hand-off link (GET /h/{code})", () => {
  async function started() {
    const alpha = await webPartner();
    const token = await webSession(alpha);
    const created = (await (await createWeb(token, { redirectUrl: RETURN_URL })).json()) as {
      verificationUrl: string;
      bizToken: string;
      handoffUrl: string;
      handoffCode: string;
    };
    return { token, ...created };
  }

  it("sends the phone to Tencent's page, and the flow's progress goes from waiting to opened", async () => {
    const flow = await started();
    expect(flow.handoffCode).toMatch(/^[A-HJKMNP-TV-Z2-9]{4}-[A-HJKMNP-TV-Z2-9]{4}$/);
    expect(flow.handoffUrl).toBe(`${GATEWAY_URL}h/${flow.handoffCode.replace("-", "")}`);
    expect(await (await readWeb(flow.token, flow.bizToken)).json()).toEqual({
      status: "pending",
      progress: "waiting",
    });
    const opened = await gateway.fetch(new Request(flow.handoffUrl, { redirect: "manual" }));
    expect(opened.status).toBe(302);
    expect(opened.headers.get("Location")).toBe(flow.verificationUrl);
    expect(opened.headers.get("Referrer-Policy")).toBe("no-referrer");
    expect(await (await readWeb(flow.token, flow.bizToken)).json()).toEqual({
      status: "pending",
      progress: "opened",
    });
  });

  it("takes the code typed in any case, with or without its dash, from the form at /h", async () => {
    const flow = await started();
    const form = await gateway.fetch(new Request(`${GATEWAY_URL}h`));
    expect(form.status).toBe(200);
    expect(form.headers.get("Content-Security-Policy")).toBe("default-src 'none'; style-src 'unsafe-inline'");
    expect(await form.text()).toContain('<form method="get" action="/h">');
    const typed = flow.handoffCode.toLowerCase().replace("-", " - ");
    const submitted = await gateway.fetch(
      new Request(`${GATEWAY_URL}h?code=${encodeURIComponent(typed)}`, { redirect: "manual" }),
    );
    expect(submitted.status).toBe(303);
    expect(submitted.headers.get("Location")).toBe(`/h/${flow.handoffCode.replace("-", "")}`);
    const bad = await gateway.fetch(new Request(`${GATEWAY_URL}h?code=OOPS`));
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("That is not a code");
  });

  it("answers an unknown or expired code with the same page, and sends nobody anywhere", async () => {
    const flow = await started();
    const unknown = await gateway.fetch(new Request(`${GATEWAY_URL}h/ABCDEFGH`, { redirect: "manual" }));
    expect(unknown.status).toBe(404);
    const unknownPage = await unknown.text();
    expect(unknownPage).toContain("This code has expired or is not valid.");
    clock.advance(600_000);
    const expired = await gateway.fetch(new Request(flow.handoffUrl, { redirect: "manual" }));
    expect(expired.status).toBe(404);
    expect(await expired.text()).toBe(unknownPage);
  });
});

describe("a hosted verification the person finishes", () => {
  it("gives a signed verdict, recorded once in the session (flow web) and sent to the partner's webhook", async () => {
    const alpha = await webPartner();
    await gateway.fetch(
      new Request(`${GATEWAY_URL}admin/partners/${alpha.partner.partnerId}/webhook`, {
        method: "PUT",
        headers: { Authorization: "Bearer test-admin-token" },
        body: JSON.stringify({ url: "https://hooks.partner.test/faceid" }),
      }),
    );
    const opened = await partnerCall(alpha, "CreateCaptureSession", {
      Origin: "https://kyc.partner.test",
      Calls: WEB_ACTIONS,
      ExternalId: "case-web",
    });
    const token = opened.SessionToken as string;
    const flow = (await (await createWeb(token, { redirectUrl: RETURN_URL, checkMode: 3 })).json()) as {
      verificationUrl: string;
      bizToken: string;
    };
    // The person, on the sandbox's stand-in for Tencent's page: start, a liveness take that fails, one that passes.
    const step = (name: string, body?: Uint8Array, outcome?: string) =>
      gateway.sandbox(
        new Request(
          `${flow.verificationUrl.replace("?", `/${name}?`)}${outcome ? `&outcome=${outcome}` : ""}`,
          {
            method: "POST",
            ...(body ? { body, headers: { "Content-Type": "video/mp4" } } : {}),
          },
        ),
      );
    expect((await step("start")).status).toBe(200);
    expect(await (await readWeb(token, flow.bizToken)).json()).toEqual({
      status: "pending",
      progress: "waiting",
    });
    expect((await step("liveness", fixtureBytes("video-3s.mp4"), "1005")).status).toBe(200);
    expect(await (await readWeb(token, flow.bizToken)).json()).toEqual({
      status: "pending",
      progress: "in_progress",
    });
    expect((await step("liveness", fixtureBytes("video-3s.mp4"))).status).toBe(200);

    const first = (await (await readWeb(token, flow.bizToken)).json()) as Record<string, unknown>;
    expect(first).toMatchObject({ status: "completed", passed: true, result: "0" });
    const keys = createLocalJWKSet(
      (await (
        await gateway.fetch(new Request(`${GATEWAY_URL}.well-known/jwks.json`))
      ).json()) as JSONWebKeySet,
    );
    const { payload } = await jwtVerify(first.verdictToken as string, keys, {
      audience: alpha.partner.partnerId,
    });
    expect(payload).toMatchObject({
      sub: opened.SessionId,
      externalId: "case-web",
      passed: true,
      result: "0",
    });
    const second = (await (await readWeb(token, flow.bizToken)).json()) as Record<string, unknown>;
    expect(second).toMatchObject({ status: "completed", passed: true });

    const described = await partnerCall(alpha, "DescribeCaptureSession", { SessionId: opened.SessionId });
    expect(described).toMatchObject({ Status: "passed", AttemptsUsed: 1 });
    expect(described.Attempts).toEqual([
      expect.objectContaining({
        Flow: "web",
        Result: "0",
        Passed: true,
        TencentRequestId: first.tencentRequestId,
      }),
    ]);
    const { results } = await env.AUDIT_DB.prepare(
      "SELECT type, payload FROM webhook_events WHERE partner_id = ? ORDER BY rowid",
    )
      .bind(alpha.partner.partnerId)
      .all<{ type: string; payload: string }>();
    expect(results.map((row) => row.type)).toEqual(["capture.verdict", "capture.completed"]);
    expect(JSON.parse(results[0]?.payload ?? "{}").data.verdictToken).toBe(first.verdictToken);
  });
});
