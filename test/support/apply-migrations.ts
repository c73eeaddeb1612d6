// Vitest setup file (vitest.workers.config.ts): brings the audit database up to the schema in migrations/
// before each test file runs. The migrations are read in Node at config time (readD1Migrations) and handed
// in as the TEST_MIGRATIONS binding, because workerd has no file system. Already applied ones are skipped.
import { applyD1Migrations, type D1Migration } from "cloudflare:test";
import { env } from "cloudflare:workers";

declare global {
  namespace Cloudflare {
    interface Env {
      /** migrations/*.sql, split into statements by readD1Migrations. */
      TEST_MIGRATIONS: D1Migration[];
    }
  }
}

await applyD1Migrations(env.AUDIT_DB, env.TEST_MIGRATIONS);
