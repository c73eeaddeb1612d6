// The resilience suite, in Node: the gateway under workerd (wrangler dev) against a FaceID stub that hangs,
// fails, resets, garbles and trickles on demand. One file at a time: each runs its own stack and loads it.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/resilience/**/*.test.ts"],
    environment: "node",
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
});
