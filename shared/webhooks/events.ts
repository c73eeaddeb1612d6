/**
 * What a partner's webhook endpoint receives (README, "Confirming a verdict on your backend"): one event per
 * message, signed as the Standard Webhooks specification says (https://www.standardwebhooks.com/), so the
 * `standardwebhooks` package verifies it. `webhook-id` stays the same across retries and redeliveries:
 * receivers dedupe on it.
 */
import type { CompareResult, SessionResponse } from "../rest/api";

export const WEBHOOK_EVENT_TYPES = ["capture.verdict", "capture.completed", "webhook.test"] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** One verification made with a session, as its verdict (capture.verdict) or its last one (capture.completed). */
export interface CaptureEventData {
  sessionId: string;
  externalId: string | null;
  /** Which attempt of the session this was, from 1; 0 in a capture.completed of a session with none. */
  attempt: number;
  passed: boolean;
  /** Tencent's result code, or the gateway's error code when Tencent gave no verdict; null with no attempt. */
  result: string | null;
  similarity: number | null;
  tencentRequestId: string | null;
  /** The signed verdict the page received (CompareResult's verdictToken); null when there was no verdict. */
  verdictToken: CompareResult["verdictToken"] | null;
}

/** capture.completed adds how the session ended. */
export interface CaptureCompletedData extends CaptureEventData {
  status: Exclude<SessionResponse["status"], "pending">;
}

export type WebhookEvent =
  | { type: "capture.verdict"; timestamp: string; data: CaptureEventData }
  | { type: "capture.completed"; timestamp: string; data: CaptureCompletedData }
  /** `npm run partner -- webhook test`: never a verdict, so a receiver can't mistake it for one. */
  | { type: "webhook.test"; timestamp: string; data: { partnerId: string } };

/** Why a delivery attempt was not accepted (null: the receiver answered 2xx). */
export type DeliveryError =
  | "http_status"
  | "redirect"
  | "timeout"
  | "network"
  | "url_refused"
  | "no_endpoint";

/** One delivery attempt as `npm run partner -- webhook deliveries --json` lists it. */
export interface WebhookDelivery {
  deliveryId: string;
  webhookId: string;
  event: WebhookEventType;
  /** 1 for the first attempt; retries count up. */
  attempt: number;
  /** ISO 8601. */
  at: string;
  /** The receiver's HTTP status; null when there was no answer. */
  status: number | null;
  latencyMs: number;
  error: DeliveryError | null;
}
