#!/usr/bin/env node
/**
 * Builds the `<faceid-capture>` web component (sdk/) into the gateway's static assets (wrangler.toml
 * [assets], served by Workers Static Assets, outside the Worker's bundle):
 *   worker/assets/sdk/<version>/capture.js   one classic script, minified, deterministic
 *   worker/assets/sdk/<version>/detector/    the face detector's page, which the component frames
 * (worker/assets/_headers, committed, gives it immutable caching, CORS for SRI and nosniff) and prints the file's Subresource Integrity hash (sha384), which README's integration snippet carries
 * (test/node/sdk-integrity.test.ts fails when they differ).
 *
 * The path carries the release version (package.json): the bytes at one URL never change, so a partner page
 * pins them with `integrity`. A release that changes the component's bytes gets a new version, and a new URL.
 * The output is git-ignored and rebuilt by every wrangler run of wrangler.toml (its [build] command: `npm start`'s
 * `wrangler dev`, `npm run deploy`, `--dry-run`): it is made from the source, deterministically, so a committed
 * copy could only fall behind.
 *
 *   node scripts/build-sdk.mjs [--write-readme]
 * `--write-readme` also puts the new hash in README's snippet: for a deliberate change of the component, in a
 * release whose version (and so URL) is new, or not yet deployed.
 */
import { createHash } from "node:crypto";
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";
import { buildDetector } from "./detector-assets.mjs";
import { replaceFile } from "./replace-file.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
/** wrangler.toml's [assets] directory: committed (its _headers), so it exists before any build. */
export const ASSETS_DIR = join(ROOT, "worker/assets");
const ENTRY = join(ROOT, "sdk/capture-element.ts");
const TARGET = ["chrome120", "firefox128", "safari17"];

/** The URL path of the component for this release, e.g. /sdk/0.1.0/capture.js. */
export async function sdkPath() {
  const { version } = JSON.parse(await readFile(join(ROOT, "package.json"), "utf8"));
  return `/sdk/${version}/capture.js`;
}

/** `sha384-<base64>` of `bytes`, as a `<script integrity>` attribute takes it. */
export function integrityOf(bytes) {
  return `sha384-${createHash("sha384").update(bytes).digest("base64")}`;
}

/** Builds the assets; resolves with the component's URL path, its integrity and its size. */
export async function buildSdk() {
  const path = await sdkPath();
  const result = await esbuild.build({
    entryPoints: [ENTRY],
    bundle: true,
    write: false,
    // A classic script: `document.currentScript` names the gateway that served it, and no module loader is
    // needed on the partner's page.
    format: "iife",
    platform: "browser",
    target: TARGET,
    tsconfig: join(ROOT, "sdk/tsconfig.json"),
    charset: "utf8",
    minify: true,
    sourcemap: false,
    legalComments: "eof",
    define: { "process.env.NODE_ENV": '"production"' },
    plugins: [refuseExtensionApis],
    logLevel: "warning",
  });
  const bytes = Buffer.from(result.outputFiles[0].contents);
  // Only this release is served: another's left here would be deployed too, under bytes nobody built today.
  const releases = join(ASSETS_DIR, "sdk");
  const release = dirname(path).slice("/sdk/".length);
  for (const stale of await readdir(releases).catch(() => [])) {
    if (stale !== release) await rm(join(releases, stale), { recursive: true, force: true });
  }
  await mkdir(join(ASSETS_DIR, dirname(path)), { recursive: true });
  await replaceFile(join(ASSETS_DIR, path), bytes);
  // The face detector's page beside it, which the component embeds as a frame of the gateway's origin.
  await buildDetector(join(ASSETS_DIR, dirname(path), "detector"), { target: TARGET, minify: true });
  return { path, integrity: integrityOf(bytes), bytes: bytes.length };
}

/** The component runs on partner pages, where no extension API exists: importing one is a build error. */
const refuseExtensionApis = {
  name: "refuse-extension-apis",
  setup(build) {
    build.onResolve({ filter: /^webextension-polyfill$/ }, (args) => ({
      errors: [
        {
          text: `${relative(ROOT, args.importer)} imports webextension-polyfill: the web component runs without the extension`,
        },
      ],
    }));
  },
};

/** README's snippet: `<script src="https://<gateway>/sdk/<release>/capture.js"` then its integrity. */
const README_SNIPPET = /(<script src="https:\/\/[^"/]+)\/sdk\/[^"]+("\s+integrity=")sha384-[^"]+"/;

async function writeReadme(path, integrity) {
  const file = join(ROOT, "README.md");
  const text = await readFile(file, "utf8");
  if (!README_SNIPPET.test(text)) throw new Error("README.md has no <faceid-capture> script snippet");
  await writeFile(file, text.replace(README_SNIPPET, `$1${path}$2${integrity}"`));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  buildSdk()
    .then(async ({ path, integrity, bytes }) => {
      console.log(`${relative(ROOT, join(ASSETS_DIR, path))} (${(bytes / 1024).toFixed(1)} KiB)`);
      console.log(`served at ${path}`);
      console.log(`integrity="${integrity}"`);
      if (process.argv.includes("--write-readme")) {
        await writeReadme(path, integrity);
        console.log("README.md's snippet updated");
      }
    })
    .catch((error) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    });
}
