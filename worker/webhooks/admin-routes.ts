/**
 * The webhook part of the operator's admin API (mounted by partners/admin-routes.ts, behind its admin token):
 *
 *   PUT    /admin/partners/:partnerId/webhook             {url} → {url, secret}   (the secret shown only here)
 *   POST   /admin/partners/:partnerId/webhook/rotate      → {url, secret, previousRetiresAt}
 *   DELETE /admin/partners/:partnerId/webhook             → {removed: true}
 *   GET    /admin/partners/:partnerId/webhook/deliveries  ?limit= → {deliveries: WebhookDelivery[]}
 *   POST   /admin/partners/:partnerId/webhook/test        → 202 {webhookId}
 *   POST   /admin/webhook-deliveries/:deliveryId/redeliver → 202 {webhookId}
 */
import { Hono } from "hono";
import { fail } from "../errors/failure";
import { restErrorResponse } from "../errors/rest";
import type { GatewayEnv } from "../gateway-env";
import { DeliveryLog } from "./delivery-log";
import { enqueue, publishWebhookEvents } from "./publisher";
import { WebhookAdmin } from "./webhook-admin";
import { WebhookInputError, WebhookStore } from "./webhook-store";

export function webhookAdminRoutes() {
  const routes = new Hono<GatewayEnv>();
  const adminOf = (c: { env: Env; var: GatewayEnv["Variables"] }) => {
    const { config, partners } = c.var.services;
    return new WebhookAdmin({
      partners,
      webhooks: new WebhookStore(c.env.PARTNERS, config.partnerKeySeed),
      deliveries: new DeliveryLog(c.env.AUDIT_DB),
      allowLoopback: config.webhooks.allowLoopback,
    });
  };

  routes.put("/partners/:partnerId/webhook", async (c) => {
    const input = (await c.req.json().catch(() => null)) as { url?: unknown } | null;
    if (typeof input?.url !== "string") fail({ kind: "invalid-body", detail: "Expected {url: string}." });
    return c.json(await operatorInput(adminOf(c).set(c.req.param("partnerId"), input.url)));
  });

  routes.post("/partners/:partnerId/webhook/rotate", async (c) =>
    c.json(await operatorInput(adminOf(c).rotate(c.req.param("partnerId")))),
  );

  routes.delete("/partners/:partnerId/webhook", async (c) => {
    if (!(await adminOf(c).remove(c.req.param("partnerId")))) {
      return restErrorResponse({ code: "not_found", message: "No such webhook." }, c.get("requestId"));
    }
    return c.json({ removed: true });
  });

  routes.get("/partners/:partnerId/webhook/deliveries", async (c) => {
    const limit = Number(c.req.query("limit") ?? 100);
    const deliveries = await adminOf(c).deliveries(
      c.req.param("partnerId"),
      Number.isFinite(limit) ? limit : 100,
    );
    return c.json({ deliveries });
  });

  routes.post("/partners/:partnerId/webhook/test", async (c) => {
    const { partnerId } = await operatorInput(adminOf(c).activePartner(c.req.param("partnerId")));
    const [queued] = await publishWebhookEvents(c.env, partnerId, [
      { type: "webhook.test", data: { partnerId } },
    ]);
    if (!queued) fail({ kind: "invalid-body", detail: `partner ${partnerId} has no webhook` });
    return c.json({ webhookId: queued.webhookId }, 202);
  });

  routes.post("/webhook-deliveries/:deliveryId/redeliver", async (c) => {
    const message = await new DeliveryLog(c.env.AUDIT_DB).eventOf(c.req.param("deliveryId"));
    if (!message) {
      return restErrorResponse(
        { code: "not_found", message: "No such delivery (or its event is no longer kept)." },
        c.get("requestId"),
      );
    }
    await enqueue(c.env, [message]);
    return c.json({ webhookId: message.webhookId }, 202);
  });

  return routes;
}

/** The operator's input refused (a bad URL, an unknown partner): answered as the request's own mistake. */
async function operatorInput<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof WebhookInputError) fail({ kind: "invalid-body", detail: error.message });
    throw error;
  }
}
