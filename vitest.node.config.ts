// Tests that run in Node: the official Tencent SDKs against our signer and against the running local stack.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/node/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
