/**
 * What one verification spends on Cloudflare, and what a million cost. A verification here is the REST
 * dialect's whole flow for a partner with an agent key and a webhook endpoint, passing on its first attempt:
 *
 *   1. POST /v1/sessions              the partner's backend opens a capture session (worker/rest/routes.ts)
 *   2. POST /v1/liveness/compare      the browser uploads the video and photo; CompareFaceLiveness at Tencent
 *   3. GET  /v1/sessions/:sessionId   the partner's backend confirms the verdict
 *   and the two webhook events the attempt queues (capture.verdict, capture.completed), delivered by the
 *   queue consumer (worker/webhooks/queue-consumer.ts).
 *
 * Only the quota's calls differ between the designs: they come from the simulation. Every other count is read
 * from worker/ and noted where it comes from. Counts are upper bounds where a cache may save the operation.
 */
import { CLOUDFLARE_PRICES, DURABLE_OBJECT_GB, type PricedItem } from "./cloudflare-prices";
import type { CpuFigures } from "./measured-cpu";

/** The three requests of the flow above. The queue consumer's invocations are batched and not counted. */
export const WORKER_REQUESTS = 3;

/**
 * KV reads, at most (each may be a hit in the isolate's memo of partner records, worker/partners/read-memo.ts,
 * or KV's edge cache, `cacheTtl` 60 s for agent keys):
 * - POST /v1/sessions: the agent key (worker/sessions/agent-keys.ts `check`) and the partner
 *   (worker/rest/routes.ts `authoriseAgent`): 2;
 * - compare: the partner, and the agent key the session was opened with (worker/rest/session-auth.ts
 *   `authoriseSession`): 2, then the partner's webhook endpoint when the attempt is recorded
 *   (worker/webhooks/publisher.ts `publishWebhookEvents`): 1;
 * - the queue consumer: the endpoint again for each of the 2 events (queue-consumer.ts): 2;
 * - GET /v1/sessions/:id: the agent key and the partner: 2.
 */
export const KV_READS = 2 + 2 + 1 + 2 + 2;

/**
 * D1 rows written:
 * - one audit row per request (worker/http/audit-trail.ts on every route of worker/app.ts): 3;
 * - the two events kept for redelivery (worker/webhooks/delivery-log.ts `keepEvents`: one INSERT each), and
 *   their deletion when they pass the retention (the same batch's DELETE, a written row each): 4;
 * - one delivery row per event (delivery-log.ts `record`) and its deletion later: 4.
 */
export const D1_ROWS_WRITTEN = 3 + 4 + 4;

/**
 * Queue operations: the two events, each under 64 KB, written, read and deleted once (3 operations each,
 * Cloudflare's own estimate for a delivered message) when the partner's endpoint accepts the first attempt.
 */
export const QUEUE_OPERATIONS = 2 * 3;

/**
 * Durable Object requests other than the quota's, to the session's object (worker/sessions/capture-session.ts):
 * `open` (create-session.ts), `consumeAttempt` (session-auth.ts `spendAttempt`), `recordAttempt`
 * (routes.ts, after the answer), `describe` (describe-session.ts), and its two alarms (at the session's
 * expiry, then to forget it: `alarm` sets the second): 6.
 */
export const SESSION_OBJECT_REQUESTS = 4 + 2;

/**
 * How long each call keeps the session's object active: an assumption, not measured (a storage write and a
 * few ms of work). It costs little either way: 6 calls × 10 ms × 128 MB = 0.0075 GB-s.
 */
export const SESSION_OBJECT_CALL_MS = 10;

/** What the quota costs a verification in each design, from the simulation. */
export interface QuotaUsage {
  /** Calls to the quota object per verification forwarded to Tencent. */
  callsPerVerification: number;
  /** The quota object's active time per verification forwarded. */
  activeMsPerVerification: number;
}

export type Usage = Record<PricedItem, number>;

/** What one verification spends, in each priced unit. */
export function usagePerVerification(quota: QuotaUsage, cpu: CpuFigures): Usage {
  const sessionObjectSeconds = (SESSION_OBJECT_REQUESTS * SESSION_OBJECT_CALL_MS) / 1000;
  return {
    workerRequest: WORKER_REQUESTS,
    // Two small requests (open, confirm) and the compare upload.
    workerCpuMs: 2 * cpu.smallRequestMs + cpu.compareUploadMs,
    durableObjectRequest: SESSION_OBJECT_REQUESTS + quota.callsPerVerification,
    durableObjectGbSecond: (sessionObjectSeconds + quota.activeMsPerVerification / 1000) * DURABLE_OBJECT_GB,
    d1RowWritten: D1_ROWS_WRITTEN,
    kvRead: KV_READS,
    queueOperation: QUEUE_OPERATIONS,
  };
}

export interface CostLine {
  item: PricedItem;
  perVerification: number;
  usdPerMillion: number;
}

/** Each item's cost of a million verifications, at the marginal price, and their total. */
export function costPerMillion(usage: Usage): { lines: CostLine[]; totalUsd: number } {
  const lines = (Object.keys(usage) as PricedItem[]).map((item) => {
    const price = CLOUDFLARE_PRICES[item];
    return {
      item,
      perVerification: usage[item],
      usdPerMillion: (usage[item] * 1_000_000 * price.usd) / price.unitsPer,
    };
  });
  return { lines, totalUsd: lines.reduce((sum, line) => sum + line.usdPerMillion, 0) };
}
