// Tenancy as an attacker tries it. Two partners share the gateway's one Tencent account, each with its own
// backend credentials, agent key, sessions and handles, and every path is crossed: whatever is not one's own
// gets exactly what an unknown handle gets, in the dialect it was asked in, and never reaches FaceID.

import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeEach, describe, expect, it } from "vitest";
import { LivenessTokenStore } from "../../sandbox/liveness-tokens";
import { HANDLE_ISSUES } from "../../shared/faceid/handles";
import { DEFAULT_PARTNER_ACTIONS } from "../../worker/partners/store";
import { AgentKeyStore } from "../../worker/sessions/agent-keys";
import {
  createPartner,
  GATEWAY_URL,
  GatewayClock,
  partnerRequest,
  tencentJson,
  testGateway,
} from "../support/gateway";

const ORIGIN_A = "https://kyc.alpha.test";
const ORIGIN_B = "https://kyc.beta.test";
/** Every action a handle is issued or read by, besides the defaults. */
const HANDLE_ACTIONS = [
  "GetFaceIdTokenIntl",
  "GetFaceIdResultIntl",
  "ApplySdkVerificationToken",
  "GetSdkVerificationResult",
  "ApplyWebVerificationBizTokenIntl",
  "GetWebVerificationResultIntl",
  "CreateUploadUrl",
  "VideoLivenessCompare",
  "DetectReflectLivenessAndCompare",
  "GetNFCToken",
  "GetWxNFCResult",
  "IdCardOCRVerification",
];
const NEVER_ISSUED = "5d0c7f3e-2b1a-4c9d-8e7f-6a5b4c3d2e1f";

type Gateway = ReturnType<typeof testGateway>;

/** A partner as it runs: backend credentials (Tencent dialect), an agent key, and its own page origin. */
async function tenant(
  gateway: Gateway,
  origin: string,
  actions = [...DEFAULT_PARTNER_ACTIONS, ...HANDLE_ACTIONS],
) {
  // Its hosted verifications return to its own page (ApplyWebVerificationBizTokenIntl's RedirectURL).
  const partner = await createPartner({ origins: [origin], actions, redirectUrls: [`${origin}/done`] });
  const { agentKey } = await new AgentKeyStore(env.PARTNERS).create(partner.partnerId, "Agent");
  const tencent = async (
    action: string,
    parameters: Record<string, unknown> | string,
    timestamp?: number,
  ) => {
    const request = await partnerRequest({
      secretId: partner.secretId,
      secretKey: partner.secretKey,
      action,
      body: typeof parameters === "string" ? parameters : JSON.stringify(parameters),
      ...(timestamp !== undefined ? { timestamp } : {}),
    });
    return (await tencentJson(await gateway.fetch(request))).Response;
  };
  /** A session token from the agent key (POST /v1/sessions), as the extension gets one. */
  const agentSession = async (body: Record<string, unknown> = {}) => {
    const response = await gateway.fetch(
      new Request(`${GATEWAY_URL}v1/sessions`, {
        method: "POST",
        headers: { Authorization: `Bearer ${agentKey}`, "Content-Type": "application/json" },
        body: JSON.stringify(body),
      }),
    );
    return { response, body: (await response.json()) as { sessionToken: string } & RestError };
  };
  /** A session token from the backend (CreateCaptureSession), as a partner page gets one. */
  const backendSession = async (parameters: Record<string, unknown> = {}) =>
    (await tencent("CreateCaptureSession", parameters)) as { SessionToken: string } & TencentError;
  const rest = (path: string, token: string, init: RequestInit = {}) =>
    gateway.fetch(
      new Request(`${GATEWAY_URL}${path.replace(/^\//, "")}`, {
        ...init,
        headers: {
          ...(init.headers as Record<string, string>),
          Authorization: `Bearer ${token}`,
          Origin: origin,
        },
      }),
    );
  return { partner, agentKey, tencent, agentSession, backendSession, rest };
}

type Tenant = Awaited<ReturnType<typeof tenant>>;
type RestError = { error: { code: string; message: string; requestId: string } };
type TencentError = { Error?: { Code: string; Message: string }; RequestId: string };

function errorOf(response: Record<string, unknown>) {
  return response.Error as { Code: string; Message: string } | undefined;
}

async function mintRestSdkToken(owner: Tenant, token: string, body: Record<string, unknown> = {}) {
  const response = await owner.rest("/v1/liveness/tokens", token, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  return { response, body: (await response.json()) as { sdkToken: string } & RestError };
}

let gateway: Gateway;
let alpha: Tenant;
let beta: Tenant;

beforeEach(async () => {
  gateway = testGateway();
  alpha = await tenant(gateway, ORIGIN_A);
  beta = await tenant(gateway, ORIGIN_B);
});

/** Each call that hands out a token, the call that reads by it, and what the first needs. */
const TOKEN_PAIRS = [
  {
    issue: "ApplyLivenessToken",
    parameters: { SecureLevel: "1" },
    read: "GetLivenessResult",
    field: "SdkToken",
  },
  {
    issue: "GetFaceIdTokenIntl",
    parameters: { CheckMode: "liveness" },
    read: "GetFaceIdResultIntl",
    field: "SdkToken",
  },
  { issue: "ApplySdkVerificationToken", parameters: {}, read: "GetSdkVerificationResult", field: "SdkToken" },
  {
    issue: "ApplyWebVerificationBizTokenIntl",
    parameters: { RedirectURL: `${ORIGIN_A}/done` },
    read: "GetWebVerificationResultIntl",
    field: "BizToken",
  },
  // The NFC SDK's token comes back as GetNFCToken's Token and is read as GetWxNFCResult's NFCToken.
  {
    issue: "GetNFCToken",
    parameters: {},
    read: "GetWxNFCResult",
    field: "NFCToken",
    issuedAs: "Token",
    unknownCode: "FailedOperation.InvalidTokenParameter",
  },
] as const;

describe("handles in the Tencent dialect: each pair of a call that issues one and a call that reads by it", () => {
  it("covers every action the shared catalogue says issues a token", () => {
    const tokenIssuers = Object.entries(HANDLE_ISSUES)
      .filter(([, issue]) => issue.form === "token")
      .map(([action]) => action);
    expect(TOKEN_PAIRS.map((pair) => pair.issue).sort()).toEqual(tokenIssuers.sort());
  });

  for (const pair of TOKEN_PAIRS) {
    it(`${pair.issue} → ${pair.read}: the owner reads it; the other partner gets what a never-issued ${pair.field} gets`, async () => {
      const issued = await alpha.tencent(pair.issue, pair.parameters);
      const handle = issued["issuedAs" in pair ? pair.issuedAs : pair.field] as string;
      expect(handle).toMatch(/^[0-9a-f-]{36}$/);
      expect(errorOf(await alpha.tencent(pair.read, { [pair.field]: handle }))).toBeUndefined();
      expect(gateway.upstreamCalls).toHaveLength(2);

      const stolen = errorOf(await beta.tencent(pair.read, { [pair.field]: handle }));
      const unknown = errorOf(await beta.tencent(pair.read, { [pair.field]: NEVER_ISSUED }));
      expect(stolen).toEqual({
        Code: "unknownCode" in pair ? pair.unknownCode : "InvalidParameterValue.BizTokenIllegal",
        Message: `The ${pair.field} is not valid.`,
      });
      expect(unknown).toEqual(stolen);
      expect(gateway.upstreamCalls).toHaveLength(2);
    });
  }

  it("a handle tried under another spelling, a duplicate key, an escape or a non-text value never slips past", async () => {
    const mine = (await beta.tencent("ApplyLivenessToken", {})).SdkToken as string;
    const theirs = (await alpha.tencent("ApplyLivenessToken", {})).SdkToken as string;
    gateway.upstreamCalls.length = 0;
    const attempts: [string, string, { Code: string; Message: string }][] = [
      [
        "lower case",
        `{"sdktoken":"${theirs}"}`,
        { Code: "UnknownParameter", Message: "The parameter sdktoken is not recognised." },
      ],
      [
        "a second parameter beside one's own",
        `{"SdkToken":"${mine}","SDKTOKEN":"${theirs}"}`,
        { Code: "UnknownParameter", Message: "The parameter SDKTOKEN is not recognised." },
      ],
      [
        "theirs last of two",
        `{"SdkToken":"${mine}","SdkToken":"${theirs}"}`,
        { Code: "InvalidParameterValue.BizTokenIllegal", Message: "The SdkToken is not valid." },
      ],
      [
        "an escaped name",
        `{"\\u0053dkToken":"${theirs}"}`,
        { Code: "InvalidParameterValue.BizTokenIllegal", Message: "The SdkToken is not valid." },
      ],
      [
        "inside a list",
        `{"SdkToken":["${theirs}"]}`,
        { Code: "InvalidParameterValue", Message: "SdkToken: must be a non-empty string." },
      ],
      ["none at all", "{}", { Code: "MissingParameter", Message: "The parameter SdkToken is required." }],
    ];
    for (const [what, body, error] of attempts) {
      expect(errorOf(await beta.tencent("GetFaceIdResultIntl", body)), what).toEqual(error);
    }
    expect(gateway.upstreamCalls).toHaveLength(0);
  });

  it("a duplicate key that ends with one's own handle reaches FaceID as that handle alone", async () => {
    const mine = (await beta.tencent("GetFaceIdTokenIntl", {})).SdkToken as string;
    const theirs = (await alpha.tencent("GetFaceIdTokenIntl", {})).SdkToken as string;
    gateway.upstreamCalls.length = 0;
    const answer = await beta.tencent("GetFaceIdResultIntl", `{"SdkToken":"${theirs}","SdkToken":"${mine}"}`);
    expect(errorOf(answer)).toBeUndefined();
    // Re-serialised from what was checked, whatever FaceID's parser would make of the original.
    expect(await (gateway.upstreamCalls[0] as Request).text()).toBe(JSON.stringify({ SdkToken: mine }));
  });

  it("a resource URL the gateway handed out is its partner's alone; any other URL is the partner's own storage", async () => {
    const upload = await alpha.tencent("CreateUploadUrl", { TargetAction: "VideoLivenessCompare" });
    const theirs = upload.ResourceUrl as string;
    const own = "https://cos.beta.example/liveness.mp4";
    gateway.upstreamCalls.length = 0;
    const compare = (caller: Tenant, videoUrl: string) =>
      caller.tencent("VideoLivenessCompare", {
        ImageUrl: `${own}.jpg`,
        ImageMd5: "d41d8cd98f00b204e9800998ecf8427e",
        VideoUrl: videoUrl,
        VideoMd5: "d41d8cd98f00b204e9800998ecf8427e",
        LivenessType: "SILENT",
      });
    expect(errorOf(await compare(beta, theirs))).toEqual({
      Code: "InvalidParameterValue",
      Message: "VideoUrl: the resource cannot be read.",
    });
    expect(errorOf(await beta.tencent("DetectReflectLivenessAndCompare", { LiveDataUrl: theirs }))).toEqual({
      Code: "InvalidParameterValue",
      Message: "LiveDataUrl: the resource cannot be read.",
    });
    expect(gateway.upstreamCalls).toHaveLength(0);
    expect(errorOf(await compare(beta, own))).toBeUndefined();
    expect(errorOf(await compare(alpha, theirs))).toBeUndefined();
    expect(gateway.upstreamCalls).toHaveLength(2);
  });

  it("a caller that signs as nobody learns nothing of a handle", async () => {
    const handle = (await alpha.tencent("ApplyLivenessToken", {})).SdkToken as string;
    gateway.upstreamCalls.length = 0;
    const request = await partnerRequest({
      secretId: alpha.partner.secretId,
      secretKey: "not-the-key",
      action: "GetLivenessResult",
      body: JSON.stringify({ SdkToken: handle }),
    });
    const answer = (await tencentJson(await gateway.fetch(request))).Response;
    expect(errorOf(answer)?.Code).toBe("AuthFailure.SignatureFailure");
    const unsigned = await gateway.fetch(
      new Request(GATEWAY_URL, {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-TC-Action": "GetLivenessResult" },
        body: JSON.stringify({ SdkToken: handle }),
      }),
    );
    expect(errorOf((await tencentJson(unsigned)).Response)?.Code).toBe("AuthFailure.InvalidAuthorization");
    expect(gateway.upstreamCalls).toHaveLength(0);
  });
});

describe("liveness SdkTokens across both dialects", () => {
  it("a token minted through a session is its partner's in both dialects, and nobody else's", async () => {
    const session = (await alpha.agentSession()).body.sessionToken;
    const minted = await mintRestSdkToken(alpha, session);
    expect(minted.response.status).toBe(201);
    const token = minted.body.sdkToken;

    expect((await alpha.rest(`/v1/liveness/results/${token}`, session)).status).toBe(200);
    expect(errorOf(await alpha.tencent("GetLivenessResult", { SdkToken: token }))).toBeUndefined();
    const calls = gateway.upstreamCalls.length;

    for (const betaSession of [
      (await beta.agentSession()).body.sessionToken,
      (await beta.backendSession()).SessionToken,
    ]) {
      const stolen = await beta.rest(`/v1/liveness/results/${token}`, betaSession);
      const unknown = await beta.rest(`/v1/liveness/results/${NEVER_ISSUED}`, betaSession);
      expect(stolen.status).toBe(404);
      const stolenError = ((await stolen.json()) as RestError).error;
      expect(stolenError).toEqual({
        code: "not_found",
        message: "No such SdkToken.",
        requestId: stolen.headers.get("X-Request-Id"),
      });
      expect({ ...((await unknown.json()) as RestError).error, requestId: "" }).toEqual({
        ...stolenError,
        requestId: "",
      });
    }
    expect(errorOf(await beta.tencent("GetLivenessResult", { SdkToken: token }))?.Code).toBe(
      "InvalidParameterValue.BizTokenIllegal",
    );
    expect(gateway.upstreamCalls).toHaveLength(calls);
  });

  it("a token minted by a partner's backend is not readable with another partner's session", async () => {
    const token = (await alpha.tencent("ApplyLivenessToken", {})).SdkToken as string;
    const calls = gateway.upstreamCalls.length;
    const betaSession = (await beta.agentSession()).body.sessionToken;
    expect((await beta.rest(`/v1/liveness/results/${token}`, betaSession)).status).toBe(404);
    const alphaSession = (await alpha.backendSession()).SessionToken;
    expect((await alpha.rest(`/v1/liveness/results/${token}`, alphaSession)).status).toBe(200);
    expect(gateway.upstreamCalls).toHaveLength(calls + 1);
  });

  it("the demo page's session (its own partner) reads no real partner's token", async () => {
    const demo = await createPartner({ name: "Local demo partner", origins: ["http://127.0.0.1:8787"] });
    const devGateway = testGateway({
      demo: true,
      env: { ...env, DEV_ORIGIN: "http://127.0.0.1:8787", DEMO_PARTNER_ID: demo.partnerId },
    });
    const token = (await alpha.tencent("ApplyLivenessToken", {})).SdkToken as string;
    const minted = await devGateway.fetch(
      new Request(`${GATEWAY_URL}demo/session`, {
        method: "POST",
        headers: { Origin: "http://127.0.0.1:8787" },
      }),
    );
    const { sessionToken } = (await minted.json()) as { sessionToken: string };
    const read = await devGateway.fetch(
      new Request(`${GATEWAY_URL}v1/liveness/results/${token}`, {
        headers: { Authorization: `Bearer ${sessionToken}`, Origin: "http://127.0.0.1:8787" },
      }),
    );
    expect(read.status).toBe(404);
    expect(devGateway.upstreamCalls).toHaveLength(0);
  });
});

describe("handle records expire with their handles", () => {
  it("a liveness token is its owner's for its two hours, then unknown to everyone, and its record is gone", async () => {
    const clock = new GatewayClock();
    const timed = testGateway({ clock: clock.read });
    const owner = await tenant(timed, ORIGIN_A);
    const token = (await owner.tencent("ApplyLivenessToken", {}, clock.seconds)).SdkToken as string;

    clock.advance(2 * 60 * 60 * 1000 - 1000);
    expect(
      errorOf(await owner.tencent("GetLivenessResult", { SdkToken: token }, clock.seconds)),
    ).toBeUndefined();
    clock.advance(2000);
    const calls = timed.upstreamCalls.length;
    expect(errorOf(await owner.tencent("GetLivenessResult", { SdkToken: token }, clock.seconds))).toEqual({
      Code: "InvalidParameterValue.BizTokenIllegal",
      Message: "The SdkToken is not valid.",
    });
    expect(timed.upstreamCalls).toHaveLength(calls);

    const record = env.HANDLE_OWNERS.get(env.HANDLE_OWNERS.idFromName(`token:${token}`));
    expect(await runDurableObjectAlarm(record)).toBe(true);
    expect(await runInDurableObject(record, async (_, state) => (await state.storage.list()).size)).toBe(0);
  });

  it("a handle obtained before the upgrade (no record) is unknown through the gateway, even to its owner", async () => {
    // Minted straight at FaceID (here the sandbox's token store), as every handle was before records existed.
    const token = await new LivenessTokenStore(env.SANDBOX_STATE, Date.now).mint("1");
    expect(errorOf(await alpha.tencent("GetLivenessResult", { SdkToken: token }))).toEqual({
      Code: "InvalidParameterValue.BizTokenIllegal",
      Message: "The SdkToken is not valid.",
    });
    expect(gateway.upstreamCalls).toHaveLength(0);
  });
});
