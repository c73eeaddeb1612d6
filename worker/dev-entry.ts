/**
 * The gateway as `npm start` runs it (`wrangler dev worker/dev-entry.ts`): the deployed gateway plus the demo
 * partner page at /demo. Never deployed: wrangler.toml's main is index.ts, so /demo and its credential-free
 * session path are not in the deployed bundle at all.
 */
import { createGateway } from "./app";
import { DEMO_BASE_PATH, demoRoutes } from "./demo/routes";
import type { WebhookMessage } from "./webhooks/delivery-log";
import { consumeWebhooks } from "./webhooks/queue-consumer";

export { CaptureSession, HandleOwner, HandoffLink, UpstreamQuota } from "./durable-objects";

const gateway = createGateway({
  routes: (app, { clock }) => app.route(DEMO_BASE_PATH, demoRoutes({ clock })),
});

export default {
  fetch: gateway.fetch,
  // The webhook queue (wrangler.toml [[queues.consumers]]): partners' event deliveries.
  queue: (batch, env) => consumeWebhooks(batch, env),
} satisfies ExportedHandler<Env, WebhookMessage>;
