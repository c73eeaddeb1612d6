/** The FaceID Edge gateway Worker. */
import { createGateway } from "./app";

const gateway = createGateway();

export default {
  fetch: gateway.fetch,
} satisfies ExportedHandler<Env>;
