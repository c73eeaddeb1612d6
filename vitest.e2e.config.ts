// End-to-end tests of the browser extension: a real headless Chromium (CHROMIUM_PATH, default Debian's
// /usr/bin/chromium) and Firefox ESR (FIREFOX_PATH, default /usr/bin/firefox-esr) with the built extension and a
// fake camera, against the real local stack on loopback.
// One file, one worker: a browser and two wrangler processes are already plenty for a 2-core machine.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/e2e/**/*.e2e.test.ts"],
    environment: "node",
    globalSetup: ["test/e2e/global-setup.ts"],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 240_000,
    teardownTimeout: 60_000,
  },
});
