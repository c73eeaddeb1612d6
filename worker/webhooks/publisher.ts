/**
 * Turns what happened to a capture session into webhook events for its partner and queues them
 * (WEBHOOKS, consumed by this same Worker: queue-consumer.ts). Called after the answer has gone, by the
 * session's Durable Object when an attempt is recorded, when it is revoked and when it expires, so no partner
 * endpoint can ever delay a verdict. A partner without an endpoint gets nothing queued.
 */
import type { WebhookEvent } from "../../shared/webhooks/events";
import { gatewayConfig } from "../config";
import { randomText } from "../partners/credentials";
import { DeliveryLog, type WebhookMessage } from "./delivery-log";
import { WebhookStore } from "./webhook-store";

type EventOf<T extends WebhookEvent["type"]> = Extract<WebhookEvent, { type: T }>;
/** An event before it is stamped. */
export type PendingEvent = {
  [T in WebhookEvent["type"]]: Omit<EventOf<T>, "timestamp">;
}[WebhookEvent["type"]];

/** Queues `events` for the partner's endpoint, if it has one; returns what was queued. */
export async function publishWebhookEvents(
  env: Env,
  partnerId: string,
  events: readonly PendingEvent[],
  now = new Date(),
): Promise<WebhookMessage[]> {
  return sendWebhookMessages(env, partnerId, stampWebhookEvents(partnerId, events, now), now);
}

/** The events as they will be sent: each with its own `webhook-id` and the time it happened. */
export function stampWebhookEvents(
  partnerId: string,
  events: readonly PendingEvent[],
  now: Date,
): WebhookMessage[] {
  return events.map((event) => ({
    webhookId: `msg_${randomText(24)}`,
    partnerId,
    type: event.type,
    payload: JSON.stringify({ type: event.type, timestamp: now.toISOString(), data: event.data }),
  }));
}

/**
 * Keeps and queues stamped events for the partner's endpoint, if it has one; returns what was queued. Sending
 * the same messages again keeps each once (by its `webhook-id`), and a receiver told twice sees the same
 * `webhook-id`, which Standard Webhooks receivers deduplicate on.
 */
export async function sendWebhookMessages(
  env: Env,
  partnerId: string,
  messages: readonly WebhookMessage[],
  now = new Date(),
): Promise<WebhookMessage[]> {
  if (messages.length === 0) return [];
  const config = gatewayConfig(env);
  const endpoint = await new WebhookStore(env.PARTNERS, config.partnerKeySeed).get(partnerId);
  if (!endpoint) return [];
  const forgetBefore = new Date(now.getTime() - config.sessionRetentionSeconds * 1000);
  await new DeliveryLog(env.AUDIT_DB).keepEvents(messages, now, forgetBefore);
  await enqueue(env, messages);
  return [...messages];
}

/** Queues events already kept (a redelivery, a test event's first send), with their own `webhook-id`s. */
export async function enqueue(env: Env, messages: readonly WebhookMessage[]): Promise<void> {
  await env.WEBHOOKS.sendBatch(messages.map((body) => ({ body, contentType: "json" })));
}
