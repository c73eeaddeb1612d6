// The demo partner page: served only by the development entry npm start runs (worker/dev-entry.ts), never
// part of the deployed Worker, and a working reference
// integration — the token its development-only path mints authorises a real compare through the sandbox. That
// path answers only the page at the configured development origin (DEV_ORIGIN), on behalf of the demo partner
// provisioned before the gateway started (DEMO_PARTNER_ID); it never takes an origin from the request's Host
// and never writes anything.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { DEMO_CSP, DEMO_PARTNER_NAME } from "../../worker/demo/routes";
import { PartnerStore } from "../../worker/partners/store";
import { readSessionToken } from "../../worker/sessions/session-token";
import { GATEWAY_VERSION } from "../../worker/version";
import {
  createPartner,
  GATEWAY_URL,
  GatewayClock,
  restRequest,
  silentCompareForm,
  testGateway,
} from "../support/gateway";

/** DEV_ORIGIN: the origin of GATEWAY_URL, where `npm start` serves the page, which its requests carry. */
const PAGE_ORIGIN = "http://127.0.0.1:8787";
/** A name a DNS-rebinding page would reach a developer's local gateway under. */
const FORGED_HOST = "kyc.partner.example";

type RestError = { error: { code: string; message: string; requestId: string } };

const devGateway = (vars: Partial<Env> = {}, clock = new GatewayClock()) =>
  testGateway({ clock: clock.read, demo: true, env: { ...env, ...vars } });

/** The demo partner as `npm start` provisions it, and a gateway configured with it, on the test's clock. */
async function demoStack(vars: Partial<Env> = {}) {
  const partner = await createPartner({ name: DEMO_PARTNER_NAME, origins: [PAGE_ORIGIN] });
  const clock = new GatewayClock();
  const gateway = devGateway({ DEV_ORIGIN: PAGE_ORIGIN, DEMO_PARTNER_ID: partner.partnerId, ...vars }, clock);
  return { partner, gateway, clock };
}

function demoRequest(path: string, init: RequestInit = {}) {
  return new Request(`${GATEWAY_URL}demo${path}`, init);
}

/** POST /demo/session as a page at `origin` sends it (null: no Origin header). */
function sessionRequest(origin: string | null = PAGE_ORIGIN, host?: string) {
  const headers = new Headers();
  if (origin !== null) headers.set("Origin", origin);
  if (host === undefined) return demoRequest("/session", { method: "POST", headers });
  headers.set("Host", host);
  return new Request(`http://${host}/demo/session`, { method: "POST", headers });
}

async function mintSession(gateway: ReturnType<typeof testGateway>, request = sessionRequest()) {
  const response = await gateway.fetch(request);
  return { response, body: (await response.json()) as { sessionToken: string; expiresAt: string } };
}

/** Every partner record and every key of the partners' KV namespace. */
async function partnerState() {
  const records = await new PartnerStore(env.PARTNERS, env.PARTNER_KEY_SEED).list();
  const keys: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await env.PARTNERS.list(cursor ? { cursor } : {});
    keys.push(...page.keys.map((key) => key.name));
    cursor = page.list_complete ? undefined : page.cursor;
  } while (cursor);
  return { records, keys };
}

async function expectRefused(response: Response, status: number, code: string) {
  expect(response.status).toBe(status);
  const body = (await response.json()) as RestError & { sessionToken?: string };
  expect(body.sessionToken).toBeUndefined();
  expect(body.error.code).toBe(code);
  expect(body.error.requestId).toBe(response.headers.get("X-Request-Id"));
  return body.error;
}

describe("the deployed gateway (worker/index.ts: no demo routes)", () => {
  it("answers every demo path with the REST dialect's 404, even with the development variables set", async () => {
    const partner = await createPartner({ name: DEMO_PARTNER_NAME, origins: [PAGE_ORIGIN] });
    const gateway = testGateway({
      env: { ...env, DEV_ORIGIN: PAGE_ORIGIN, DEMO_PARTNER_ID: partner.partnerId },
    });
    for (const request of [demoRequest(""), demoRequest("/app.js"), sessionRequest()]) {
      const response = await gateway.fetch(request);
      expect(response.status, request.url).toBe(404);
      const body = (await response.json()) as RestError;
      expect(body).toEqual({
        error: {
          code: "not_found",
          message: "No such endpoint.",
          requestId: response.headers.get("X-Request-Id"),
        },
      });
    }
  });

  it("leaves DEV_ORIGIN and DEMO_PARTNER_ID empty in wrangler.toml", () => {
    expect(env.DEV_ORIGIN).toBe("");
    expect(env.DEMO_PARTNER_ID).toBe("");
  });
});

describe("the development entry (npm start)", () => {
  it("serves the page under a CSP that allows only its own script", async () => {
    const response = await devGateway().fetch(demoRequest(""));
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toMatch(/^text\/html/);
    expect(response.headers.get("Content-Security-Policy")).toBe(DEMO_CSP);
    expect(DEMO_CSP).toContain("script-src 'self'");
    expect(DEMO_CSP).not.toContain("unsafe-eval");
    const page = await response.text();
    expect(page).toContain('<script src="/demo/app.js" defer></script>');
    // Its own script, and the web component as the gateway serves it to every partner page.
    expect(page.match(/<script\b[^>]*>/g)).toEqual([
      `<script src="/sdk/${GATEWAY_VERSION}/capture.js">`,
      '<script src="/demo/app.js" defer>',
    ]);
    expect(page).toMatch(/<faceid-capture id="capture" liveness-type="SILENT"><\/faceid-capture>/);
    expect(page).toContain('type="file" id="video"');
    expect(page).toContain('type="file" id="image"');
    expect(page).toMatch(/<progress id="upload-progress"/);
    expect(page).toContain('data-compare-url="/v1/liveness/compare"');
    expect(page).toContain('data-session-url="/demo/session"');
  });

  it("serves the page's script as JavaScript that uploads with XMLHttpRequest and a bearer token", async () => {
    const response = await devGateway().fetch(demoRequest("/app.js"));
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/javascript; charset=utf-8");
    const script = await response.text();
    expect(script).toContain("new XMLHttpRequest()");
    expect(script).toContain('xhr.upload.addEventListener("progress"');
    expect(script).toContain('"Bearer " + token');
  });

  it("mints a session token whose compare passes through the sandbox", async () => {
    const { gateway, clock } = await demoStack();
    const { response, body } = await mintSession(gateway);
    expect(response.status).toBe(201);
    expect(body.sessionToken).toMatch(/^fes1\./);
    // A session's default lifetime: 600 s from when it was minted.
    expect(Date.parse(body.expiresAt)).toBe((clock.seconds + 600) * 1000);

    const form = silentCompareForm();
    const compare = await gateway.fetch(
      restRequest("/v1/liveness/compare", body.sessionToken, {
        method: "POST",
        body: form,
        origin: PAGE_ORIGIN,
      }),
    );
    expect(compare.status).toBe(200);
    const verdict = (await compare.json()) as Record<string, unknown>;
    expect(verdict).toMatchObject({
      passed: true,
      result: "Success",
      requestId: compare.headers.get("X-Request-Id"),
    });
    expect(verdict.similarity).toBeGreaterThanOrEqual(70);
    expect(verdict.bestFrameBase64).toEqual(expect.any(String));
    expect(verdict.tencentRequestId).toMatch(/^sandbox-/);
    expect(gateway.upstreamCalls).toHaveLength(1);
  });

  it("mints the token for DEV_ORIGIN on behalf of DEMO_PARTNER_ID", async () => {
    const { gateway, partner, clock } = await demoStack();
    const { body } = await mintSession(gateway);
    const read = await readSessionToken(body.sessionToken, env.PARTNER_KEY_SEED, clock.seconds);
    expect(read.ok).toBe(true);
    expect(read.ok && read.claims).toMatchObject({
      partnerId: partner.partnerId,
      principal: "partner",
      origin: PAGE_ORIGIN,
    });
  });

  it("binds the token to DEV_ORIGIN", async () => {
    const { gateway } = await demoStack();
    const { body } = await mintSession(gateway);
    const form = silentCompareForm();
    const compare = await gateway.fetch(
      restRequest("/v1/liveness/compare", body.sessionToken, {
        method: "POST",
        body: form,
        origin: "https://elsewhere.example",
      }),
    );
    expect(compare.status).toBe(403);
    expect(((await compare.json()) as RestError).error.code).toBe("origin_not_allowed");
    expect(gateway.upstreamCalls).toHaveLength(0);
  });

  it("writes nothing: the partner records and keys are the same after minting", async () => {
    const { gateway } = await demoStack();
    const before = await partnerState();
    for (let i = 0; i < 3; i++) expect((await mintSession(gateway)).response.status).toBe(201);
    expect(await partnerState()).toEqual(before);
  });

  it("takes the origin from DEV_ORIGIN, not from the Host: a forged Host with the page's Origin still gets a DEV_ORIGIN token", async () => {
    const { gateway, clock } = await demoStack();
    const before = await partnerState();
    const { response, body } = await mintSession(gateway, sessionRequest(PAGE_ORIGIN, FORGED_HOST));
    expect(response.status).toBe(201);
    const read = await readSessionToken(body.sessionToken, env.PARTNER_KEY_SEED, clock.seconds);
    expect(read.ok && read.claims.origin).toBe(PAGE_ORIGIN);
    expect(await partnerState()).toEqual(before);
  });

  describe("refuses a page reaching the gateway under another name (DNS rebinding), and creates nothing", () => {
    for (const [what, origin] of [
      ["with its Origin", `http://${FORGED_HOST}`],
      ["with its Origin and the gateway's port", `http://${FORGED_HOST}:8787`],
      ["with no Origin", null],
    ] as const) {
      it(`Host: ${FORGED_HOST} ${what}`, async () => {
        const { gateway } = await demoStack();
        const before = await partnerState();
        const refusal = await expectRefused(
          await gateway.fetch(sessionRequest(origin, FORGED_HOST)),
          403,
          "origin_not_allowed",
        );
        expect(refusal.message).toBe(`The origin ${origin ?? "(none)"} is not allowed for this token.`);
        const after = await partnerState();
        expect(after).toEqual(before);
        expect(
          after.records.filter((partner) => partner.origins.some((o) => o.includes(FORGED_HOST))),
        ).toEqual([]);
        expect(gateway.upstreamCalls).toHaveLength(0);
      });
    }
  });

  it("refuses a page without Origin, and one of another origin, at the right Host", async () => {
    const { gateway } = await demoStack();
    const before = await partnerState();
    await expectRefused(await gateway.fetch(sessionRequest(null)), 403, "origin_not_allowed");
    await expectRefused(
      await gateway.fetch(sessionRequest("https://elsewhere.example")),
      403,
      "origin_not_allowed",
    );
    expect(await partnerState()).toEqual(before);
  });

  it("refuses http://localhost:8787 when DEV_ORIGIN is http://127.0.0.1:8787: the origin must match exactly", async () => {
    const { gateway } = await demoStack();
    const before = await partnerState();
    for (const origin of ["http://localhost:8787", "http://127.0.0.1:8788", "https://127.0.0.1:8787"]) {
      await expectRefused(await gateway.fetch(sessionRequest(origin)), 403, "origin_not_allowed");
    }
    expect(await partnerState()).toEqual(before);
  });

  it("refuses the right Origin when DEV_ORIGIN or DEMO_PARTNER_ID is not set, and creates nothing", async () => {
    const { partner } = await demoStack();
    const before = await partnerState();
    for (const vars of [
      { DEV_ORIGIN: "", DEMO_PARTNER_ID: partner.partnerId },
      { DEV_ORIGIN: PAGE_ORIGIN, DEMO_PARTNER_ID: "" },
      { DEV_ORIGIN: "", DEMO_PARTNER_ID: "" },
      { DEV_ORIGIN: "not an origin", DEMO_PARTNER_ID: partner.partnerId },
    ]) {
      const refusal = await expectRefused(await devGateway(vars).fetch(sessionRequest()), 404, "not_found");
      expect(refusal.message).toBe("No such endpoint.");
    }
    // A test environment without the vars at all (wrangler.toml declares them empty).
    const { DEV_ORIGIN: _origin, DEMO_PARTNER_ID: _partnerId, ...bare } = env;
    await expectRefused(
      await testGateway({ demo: true, env: bare as Env }).fetch(sessionRequest()),
      404,
      "not_found",
    );
    expect(await partnerState()).toEqual(before);
  });

  it("refuses when DEMO_PARTNER_ID is unknown, revoked, or does not register DEV_ORIGIN, and creates nothing", async () => {
    const revoked = await createPartner({ name: DEMO_PARTNER_NAME, origins: [PAGE_ORIGIN] });
    await revoked.revoke();
    const elsewhere = await createPartner({
      name: DEMO_PARTNER_NAME,
      origins: ["https://elsewhere.example"],
    });
    const before = await partnerState();
    for (const partnerId of ["ptn_doesNotExist000", revoked.partnerId, elsewhere.partnerId]) {
      const gateway = devGateway({ DEV_ORIGIN: PAGE_ORIGIN, DEMO_PARTNER_ID: partnerId });
      const refusal = await expectRefused(await gateway.fetch(sessionRequest()), 404, "not_found");
      expect(refusal.message, partnerId).toBe("No such endpoint.");
    }
    expect(await partnerState()).toEqual(before);
  });
});
