/**
 * The FaceID stub in its own process, so its hashing does not share an event loop with the load generator:
 * `tsx bench/stub-process.ts` prints {"port":N}; control it over HTTP (`/__stub/...`).
 */
import { startFaceIdStub } from "../test/resilience/support/faceid-stub";

const stub = await startFaceIdStub();
process.stdout.write(`${JSON.stringify({ port: stub.port })}\n`);
process.on("SIGTERM", () => {
  stub.close().then(() => process.exit(0));
});
