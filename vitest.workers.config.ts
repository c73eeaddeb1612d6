// Tests that run inside workerd (Miniflare) with the gateway's real bindings: signer, verifier, gateway, sandbox.
import { cloudflareTest } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

/** Test-only values, so the suite never depends on a developer's .dev.vars. */
const TEST_BINDINGS = {
  TENCENT_SECRET_ID: "AKIDgatewayTestUpstream000000000000",
  TENCENT_SECRET_KEY: "gateway-test-upstream-secret-key",
  TENCENT_ENDPOINT: "https://faceid.intl.tencentcloudapi.com",
  PARTNER_KEY_SEED: "test-partner-seed-0123456789abcdef0123456789",
  ADMIN_TOKEN: "test-admin-token",
};

export default defineConfig({
  plugins: [
    cloudflareTest({
      wrangler: { configPath: "./wrangler.toml" },
      miniflare: { bindings: TEST_BINDINGS },
    }),
  ],
  test: {
    include: ["test/worker/**/*.test.ts", "test/sandbox/**/*.test.ts", "test/shared/**/*.test.ts"],
  },
});
