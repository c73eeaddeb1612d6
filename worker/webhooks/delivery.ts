/**
 * One attempt to deliver one webhook event, as the Standard Webhooks specification describes it
 * (https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md): a POST of the
 * JSON body with `webhook-id`, `webhook-timestamp` and `webhook-signature` (`v1,<base64 HMAC-SHA256>` of
 * `id.timestamp.body`, one per signing secret during a rotation). The receiver's URL is checked again first
 * (endpoint-url.ts); a redirect is an answer, not followed; the attempt is bounded in time and reads at most a
 * few KB of the answer, so a receiver can neither hold the consumer nor fill its memory.
 */
import type { DeliveryError } from "../../shared/webhooks/events";
import { GATEWAY_VERSION } from "../version";
import type { DeliveryAttempt, WebhookMessage } from "./delivery-log";
import { checkWebhookUrl } from "./endpoint-url";
import { webhookSignature } from "./signature";
import type { WebhookStore } from "./webhook-store";

export interface DeliveryDeps {
  store: WebhookStore;
  allowLoopback: boolean;
  fetch: typeof fetch;
  clock: () => number;
  timeoutMs: number;
}

/** How much of a receiver's answer is read (and then dropped): enough to end the exchange cleanly. */
export const MAX_ANSWER_BYTES = 4096;

export async function deliverOnce(
  message: WebhookMessage,
  attempt: number,
  deps: DeliveryDeps,
): Promise<DeliveryAttempt> {
  const at = new Date(deps.clock());
  const outcome = (status: number | null, error: DeliveryError | null, latencyMs = 0): DeliveryAttempt => ({
    message,
    attempt,
    at,
    status,
    latencyMs,
    error,
  });
  const endpoint = await deps.store.get(message.partnerId);
  if (!endpoint) return outcome(null, "no_endpoint");
  const check = checkWebhookUrl(endpoint.url, { allowLoopback: deps.allowLoopback });
  if (!check.ok) return outcome(null, "url_refused");
  const timestamp = Math.floor(at.getTime() / 1000);
  const signature = await webhookSignature(
    await deps.store.signingSecrets(endpoint, at),
    message.webhookId,
    timestamp,
    message.payload,
  );
  const signal = AbortSignal.timeout(deps.timeoutMs);
  const started = deps.clock();
  try {
    const response = await deps.fetch(check.url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "user-agent": `FaceID-Edge-Webhooks/${GATEWAY_VERSION}`,
        "webhook-id": message.webhookId,
        "webhook-timestamp": String(timestamp),
        "webhook-signature": signature,
      },
      body: message.payload,
      redirect: "manual",
      signal,
    });
    await readAtMost(response, MAX_ANSWER_BYTES);
    const latency = deps.clock() - started;
    if (response.status >= 200 && response.status < 300) return outcome(response.status, null, latency);
    return outcome(
      response.status,
      response.status >= 300 && response.status < 400 ? "redirect" : "http_status",
      latency,
    );
  } catch (error) {
    const timedOut = signal.aborted || (error instanceof Error && error.name === "TimeoutError");
    return outcome(null, timedOut ? "timeout" : "network", deps.clock() - started);
  }
}

/** Reads up to `limit` bytes of the answer's body and cancels the rest. */
async function readAtMost(response: Response, limit: number): Promise<void> {
  const reader = response.body?.getReader();
  if (!reader) return;
  let read = 0;
  try {
    while (read < limit) {
      const { done, value } = await reader.read();
      if (done) return;
      read += value.byteLength;
    }
  } finally {
    await reader.cancel().catch(() => {});
  }
}
