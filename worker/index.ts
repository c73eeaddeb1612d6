/** The FaceID Edge gateway Worker. */
import { createGateway } from "./app";

export { HandleOwner } from "./handles/handle-owner";
export { UpstreamQuota } from "./quota/upstream-quota";
export { CaptureSession } from "./sessions/capture-session";

const gateway = createGateway();

export default {
  fetch: gateway.fetch,
} satisfies ExportedHandler<Env>;
