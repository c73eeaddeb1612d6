/**
 * The gateway as the benchmark runs it: the bundle `wrangler deploy` would upload (`--dry-run --outdir`), on
 * workerd through Miniflare (a direct dependency, pinned to the release this project's wrangler runs), with the bindings wrangler.toml declares
 * (KV, D1 and Durable Objects, simulated in the same workerd), served on a socket that leads straight into the
 * Worker. `wrangler dev` adds what production has none of: a second workerd with wrangler's proxy Worker,
 * Miniflare's entry Worker in front of the gateway, a V8 inspector attached to it, every log line parsed and
 * printed by wrangler's Node process, and a Worker in front of every upstream fetch.
 *
 * Its state (D1 with the audit schema applied by wrangler, as `npm start` applies it) lives in a temporary
 * directory; partners and agent keys are created through the gateway's admin API.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { createInterface } from "node:readline";
import type { Readable } from "node:stream";
import { promisify } from "node:util";
import { Miniflare } from "miniflare";
import { unstable_getMiniflareWorkerOptions } from "wrangler";
import { ensureDevVars } from "../scripts/dev-vars.mjs";
import { applyLocalMigrations } from "../scripts/migrate-local.mjs";
import { commandLine, descendants } from "./processes";

const ROOT = new URL("../", import.meta.url).pathname;
const WRANGLER = join(ROOT, "node_modules/wrangler/bin/wrangler.js");
const run = promisify(execFile);

export interface GatewayRuntime {
  url: string;
  /** The workerd process that runs the Worker and its local bindings. */
  pid: number;
  createPartner(name: string): Promise<{ partnerId: string; secretId: string; secretKey: string }>;
  createAgentKey(partnerId: string, name: string): Promise<string>;
  stop(): Promise<void>;
}

export interface GatewayRuntimeOptions {
  /** The module to bundle, as `wrangler deploy <entry>` takes it. */
  entry: string;
  vars: Record<string, string>;
  /** Every line workerd prints (the access log, errors). */
  onOutput(line: string): void;
}

export async function startGatewayRuntime(options: GatewayRuntimeOptions): Promise<GatewayRuntime> {
  ensureDevVars();
  const state = mkdtempSync(join(tmpdir(), "faceid-edge-bench-"));
  const bundle = join(state, "bundle");
  await wrangler(["deploy", "--dry-run", "--outdir", bundle, options.entry]);
  await applyLocalMigrations({ persistTo: state });

  const script = join(bundle, `${basename(options.entry).replace(/\.ts$/, "")}.js`);
  const { workerOptions } = unstable_getMiniflareWorkerOptions(join(ROOT, "wrangler.toml"));
  const adminToken = crypto.randomUUID();
  const before = new Set(workerds());
  const miniflare = new Miniflare({
    ...workerOptions,
    name: "faceid-edge",
    // The bundle is one module, given as it is: Miniflare's module locator would also chase the dynamic
    // imports hono-openapi keeps for schema libraries it never loads with zod (`import("effect")`), which the
    // Workers runtime, like wrangler, leaves unresolved until they run.
    modules: [{ type: "ESModule", path: script, contents: readFileSync(script, "utf8") }],
    modulesRoot: bundle,
    bindings: { ...workerOptions.bindings, ...options.vars, ADMIN_TOKEN: adminToken },
    unsafeDirectSockets: [{ host: "127.0.0.1", port: 0 }],
    // Miniflare strips CF-Connecting-IP from subrequests with a Worker of its own, in front of every upstream
    // fetch; Cloudflare's runtime does it natively.
    stripCfConnectingIp: false,
    host: "127.0.0.1",
    port: 0,
    // Where `wrangler dev --persist-to <state>` keeps each kind of state.
    kvPersist: join(state, "v3/kv"),
    d1Persist: join(state, "v3/d1"),
    durableObjectsPersist: join(state, "v3/do"),
    handleRuntimeStdio(stdout: Readable, stderr: Readable) {
      for (const stream of [stdout, stderr]) createInterface({ input: stream }).on("line", options.onOutput);
    },
  });
  await miniflare.ready;
  const url = (await miniflare.unsafeGetDirectURL()).origin;
  const started = workerds().filter((pid) => !before.has(pid));
  if (started.length !== 1) throw new Error(`expected one new workerd, found ${started.length}`);

  const admin = async (path: string, body: unknown) => {
    const response = await fetch(`${url}/admin${path}`, {
      method: "POST",
      headers: { Authorization: `Bearer ${adminToken}`, "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
    if (response.status !== 201)
      throw new Error(`admin ${path}: ${response.status} ${await response.text()}`);
    return response.json() as Promise<Record<string, string>>;
  };
  return {
    url,
    pid: started[0] as number,
    async createPartner(name) {
      const { partnerId, secretId, secretKey } = await admin("/partners", { name });
      return { partnerId: partnerId ?? "", secretId: secretId ?? "", secretKey: secretKey ?? "" };
    },
    async createAgentKey(partnerId, name) {
      return (await admin("/agent-keys", { partnerId, name })).agentKey ?? "";
    },
    async stop() {
      await miniflare.dispose();
      rmSync(state, { recursive: true, force: true });
    },
  };
}

function workerds(): number[] {
  return descendants(process.pid).filter((pid) => commandLine(pid)[0]?.endsWith("/workerd"));
}

/** Runs this project's wrangler; rejects with its output when it fails. */
async function wrangler(args: string[]): Promise<void> {
  await run(process.execPath, [WRANGLER, ...args], {
    cwd: ROOT,
    env: { ...process.env, WRANGLER_SEND_METRICS: "false" },
  });
}
