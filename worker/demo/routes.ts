/**
 * The demo partner page (local development only, `DEV_ROUTES=on`, which `npm start` sets): the page, its
 * script, and a development-only way to mint a session token without partner credentials. Mounted at /demo;
 * with DEV_ROUTES off every path here is the gateway's ordinary 404.
 */
import { Hono } from "hono";
import type { GatewayEnv } from "../app";
import { gatewayConfig } from "../config";
import { fail } from "../errors/failure";
import { type PartnerRecord, PartnerStore } from "../partners/store";
import { createSession, REST_SESSION_FIELDS } from "../sessions/create-session";
import { DEMO_APP_SCRIPT } from "./app-script";
import { demoPage } from "./page";

export const DEMO_BASE_PATH = "/demo";
export const DEMO_PARTNER_NAME = "Local demo partner";

/** Own script only; the best frame arrives as a data: URL, the previews of the chosen files as blob: URLs. */
export const DEMO_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'unsafe-inline'",
  "img-src data: blob:",
  "media-src blob:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

export function demoRoutes(): Hono<GatewayEnv> {
  const demo = new Hono<GatewayEnv>();

  demo.use(async function devRoutesOnly(c, next) {
    if (c.env.DEV_ROUTES !== "on") return c.notFound();
    await next();
  });

  demo.get("/", (c) => {
    c.header("Content-Security-Policy", DEMO_CSP);
    c.header("X-Content-Type-Options", "nosniff");
    return c.html(demoPage({ script: `${DEMO_BASE_PATH}/app.js`, session: `${DEMO_BASE_PATH}/session` }));
  });

  demo.get("/app.js", (c) =>
    c.body(DEMO_APP_SCRIPT, 200, {
      "Content-Type": "text/javascript; charset=utf-8",
      "X-Content-Type-Options": "nosniff",
    }),
  );

  /**
   * Development only: a session token for the page's own origin, on behalf of a local demo partner that
   * registers that origin. A partner's real page gets its token from its backend (CreateCaptureSession).
   */
  demo.post("/session", async (c) => {
    c.set("action", "CreateCaptureSession");
    const origin = new URL(c.req.url).origin;
    const caller = c.req.header("origin");
    if (caller !== undefined && caller !== origin) fail({ kind: "origin-not-allowed", origin: caller });
    const config = gatewayConfig(c.env);
    const partner = await demoPartner(new PartnerStore(c.env.PARTNERS, config.partnerKeySeed), origin);
    c.set("partnerId", partner.partnerId);
    c.set("principal", { type: "partner", id: partner.partnerId });
    const { token, claims } = await createSession({
      partner,
      principal: "partner",
      request: { origin },
      fields: REST_SESSION_FIELDS,
      seed: config.partnerKeySeed,
      nowSeconds: Math.floor(Date.now() / 1000),
    });
    return c.json({ sessionToken: token, expiresAt: new Date(claims.expiresAt * 1000).toISOString() }, 201);
  });

  return demo;
}

/** The active demo partner registering `origin`, created on first use. */
async function demoPartner(store: PartnerStore, origin: string): Promise<PartnerRecord> {
  const existing = (await store.list()).find(
    (partner) => partner.name === DEMO_PARTNER_NAME && !partner.revokedAt && partner.origins.includes(origin),
  );
  if (existing) return existing;
  return (await store.create({ name: DEMO_PARTNER_NAME, origins: [origin] })).record;
}
