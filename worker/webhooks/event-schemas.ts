/**
 * The webhook events' bodies as zod schemas, for the OpenAPI document's `webhooks` (rest/openapi.ts) and the
 * docs page; the gateway builds the events from their types (shared/webhooks/events.ts), which these must
 * describe (the assignment checks at the end hold them together).
 */
import * as z from "zod";
import type { WebhookEvent } from "../../shared/webhooks/events";

const CaptureEventDataSchema = z.object({
  sessionId: z.uuid().describe("The session (CreateCaptureSession's SessionId)."),
  externalId: z.string().nullable().describe("The ExternalId you gave the session."),
  attempt: z.int().min(0).describe("Which attempt of the session, from 1 (0: a session ended without one)."),
  passed: z.boolean().describe("True only for Tencent's Success."),
  result: z
    .string()
    .nullable()
    .describe("Tencent's result code, or the gateway's error code when Tencent gave no verdict."),
  similarity: z.number().min(0).max(100).nullable(),
  tencentRequestId: z.string().nullable(),
  verdictToken: z
    .string()
    .nullable()
    .describe("The signed verdict the page received (CompareResult's verdictToken); null without a verdict."),
});

const timestamp = z.iso.datetime().describe("When the event happened.");

export const CaptureVerdictEventSchema = z
  .object({ type: z.literal("capture.verdict"), timestamp, data: CaptureEventDataSchema })
  .describe("One verification made with a capture session.")
  .meta({ id: "CaptureVerdictEvent" });

export const CaptureCompletedEventSchema = z
  .object({
    type: z.literal("capture.completed"),
    timestamp,
    data: CaptureEventDataSchema.extend({
      status: z
        .enum(["passed", "failed", "expired", "revoked"])
        .describe("How the session ended; the other fields are of the verification that ended it."),
    }),
  })
  .describe("A capture session stopped being pending: sent once per session.")
  .meta({ id: "CaptureCompletedEvent" });

export const WebhookTestEventSchema = z
  .object({ type: z.literal("webhook.test"), timestamp, data: z.object({ partnerId: z.string() }) })
  .describe("Sent by `npm run partner -- webhook test`; never a verdict.")
  .meta({ id: "WebhookTestEvent" });

export const WEBHOOK_EVENT_SCHEMAS = [
  CaptureVerdictEventSchema,
  CaptureCompletedEventSchema,
  WebhookTestEventSchema,
] as const;

// Every event the gateway sends is one these describe, and each described body is an event: a compile-time check.
type Described = z.output<(typeof WEBHOOK_EVENT_SCHEMAS)[number]>;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Holds<T extends true> = T;
export type EventSchemasDescribeEvents = Holds<Same<Described, WebhookEvent>>;
