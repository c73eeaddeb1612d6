/**
 * GET /openapi.json (the REST dialect's OpenAPI 3.1 document) and GET /docs (the same document as a page).
 * Both name the origin they were asked from as the server, so examples work as shown.
 */
import { Hono } from "hono";
import { REST_PATHS } from "../../shared/rest/api";
import type { GatewayEnv } from "../gateway-env";
import { openApiDocument } from "../rest/openapi";
import { renderDocsPage } from "./page";

/** The page needs nothing but its own inline styles. */
export const DOCS_CSP = "default-src 'none'; style-src 'unsafe-inline'";

export function docsRoutes(): Hono<GatewayEnv> {
  const docs = new Hono<GatewayEnv>();

  docs.get(REST_PATHS.openapi, (c) => c.json(openApiDocument(new URL(c.req.url).origin)));

  docs.get(REST_PATHS.docs, (c) => {
    const origin = new URL(c.req.url).origin;
    c.header("Content-Security-Policy", DOCS_CSP);
    c.header("X-Content-Type-Options", "nosniff");
    return c.html(renderDocsPage(openApiDocument(origin), origin));
  });

  return docs;
}
