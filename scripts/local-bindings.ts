/**
 * The local KV namespace and D1 database of `npm start` (wrangler dev's state under `<persist>/v3`), opened
 * for the CLIs straight through Miniflare with wrangler.toml's bindings but its Durable Objects. Wrangler's
 * getPlatformProxy starts every binding without the Worker's script, and workerd then warns about each Durable
 * Object class it cannot find, on every run, before the CLI's own answer.
 */
import { Miniflare } from "miniflare";
import { unstable_getMiniflareWorkerOptions } from "wrangler";
import { ROOT } from "./dev-vars.mjs";

export interface LocalBindings {
  env: Pick<Env, "PARTNERS" | "AUDIT_DB">;
  dispose(): Promise<void>;
}

/** `persistTo`: the state directory `npm start --persist-to` used (`.wrangler/state` by default). */
export async function openLocalBindings(persistTo: string | undefined): Promise<LocalBindings> {
  // Keep stdout and stderr for the CLI's own output (wrangler says which .dev.vars it read).
  process.env.WRANGLER_LOG ??= "error";
  const { workerOptions } = unstable_getMiniflareWorkerOptions(`${ROOT}wrangler.toml`);
  const miniflare = new Miniflare({
    modules: true,
    script: "export default {};",
    compatibilityDate: workerOptions.compatibilityDate,
    kvNamespaces: workerOptions.kvNamespaces,
    d1Databases: workerOptions.d1Databases,
    defaultPersistRoot: `${persistTo ?? `${ROOT}.wrangler/state`}/v3`,
  });
  const env = await miniflare.getBindings<Pick<Env, "PARTNERS" | "AUDIT_DB">>();
  return { env, dispose: () => miniflare.dispose() };
}
