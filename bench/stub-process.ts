/**
 * The FaceID stub in its own process, so its hashing does not share an event loop with the load generator:
 * `tsx bench/stub-process.ts` prints {"port":N}; control it over HTTP (`/__stub/...`).
 *
 * Its ApplyLivenessToken always hands out SMALL_SDK_TOKEN: each gateway's partner obtains that token through
 * its gateway at setup (so the gateway lets reads by it through), and the small workload's one body, which
 * every system sends, reads by it.
 */
import { startFaceIdStub } from "../test/resilience/support/faceid-stub";
import { SMALL_SDK_TOKEN } from "./payloads";

const stub = await startFaceIdStub({ sdkToken: SMALL_SDK_TOKEN });
process.stdout.write(`${JSON.stringify({ port: stub.port })}\n`);
process.on("SIGTERM", () => {
  stub.close().then(() => process.exit(0));
});
