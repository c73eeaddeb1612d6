/**
 * GET /openapi.json (the REST dialect's OpenAPI 3.1 document) and GET /docs (the same document as a page).
 * Both name the origin they were asked from as the server, so examples work as shown.
 */
import { Hono } from "hono";
import { REST_PATHS } from "../../shared/rest/api";
import type { GatewayEnv } from "../gateway-env";
import type { OpenApiDocument } from "../rest/openapi";
import { renderDocsPage } from "./page";

/** The page needs nothing but its own inline styles. */
export const DOCS_CSP = "default-src 'none'; style-src 'unsafe-inline'";

/** `document` gives the OpenAPI document naming a server URL (rest/openapi.ts's `openApiDocument`). */
export function docsRoutes(document: (serverUrl: string) => Promise<OpenApiDocument>): Hono<GatewayEnv> {
  const docs = new Hono<GatewayEnv>();

  docs.get(REST_PATHS.openapi, async (c) => c.json(await document(new URL(c.req.url).origin)));

  docs.get(REST_PATHS.docs, async (c) => {
    const origin = new URL(c.req.url).origin;
    c.header("Content-Security-Policy", DOCS_CSP);
    c.header("X-Content-Type-Options", "nosniff");
    return c.html(renderDocsPage(await document(origin), origin));
  });

  return docs;
}
