import type { Context } from "hono";
import { fail } from "../errors/failure";
import type { GatewayEnv } from "../gateway-env";
import { readBoundedBody } from "../http/body";
import { parseJsonObject } from "../http/json-body";

const SMALL_JSON_BYTES = 16 * 1024;

/** A small JSON object body (sessions, tokens); an empty body is an empty object. */
export async function smallJson(c: Context<GatewayEnv>): Promise<object> {
  const bytes = await readBoundedBody(c.req.raw, SMALL_JSON_BYTES);
  if (bytes.byteLength === 0) return {};
  if (!/^application\/json\b/i.test(c.req.header("content-type") ?? "")) {
    fail({ kind: "unsupported-media-type", detail: "Send application/json." });
  }
  return parseJsonObject(bytes);
}
