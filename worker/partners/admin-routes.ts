/**
 * The operator's admin API, used by `npm run partner -- --remote`: create, list and revoke partners and agent
 * keys, and manage partners' webhooks (webhooks/admin-routes.ts).
 * Authorised by `Authorization: Bearer <ADMIN_TOKEN>`; absent ADMIN_TOKEN disables it entirely.
 */
import { Hono } from "hono";
import { restErrorResponse } from "../errors/rest";
import type { GatewayEnv } from "../gateway-env";
import type { AgentKeyRecord } from "../sessions/agent-keys";
import { timingSafeEqual } from "../tc3/digest";
import { webhookAdminRoutes } from "../webhooks/admin-routes";
import { type PartnerChanges, PartnerInputError, type PartnerRecord } from "./store";

export function adminRoutes() {
  const admin = new Hono<GatewayEnv>();

  admin.use(async function requireAdmin(c, next) {
    const token = c.var.services.config.adminToken;
    if (!token)
      return restErrorResponse({ code: "not_found", message: "No such endpoint." }, c.get("requestId"));
    const presented = c.req.header("authorization")?.replace(/^Bearer /, "") ?? "";
    if (!timingSafeEqual(presented, token)) {
      return restErrorResponse(
        { code: "unauthorized", message: "Admin token required." },
        c.get("requestId"),
      );
    }
    await next();
  });

  admin.post("/partners", async (c) => {
    const input = (await c.req.json().catch(() => null)) as {
      name?: unknown;
      actions?: unknown;
      origins?: unknown;
      redirectUrls?: unknown;
      ratePerSecond?: unknown;
      weight?: unknown;
    } | null;
    if (
      !input ||
      typeof input.name !== "string" ||
      !isStringList(input.actions) ||
      !isStringList(input.origins) ||
      !isStringList(input.redirectUrls) ||
      !isOptionalNumber(input.ratePerSecond) ||
      !isOptionalNumber(input.weight)
    ) {
      return invalid(
        c.get("requestId"),
        "Expected {name: string, actions?: string[], origins?: string[], redirectUrls?: string[], ratePerSecond?: number, weight?: number}.",
      );
    }
    try {
      const { record, secretKey } = await c.var.services.partners.create({
        name: input.name,
        actions: input.actions ?? [],
        origins: input.origins ?? [],
        redirectUrls: input.redirectUrls ?? [],
        ...(input.ratePerSecond !== undefined ? { ratePerSecond: input.ratePerSecond } : {}),
        ...(input.weight !== undefined ? { weight: input.weight } : {}),
      });
      return c.json({ partnerId: record.partnerId, secretId: record.secretId, secretKey }, 201);
    } catch (error) {
      if (error instanceof PartnerInputError) return invalid(c.get("requestId"), error.message);
      throw error;
    }
  });

  admin.patch("/partners/:partnerId", async (c) => {
    const input = (await c.req.json().catch(() => null)) as Record<string, unknown> | null;
    const lists = ["actions", "origins", "redirectUrls"] as const;
    const numbers = ["ratePerSecond", "weight"] as const;
    if (
      !input ||
      Object.keys(input).some(
        (key) => !(lists as readonly string[]).includes(key) && !(numbers as readonly string[]).includes(key),
      ) ||
      lists.some((key) => !isStringList(input[key])) ||
      numbers.some((key) => !isOptionalNumber(input[key]))
    ) {
      return invalid(
        c.get("requestId"),
        "Expected {actions?: string[], origins?: string[], redirectUrls?: string[], ratePerSecond?: number, weight?: number}.",
      );
    }
    try {
      const updated = await c.var.services.partners.update(c.req.param("partnerId"), input as PartnerChanges);
      if (!updated)
        return restErrorResponse(
          { code: "not_found", message: "No active partner with that id." },
          c.get("requestId"),
        );
      return c.json(publicView(updated));
    } catch (error) {
      if (error instanceof PartnerInputError) return invalid(c.get("requestId"), error.message);
      throw error;
    }
  });

  admin.get("/partners", async (c) =>
    c.json({ partners: (await c.var.services.partners.list()).map(publicView) }),
  );

  admin.delete("/partners/:secretId", async (c) => {
    const revoked = await c.var.services.partners.revoke(c.req.param("secretId"));
    if (!revoked)
      return restErrorResponse({ code: "not_found", message: "No such SecretId." }, c.get("requestId"));
    return c.json({ revoked: true });
  });

  admin.post("/agent-keys", async (c) => {
    const input = (await c.req.json().catch(() => null)) as { partnerId?: unknown; name?: unknown } | null;
    if (
      !input ||
      typeof input.partnerId !== "string" ||
      typeof input.name !== "string" ||
      !input.name.trim()
    ) {
      return invalid(c.get("requestId"), "Expected {partnerId: string, name: string}.");
    }
    const partner = await c.var.services.partners.getByPartnerId(input.partnerId);
    if (!partner || partner.revokedAt) return invalid(c.get("requestId"), "No active partner with that id.");
    const { agentKey, record } = await c.var.services.agentKeys.create(partner.partnerId, input.name);
    return c.json({ agentKey, keyId: record.keyId }, 201);
  });

  admin.get("/agent-keys", async (c) => {
    const keys = await c.var.services.agentKeys.list(c.req.query("partnerId"));
    return c.json({ agentKeys: keys.map(agentKeyView) });
  });

  admin.delete("/agent-keys/:keyId", async (c) => {
    const revoked = await c.var.services.agentKeys.revoke(c.req.param("keyId"));
    if (!revoked)
      return restErrorResponse({ code: "not_found", message: "No such agent key." }, c.get("requestId"));
    return c.json({ revoked: true });
  });

  admin.route("/", webhookAdminRoutes());

  return admin;
}

/** An agent key as the operator sees it: never the key or its hash. */
export function agentKeyView({ keyHash: _hash, ...record }: AgentKeyRecord) {
  return { ...record, revokedAt: record.revokedAt ?? null };
}

/** What an operator may see of a partner: everything but a secret (there is none stored). */
export function publicView(record: PartnerRecord) {
  return { ...record, revokedAt: record.revokedAt ?? null };
}

function isStringList(value: unknown): value is string[] | undefined {
  return value === undefined || (Array.isArray(value) && value.every((item) => typeof item === "string"));
}

function isOptionalNumber(value: unknown): value is number | undefined {
  return value === undefined || typeof value === "number";
}

function invalid(requestId: string, message: string) {
  return restErrorResponse({ code: "invalid_request", message }, requestId);
}
