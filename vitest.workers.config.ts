// Tests that run inside workerd (Miniflare) with the gateway's real bindings: signer, verifier, gateway, sandbox.
import { readdirSync, readFileSync } from "node:fs";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";
import { generateVerdictKey } from "./scripts/verdict-key.mjs";

const FIXTURES_DIR = new URL("./test/fixtures/media/", import.meta.url);

/** The real media fixtures, by file name, as base64: workerd tests have no file system. */
const MEDIA_FIXTURES = Object.fromEntries(
  readdirSync(FIXTURES_DIR)
    .filter((name) => !name.endsWith(".md"))
    .map((name) => [name, readFileSync(new URL(name, FIXTURES_DIR)).toString("base64")]),
);

/** Test-only values, so the suite never depends on a developer's .dev.vars. */
const TEST_BINDINGS = {
  TENCENT_SECRET_ID: "AKIDgatewayTestUpstream000000000000",
  TENCENT_SECRET_KEY: "gateway-test-upstream-secret-key",
  TENCENT_ENDPOINT: "https://faceid.intl.tencentcloudapi.com",
  PARTNER_KEY_SEED: "test-partner-seed-0123456789abcdef0123456789",
  ADMIN_TOKEN: "test-admin-token",
  // A fresh key for every run, made here as `npm run verdict-key` makes one: no private key is committed.
  VERDICT_SIGNING_KEY: JSON.stringify(generateVerdictKey().privateJwk),
  VERDICT_RETIRED_KEYS: "[]",
  VERDICT_ISSUER: "",
};

/** migrations/*.sql, applied to the audit database before each test file (test/support/apply-migrations.ts). */
const TEST_MIGRATIONS = await readD1Migrations("migrations");

export default defineConfig({
  plugins: [
    cloudflareTest({
      wrangler: { configPath: "./wrangler.toml" },
      miniflare: {
        bindings: { ...TEST_BINDINGS, MEDIA_FIXTURES, TEST_MIGRATIONS },
        kvNamespaces: ["SANDBOX_STATE"],
      },
    }),
  ],
  test: {
    setupFiles: ["./test/support/apply-migrations.ts"],
    include: ["test/worker/**/*.test.ts", "test/sandbox/**/*.test.ts", "test/shared/**/*.test.ts"],
  },
});
