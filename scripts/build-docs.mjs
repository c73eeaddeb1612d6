#!/usr/bin/env node
/**
 * Builds the REST dialect's published description into the gateway's static assets (wrangler.toml [assets]):
 *   worker/assets/openapi.json   the OpenAPI 3.1 document of the gateway's own routes
 *   worker/assets/docs.html      the docs page made from it, served at /docs
 * (git-ignored; worker/assets/_headers gives them their headers). It runs worker/docs/published.ts in Node:
 * the gateway's routes, described where they are defined, turned into the document by hono-openapi and zod,
 * as the Worker itself did on its first request before, but once, here, and outside the deployed bundle.
 *
 *   node scripts/build-docs.mjs
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import * as esbuild from "esbuild";
import { replaceFile } from "./replace-file.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const ASSETS_DIR = join(ROOT, "worker/assets");

/** The document and the page, as published; writes them into `assetsDir`. */
export async function buildDocs(assetsDir = ASSETS_DIR) {
  const { document, page } = await publishedDocs();
  const json = JSON.stringify(document);
  await replaceFile(join(assetsDir, "openapi.json"), json);
  await replaceFile(join(assetsDir, "docs.html"), page);
  return { document, page };
}

/** worker/docs/published.ts's `publishedDocs()`, bundled for Node and run. */
export async function publishedDocs() {
  const outdir = await mkdtemp(join(tmpdir(), "faceid-edge-docs-"));
  try {
    const outfile = join(outdir, "published.mjs");
    await esbuild.build({
      entryPoints: [join(ROOT, "worker/docs/published.ts")],
      bundle: true,
      platform: "node",
      format: "esm",
      target: "node20",
      outfile,
      alias: { "cloudflare:workers": join(ROOT, "scripts/node-shims/cloudflare-workers.mjs") },
      logLevel: "warning",
    });
    const module = await import(pathToFileURL(outfile).href);
    return await module.publishedDocs();
  } finally {
    await rm(outdir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  buildDocs()
    .then(({ document }) => {
      console.log(
        `worker/assets/openapi.json (${Object.keys(document.paths).length} paths), worker/assets/docs.html`,
      );
    })
    .catch((error) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    });
}
