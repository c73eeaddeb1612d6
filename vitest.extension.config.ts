// Unit tests of the browser extension's pure logic (protocol, timing, recording checks, remux, history, upload
// policy), in Node: the DOM-dependent parts are covered by the end-to-end suite in a real Chromium.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/extension/**/*.test.ts"],
    environment: "node",
    testTimeout: 20_000,
  },
});
