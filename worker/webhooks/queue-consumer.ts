/**
 * The webhook queue's consumer, in the gateway's own Worker (wrangler.toml [[queues.consumers]]): each message
 * is one event for one partner. Every attempt is recorded; a refused attempt is retried after the next delay of
 * WEBHOOK_RETRY_SCHEDULE, and when the schedule is spent the event goes to the dead-letter queue. An event whose
 * partner no longer has an endpoint, or whose URL is refused, is not retried: waiting would not change that.
 */
import { gatewayConfig } from "../config";
import { deliverOnce } from "./delivery";
import { DeliveryLog, type WebhookMessage } from "./delivery-log";
import { WebhookStore } from "./webhook-store";

export interface ConsumerDeps {
  fetch?: typeof fetch;
  clock?: () => number;
}

/** Each attempt's bound (Standard Webhooks suggests receivers answer within a few seconds). */
const DELIVERY_TIMEOUT_MS = 10_000;

export async function consumeWebhooks(
  batch: MessageBatch<WebhookMessage>,
  env: Env,
  deps: ConsumerDeps = {},
): Promise<void> {
  const config = gatewayConfig(env);
  const store = new WebhookStore(env.PARTNERS, config.partnerKeySeed);
  const log = new DeliveryLog(env.AUDIT_DB);
  const schedule = config.webhooks.retryDelaysSeconds;
  await Promise.all(
    batch.messages.map(async (message) => {
      const retryOrGiveUp = async () => {
        const delaySeconds = schedule[message.attempts - 1];
        if (delaySeconds !== undefined) return message.retry({ delaySeconds });
        await env.WEBHOOK_DEAD_LETTERS.send(message.body, { contentType: "json" });
        message.ack();
      };
      try {
        const attempt = await deliverOnce(message.body, message.attempts, {
          store,
          allowLoopback: config.webhooks.allowLoopback,
          // Called unbound, as the global fetch must not be (it is workerd's, bound to the global scope).
          fetch: deps.fetch ?? ((input, init) => fetch(input, init)),
          clock: deps.clock ?? Date.now,
          timeoutMs: DELIVERY_TIMEOUT_MS,
        });
        await log.record(attempt);
        if (attempt.error === null || attempt.error === "no_endpoint" || attempt.error === "url_refused") {
          message.ack();
        } else {
          await retryOrGiveUp();
        }
      } catch (error) {
        // The record or the queue failed, not the receiver: try again on the schedule. Never the body or a secret.
        console.error(
          JSON.stringify({
            error: "webhook delivery failed",
            webhookId: message.body.webhookId,
            name: (error as Error).name,
          }),
        );
        await retryOrGiveUp().catch(() => message.retry());
      }
    }),
  );
}
