// What a session may do, as an attacker would probe it: a partner's allowed actions bind every path that
// reaches Tencent for it (its SDK calls, the sessions its backend mints, the sessions its agents' keys mint),
// and every REST call spends or checks the session by its rules, token mints included. Nothing refused here
// reaches FaceID.
import { env } from "cloudflare:workers";
import { beforeEach, describe, expect, it } from "vitest";
import { AgentKeyStore } from "../../worker/sessions/agent-keys";
import { mintSessionToken } from "../../worker/sessions/session-token";
import {
  createPartner,
  GATEWAY_URL,
  GatewayClock,
  partnerRequest,
  REST_ORIGIN,
  restRequest,
  silentCompareForm,
  tencentJson,
  testGateway,
} from "../support/gateway";

type Gateway = ReturnType<typeof testGateway>;
type RestError = { error: { code: string; message: string; requestId: string } };

/** Everything the defaults allow but CompareFaceLiveness. */
const NO_COMPARE = [
  "ApplyLivenessToken",
  "GetLivenessResult",
  "CreateCaptureSession",
  "RevokeCaptureSession",
];

let clock: GatewayClock;
let gateway: Gateway;

beforeEach(() => {
  clock = new GatewayClock();
  gateway = testGateway({ clock: clock.read });
});

async function partnerWith(actions?: string[]) {
  const partner = await createPartner({ origins: [REST_ORIGIN], ...(actions ? { actions } : {}) });
  const { agentKey } = await new AgentKeyStore(env.PARTNERS).create(partner.partnerId, "Agent");
  const backend = async (action: string, parameters: Record<string, unknown>) => {
    const request = await partnerRequest({
      secretId: partner.secretId,
      secretKey: partner.secretKey,
      action,
      body: JSON.stringify(parameters),
    });
    return (await tencentJson(await gateway.fetch(request))).Response;
  };
  const agent = (body: Record<string, unknown> = {}) =>
    gateway.fetch(
      new Request(`${GATEWAY_URL}v1/sessions`, {
        method: "POST",
        headers: { Authorization: `Bearer ${agentKey}`, "Content-Type": "application/json" },
        body: JSON.stringify(body),
      }),
    );
  return { partner, backend, agent };
}

async function agentToken(response: Response): Promise<string> {
  expect(response.status).toBe(201);
  return ((await response.json()) as { sessionToken: string }).sessionToken;
}

function compare(token: string) {
  return gateway.fetch(
    restRequest("/v1/liveness/compare", token, { method: "POST", body: silentCompareForm() }),
  );
}

function mintToken(token: string, body: Record<string, unknown> = {}) {
  return gateway.fetch(
    restRequest("/v1/liveness/tokens", token, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
    }),
  );
}

async function expectRest(response: Response, status: number, code: string, message: string) {
  expect(response.status).toBe(status);
  const { error } = (await response.json()) as RestError;
  expect(error).toEqual({ code, message, requestId: response.headers.get("X-Request-Id") });
}

function upstreamSecureLevel(index: number): Promise<unknown> {
  return (gateway.upstreamCalls[index] as Request)
    .json()
    .then((body) => (body as { SecureLevel?: string }).SecureLevel);
}

describe("a partner's actions bind its sessions", () => {
  it("a partner not allowed CompareFaceLiveness gets sessions without it, from its backend and its agents", async () => {
    const { backend, agent } = await partnerWith(NO_COMPARE);
    const fromBackend = (await backend("CreateCaptureSession", {})).SessionToken as string;
    const fromAgent = await agentToken(await agent());
    for (const token of [fromBackend, fromAgent]) {
      await expectRest(
        await compare(token),
        403,
        "forbidden",
        "This session token may not be used for compare.",
      );
    }
    // What it is allowed still works.
    expect((await mintToken(fromAgent)).status).toBe(201);
    expect(gateway.upstreamCalls).toHaveLength(1);
  });

  it("asking for a call the partner is not allowed is refused at minting, in each dialect", async () => {
    const { backend, agent } = await partnerWith(NO_COMPARE);
    expect((await backend("CreateCaptureSession", { Calls: ["CompareFaceLiveness"] })).Error).toEqual({
      Code: "AuthFailure.UnauthorizedOperation",
      Message: "This partner is not allowed to call CompareFaceLiveness.",
    });
    await expectRest(
      await agent({ calls: ["GetLivenessResult", "CompareFaceLiveness"] }),
      403,
      "forbidden",
      "This credential may not call CompareFaceLiveness.",
    );
  });

  it("a partner allowed no session call cannot mint a session at all", async () => {
    const { backend, agent } = await partnerWith(["GenerateReflectSequence", "CreateCaptureSession"]);
    const message =
      "This partner is not allowed to call CompareFaceLiveness, ApplyLivenessToken, GetLivenessResult, ApplyWebVerificationBizTokenIntl, GetWebVerificationResultIntl.";
    expect((await backend("CreateCaptureSession", {})).Error).toEqual({
      Code: "AuthFailure.UnauthorizedOperation",
      Message: message,
    });
    await expectRest(
      await agent(),
      403,
      "forbidden",
      "This credential may not call CompareFaceLiveness, ApplyLivenessToken, GetLivenessResult, ApplyWebVerificationBizTokenIntl, GetWebVerificationResultIntl.",
    );
  });

  it("Calls narrows a session to what it lists; a bad list is refused", async () => {
    const { backend, agent } = await partnerWith();
    const readOnly = (await backend("CreateCaptureSession", { Calls: ["GetLivenessResult"] }))
      .SessionToken as string;
    await expectRest(
      await compare(readOnly),
      403,
      "forbidden",
      "This session token may not be used for compare.",
    );
    await expectRest(
      await mintToken(readOnly),
      403,
      "forbidden",
      "This session token may not be used for tokens.",
    );
    for (const Calls of [[], ["Nope"], "CompareFaceLiveness", [1]]) {
      expect((await backend("CreateCaptureSession", { Calls })).Error, JSON.stringify(Calls)).toEqual({
        Code: "InvalidParameterValue",
        Message:
          "Calls: must list one or more of CompareFaceLiveness, ApplyLivenessToken, GetLivenessResult, ApplyWebVerificationBizTokenIntl, GetWebVerificationResultIntl.",
      });
    }
    const refused = await agent({ calls: ["Nope"] });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as RestError).error.code).toBe("invalid_request");
    expect(gateway.upstreamCalls).toHaveLength(0);
  });

  it("a token minted before the partner lost an action (all calls in it) is refused that call", async () => {
    const { partner } = await partnerWith(NO_COMPARE);
    const now = clock.seconds;
    const token = await mintSessionToken(
      {
        sid: crypto.randomUUID(),
        partnerId: partner.partnerId,
        principal: "partner",
        calls: ["compare", "tokens", "results"],
        maxAttempts: 3,
        issuedAt: now,
        expiresAt: now + 600,
      },
      env.PARTNER_KEY_SEED,
    );
    await expectRest(
      await compare(token),
      403,
      "forbidden",
      "This credential may not call CompareFaceLiveness.",
    );
    expect(gateway.upstreamCalls).toHaveLength(0);
  });
});

describe("minting a liveness token spends and checks the session like a compare", () => {
  it("spends an attempt: a used-up session mints no more tokens", async () => {
    const { agent } = await partnerWith();
    const token = await agentToken(await agent({ maxAttempts: 2 }));
    expect((await compare(token)).status).toBe(200);
    expect((await mintToken(token)).status).toBe(201);
    await expectRest(
      await mintToken(token),
      403,
      "attempts_exhausted",
      "The session's 2 verification attempts are used up.",
    );
    expect(gateway.upstreamCalls).toHaveLength(2);
  });

  it("an ACTION session asks for an action level, and refuses a silent one", async () => {
    const { agent } = await partnerWith();
    const token = await agentToken(await agent({ livenessType: "ACTION", maxAttempts: 5 }));
    expect((await mintToken(token)).status).toBe(201);
    expect(await upstreamSecureLevel(0)).toBe("4");
    expect((await mintToken(token, { secureLevel: "2" })).status).toBe(201);
    expect(await upstreamSecureLevel(1)).toBe("2");
    for (const secureLevel of ["1", "3"]) {
      await expectRest(
        await mintToken(token, { secureLevel }),
        403,
        "forbidden",
        `This session token may not be used for SecureLevel ${secureLevel} (ACTION liveness only).`,
      );
    }
    expect(gateway.upstreamCalls).toHaveLength(2);
  });

  it("a SILENT session asks for silent liveness, and refuses an action level", async () => {
    const { agent } = await partnerWith();
    const token = await agentToken(await agent({ livenessType: "SILENT" }));
    expect((await mintToken(token)).status).toBe(201);
    expect(await upstreamSecureLevel(0)).toBe("1");
    await expectRest(
      await mintToken(token, { secureLevel: "4" }),
      403,
      "forbidden",
      "This session token may not be used for SecureLevel 4 (SILENT liveness only).",
    );
    expect(gateway.upstreamCalls).toHaveLength(1);
  });

  it("a session fixed to actions a liveness token cannot ask for mints none", async () => {
    const { agent } = await partnerWith();
    const token = await agentToken(await agent({ livenessType: "ACTION", actions: ["shake_head"] }));
    await expectRest(
      await mintToken(token),
      403,
      "forbidden",
      "This session token may not be used for a liveness token (its only action is blink).",
    );
    const blink = await agentToken(await agent({ livenessType: "ACTION", actions: ["blink"] }));
    expect((await mintToken(blink)).status).toBe(201);
    expect(gateway.upstreamCalls).toHaveLength(1);
  });

  it("a revoked session mints no token", async () => {
    const { backend } = await partnerWith();
    const token = (await backend("CreateCaptureSession", {})).SessionToken as string;
    expect((await backend("RevokeCaptureSession", { SessionToken: token })).Error).toBeUndefined();
    await expectRest(await mintToken(token), 401, "token_revoked", "The session token has been revoked.");
    expect(gateway.upstreamCalls).toHaveLength(0);
  });
});
