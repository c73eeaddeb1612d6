// The demo partner page: served only in local development (DEV_ROUTES=on), and a working reference
// integration — the token its development-only path mints authorises a real compare through the sandbox.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { DEMO_CSP, DEMO_PARTNER_NAME } from "../../worker/demo/routes";
import { PartnerStore } from "../../worker/partners/store";
import { GATEWAY_URL, restRequest, silentCompareForm, testGateway } from "../support/gateway";

/** The origin of GATEWAY_URL: the page's own origin, which its requests carry. */
const PAGE_ORIGIN = "http://127.0.0.1:8787";

const devGateway = () => testGateway({ env: { ...env, DEV_ROUTES: "on" } });

function demoRequest(path: string, init: RequestInit = {}) {
  return new Request(`${GATEWAY_URL}demo${path}`, init);
}

async function mintSession(gateway: ReturnType<typeof testGateway>, origin: string | null = PAGE_ORIGIN) {
  const response = await gateway.fetch(
    demoRequest("/session", { method: "POST", headers: origin ? { Origin: origin } : {} }),
  );
  return { response, body: (await response.json()) as { sessionToken: string; expiresAt: string } };
}

describe("with DEV_ROUTES off (any deployment)", () => {
  it("answers every demo path with the REST dialect's 404", async () => {
    const gateway = testGateway({ env: { ...env, DEV_ROUTES: "off" } });
    for (const request of [
      demoRequest(""),
      demoRequest("/app.js"),
      demoRequest("/session", { method: "POST" }),
    ]) {
      const response = await gateway.fetch(request);
      expect(response.status, request.url).toBe(404);
      const body = (await response.json()) as { error: { code: string; message: string; requestId: string } };
      expect(body).toEqual({
        error: {
          code: "not_found",
          message: "No such endpoint.",
          requestId: response.headers.get("X-Request-Id"),
        },
      });
    }
  });
});

describe("with DEV_ROUTES on (npm start)", () => {
  it("serves the page under a CSP that allows only its own script", async () => {
    const response = await devGateway().fetch(demoRequest(""));
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toMatch(/^text\/html/);
    expect(response.headers.get("Content-Security-Policy")).toBe(DEMO_CSP);
    expect(DEMO_CSP).toContain("script-src 'self'");
    expect(DEMO_CSP).not.toContain("unsafe-eval");
    const page = await response.text();
    expect(page).toContain('<script src="/demo/app.js" defer></script>');
    expect(page.match(/<script\b[^>]*>/g)).toEqual(['<script src="/demo/app.js" defer>']);
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
    const gateway = devGateway();
    const { response, body } = await mintSession(gateway);
    expect(response.status).toBe(201);
    expect(body.sessionToken).toMatch(/^fes1\./);
    expect(Date.parse(body.expiresAt) - Date.now()).toBeGreaterThan(9 * 60 * 1000);

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

  it("binds the token to the page's origin", async () => {
    const gateway = devGateway();
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
    expect(((await compare.json()) as { error: { code: string } }).error.code).toBe("origin_not_allowed");
    expect(gateway.upstreamCalls).toHaveLength(0);
  });

  it("reuses one demo partner per origin", async () => {
    const gateway = devGateway();
    await mintSession(gateway);
    await mintSession(gateway, null);
    const partners = (await new PartnerStore(env.PARTNERS, env.PARTNER_KEY_SEED).list()).filter(
      (partner) => partner.name === DEMO_PARTNER_NAME && partner.origins.includes(PAGE_ORIGIN),
    );
    expect(partners).toHaveLength(1);
    expect(partners[0]?.origins).toEqual([PAGE_ORIGIN]);
  });

  it("refuses to mint a token for a page of another origin", async () => {
    const { response, body } = await mintSession(devGateway(), "https://elsewhere.example");
    expect(response.status).toBe(403);
    expect((body as unknown as { error: { code: string } }).error.code).toBe("origin_not_allowed");
  });
});
