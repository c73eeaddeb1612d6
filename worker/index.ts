/** The FaceID Edge gateway Worker, as deployed (wrangler.toml's main). */
import { createGateway } from "./app";

export { CaptureSession, HandleOwner, UpstreamQuota } from "./durable-objects";

const gateway = createGateway();

export default {
  fetch: gateway.fetch,
} satisfies ExportedHandler<Env>;
