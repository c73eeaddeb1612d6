// Tests that run in Node: the official Tencent SDKs against our signer and against the running local stack.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/node/**/*.test.ts"],
    testTimeout: 60_000,
    // One file at a time: several files start whole local stacks, whose ports come from freePort() and are bound
    // only later, while each wrangler's workerd also takes ephemeral ports of its own; in parallel, one stack's
    // workerd could take the port another was about to bind, and that stack's calls reach the wrong server.
    fileParallelism: false,
    hookTimeout: 120_000,
  },
});
