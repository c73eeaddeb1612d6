/**
 * The webhook tables of the audit database (migrations/0002_webhooks.sql): each event as it was sent, for
 * redelivery, and each attempt to deliver one, for the operator and the partner. An attempt row holds its
 * outcome only: never the body, the receiver's answer or a secret.
 */
import type { DeliveryError, WebhookDelivery, WebhookEventType } from "../../shared/webhooks/events";
import { randomText } from "../partners/credentials";

/** A queued event: what the consumer needs to sign and send it without reading anything back. */
export interface WebhookMessage {
  webhookId: string;
  partnerId: string;
  type: WebhookEventType;
  /** The JSON body, signed and sent byte for byte. */
  payload: string;
}

export interface DeliveryAttempt {
  message: WebhookMessage;
  attempt: number;
  at: Date;
  status: number | null;
  latencyMs: number;
  error: DeliveryError | null;
}

interface DeliveryRow {
  delivery_id: string;
  webhook_id: string;
  event: WebhookEventType;
  attempt: number;
  at: string;
  status: number | null;
  latency_ms: number;
  error: DeliveryError | null;
}

const MAX_LISTED = 500;

export class DeliveryLog {
  readonly #db: D1Database;

  constructor(db: D1Database) {
    this.#db = db;
  }

  /** Keeps the events for redelivery, and forgets events and attempts older than `forgetBefore`. */
  async keepEvents(messages: readonly WebhookMessage[], now: Date, forgetBefore: Date): Promise<void> {
    const cutoff = forgetBefore.toISOString();
    await this.#db.batch([
      ...messages.map((message) =>
        this.#db
          .prepare(
            "INSERT OR IGNORE INTO webhook_events (webhook_id, partner_id, type, payload, created_at) VALUES (?, ?, ?, ?, ?)",
          )
          .bind(message.webhookId, message.partnerId, message.type, message.payload, now.toISOString()),
      ),
      this.#db.prepare("DELETE FROM webhook_events WHERE created_at < ?").bind(cutoff),
      this.#db.prepare("DELETE FROM webhook_deliveries WHERE at < ?").bind(cutoff),
    ]);
  }

  async record(attempt: DeliveryAttempt): Promise<string> {
    const deliveryId = `dlv_${randomText(20)}`;
    await this.#db
      .prepare(
        "INSERT INTO webhook_deliveries (delivery_id, webhook_id, partner_id, event, attempt, at, status, latency_ms, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
      )
      .bind(
        deliveryId,
        attempt.message.webhookId,
        attempt.message.partnerId,
        attempt.message.type,
        attempt.attempt,
        attempt.at.toISOString(),
        attempt.status,
        Math.round(attempt.latencyMs),
        attempt.error,
      )
      .run();
    return deliveryId;
  }

  /** The partner's delivery attempts, newest first. */
  async list(partnerId: string, limit = 100): Promise<WebhookDelivery[]> {
    const { results } = await this.#db
      .prepare(
        "SELECT delivery_id, webhook_id, event, attempt, at, status, latency_ms, error FROM webhook_deliveries WHERE partner_id = ? ORDER BY at DESC, attempt DESC LIMIT ?",
      )
      .bind(partnerId, Math.min(Math.max(1, Math.trunc(limit)), MAX_LISTED))
      .all<DeliveryRow>();
    return results.map((row) => ({
      deliveryId: row.delivery_id,
      webhookId: row.webhook_id,
      event: row.event,
      attempt: row.attempt,
      at: row.at,
      status: row.status,
      latencyMs: row.latency_ms,
      error: row.error,
    }));
  }

  /** The event a delivery attempt carried, while it is kept; undefined for an unknown delivery. */
  async eventOf(deliveryId: string): Promise<WebhookMessage | undefined> {
    const row = await this.#db
      .prepare(
        "SELECT e.webhook_id, e.partner_id, e.type, e.payload FROM webhook_deliveries d JOIN webhook_events e ON e.webhook_id = d.webhook_id WHERE d.delivery_id = ?",
      )
      .bind(deliveryId)
      .first<{ webhook_id: string; partner_id: string; type: WebhookEventType; payload: string }>();
    return row
      ? { webhookId: row.webhook_id, partnerId: row.partner_id, type: row.type, payload: row.payload }
      : undefined;
  }
}
