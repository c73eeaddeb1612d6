/** The FaceID Edge gateway Worker, as deployed (wrangler.toml's main). */
import { createGateway } from "./app";
import type { WebhookMessage } from "./webhooks/delivery-log";
import { consumeWebhooks } from "./webhooks/queue-consumer";

export { CaptureSession, HandleOwner, HandoffLink, UpstreamQuota } from "./durable-objects";

const gateway = createGateway();

export default {
  fetch: gateway.fetch,
  // The webhook queue (wrangler.toml [[queues.consumers]]): partners' event deliveries.
  queue: (batch, env) => consumeWebhooks(batch, env),
} satisfies ExportedHandler<Env, WebhookMessage>;
