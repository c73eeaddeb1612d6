// The Worker as `wrangler deploy` would upload it: the deployed entry (wrangler.toml's main) carries none of
// the development-only /demo, which only the entry npm start runs (worker/dev-entry.ts) mounts.
import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { DEMO_APP_SCRIPT } from "../../worker/demo/app-script";

const ROOT = new URL("../../", import.meta.url).pathname;
const WRANGLER = join(ROOT, "node_modules/wrangler/bin/wrangler.js");
const run = promisify(execFile);
const outputs: string[] = [];

/** The bundle `wrangler deploy --dry-run` makes of `entry` (wrangler.toml's main when none is given). */
async function bundle(entry?: string): Promise<string> {
  const outdir = mkdtempSync(join(tmpdir(), "faceid-edge-bundle-"));
  outputs.push(outdir);
  await run(
    process.execPath,
    [WRANGLER, "deploy", ...(entry ? [entry] : []), "--dry-run", "--outdir", outdir],
    {
      cwd: ROOT,
      timeout: 60_000,
    },
  );
  // The bundle is named after its entry: index.js, dev-entry.js.
  const script = readdirSync(outdir).find((name) => name.endsWith(".js"));
  if (!script) throw new Error(`no bundle in ${outdir}`);
  return readFileSync(join(outdir, script), "utf8");
}

/** A line of the demo page's own script, which nothing else in the gateway contains. */
const DEMO_MARKER =
  DEMO_APP_SCRIPT.split("\n")
    .map((line) => line.trim())
    .find((line) => line.length > 40) ?? "";

afterAll(() => {
  for (const outdir of outputs) rmSync(outdir, { recursive: true, force: true });
});

describe("the deployed Worker's bundle", () => {
  let deployedBundle: Promise<string> | undefined;
  const deployedOnce = () => {
    deployedBundle ??= bundle();
    return deployedBundle;
  };

  it("has no /demo: neither its page script nor its credential-free session path", async () => {
    const deployed = await deployedOnce();
    const development = await bundle("worker/dev-entry.ts");
    // The markers are there in the development entry's bundle, so their absence below means something.
    expect(DEMO_MARKER.length).toBeGreaterThan(40);
    expect(development).toContain(DEMO_MARKER);
    expect(deployed).not.toContain(DEMO_MARKER);
    expect(deployed.length).toBeLessThan(development.length);
  });

  // 90 KiB gzipped since the OpenAPI document and /docs are built in Node and served as static assets (they
  // were 101 KiB with the document generated and the page rendered in the Worker).
  it("is at most 350 KiB, 100 KiB gzipped: what every cold start loads", async () => {
    const deployed = Buffer.from(await deployedOnce());
    expect(deployed.length).toBeLessThanOrEqual(350 * 1024);
    expect(gzipSync(deployed).length).toBeLessThanOrEqual(100 * 1024);
  });
});
