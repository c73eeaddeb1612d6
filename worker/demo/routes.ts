/**
 * The demo partner page (local development only: mounted at /demo by the development entry that `npm start`
 * runs, dev-entry.ts, and absent from the deployed Worker's bundle): the page, its script, and a
 * development-only way to mint a session token without partner credentials, for the page at `DEV_ORIGIN` only
 * and on behalf of the demo partner `npm start` provisioned (`DEMO_PARTNER_ID`).
 */
import { Hono } from "hono";
import { fail } from "../errors/failure";
import type { GatewayEnv } from "../gateway-env";
import { createSession, REST_SESSION_FIELDS } from "../sessions/create-session";
import { GATEWAY_VERSION } from "../version";
import { DEMO_APP_SCRIPT } from "./app-script";
import { demoPage } from "./page";

export const DEMO_BASE_PATH = "/demo";
const DEMO_SESSION_PATH = `${DEMO_BASE_PATH}/session`;
/** The name of the partner `npm start` provisions for the demo page (scripts/demo-partner.mjs). */
export const DEMO_PARTNER_NAME = "Local demo partner";

/**
 * Own scripts only (the web component is the gateway's own /sdk/ asset) and own frames (its face detector);
 * the best frame arrives as a data: URL, the previews of the chosen files as blob: URLs.
 */
export const DEMO_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'unsafe-inline'",
  "img-src data: blob:",
  "media-src blob:",
  "connect-src 'self'",
  // The face detector's page, served beside the component, runs in a frame of this origin.
  "frame-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

export interface DemoDeps {
  /** Unix time in milliseconds: the gateway's clock. */
  clock: () => number;
}

export function demoRoutes(deps: DemoDeps): Hono<GatewayEnv> {
  const demo = new Hono<GatewayEnv>();

  demo.get("/", (c) => {
    c.header("Content-Security-Policy", DEMO_CSP);
    c.header("X-Content-Type-Options", "nosniff");
    return c.html(
      demoPage({
        script: `${DEMO_BASE_PATH}/app.js`,
        session: DEMO_SESSION_PATH,
        // A static asset of this same origin (scripts/build-sdk.mjs), so no integrity: the page trusts its own.
        component: `/sdk/${GATEWAY_VERSION}/capture.js`,
      }),
    );
  });

  demo.get("/app.js", (c) =>
    c.body(DEMO_APP_SCRIPT, 200, {
      "Content-Type": "text/javascript; charset=utf-8",
      "X-Content-Type-Options": "nosniff",
    }),
  );

  /**
   * Development only: a session token for the demo page, on behalf of the demo partner that the local stack
   * provisioned before the gateway started (`DEMO_PARTNER_ID`, registering `DEV_ORIGIN`). The origin comes from
   * configuration, never from the request: the page's `Origin` must be `DEV_ORIGIN` exactly (a same-origin
   * POST always carries it), so a page reaching this gateway under another name (DNS rebinding, a forged
   * `Host`) gets nothing. Nothing is written here. A partner's real page gets its token from its backend
   * (CreateCaptureSession).
   */
  demo.post("/session", async (c) => {
    c.set("action", "CreateCaptureSession");
    // Without DEV_ORIGIN and DEMO_PARTNER_ID (npm start sets both) there is no demo session to mint.
    const { config, partners } = c.var.services;
    const setup = config.demo;
    if (!setup) return fail({ kind: "not-found" });
    const caller = c.req.header("origin");
    if (caller !== setup.origin) fail({ kind: "origin-not-allowed", origin: caller ?? "(none)" });
    const partner = await partners.getByPartnerId(setup.partnerId);
    // Restarting npm start provisions it again.
    if (!partner || partner.revokedAt || !partner.origins.includes(setup.origin)) fail({ kind: "not-found" });
    c.set("partnerId", partner.partnerId);
    c.set("principal", { type: "partner", id: partner.partnerId });
    const { token, claims } = await createSession({
      env: c.env,
      retentionSeconds: config.sessionRetentionSeconds,
      partner,
      principal: "partner",
      request: { origin: setup.origin },
      fields: REST_SESSION_FIELDS,
      seed: config.partnerKeySeed,
      nowSeconds: Math.floor(deps.clock() / 1000),
    });
    return c.json({ sessionToken: token, expiresAt: new Date(claims.expiresAt * 1000).toISOString() }, 201);
  });

  return demo;
}
