#!/usr/bin/env node
/**
 * Builds the browser extension from extension/ (TypeScript) with esbuild:
 *   extension/dist/chrome/    loadable unpacked in Chrome (MV3 service worker)
 *   extension/dist/firefox/   loadable in Firefox (MV3 event page, gecko id)
 *   extension/dist/faceid-edge-chrome.zip, faceid-edge-firefox.zip   store-ready archives
 *
 * Everything the extension runs is bundled here: no remote code, no eval. The manifest comes from
 * extension/manifest.ts, with the version of package.json.
 *
 *   node scripts/build-extension.mjs [--target chrome|firefox] [--no-zip]
 */
import { cp, mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import * as esbuild from "esbuild";
import { buildDetector } from "./detector-assets.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const SOURCE = join(ROOT, "extension");
const DIST = join(SOURCE, "dist");

/** Entry points: TypeScript source → bundle path inside the browser's folder. */
const ENTRIES = [
  { source: "background/index.ts", out: "background.js" },
  { source: "content/index.ts", out: "content/content.js" },
  { source: "popup/popup.ts", out: "popup/popup.js" },
  { source: "options/options.ts", out: "options/options.js" },
];
/** Static files copied as they are. */
const STATIC = [
  "popup/popup.html",
  "popup/popup.css",
  "options/options.html",
  "options/options.css",
  "ui/base.css",
  "icons/icon-16.png",
  "icons/icon-32.png",
  "icons/icon-48.png",
  "icons/icon-128.png",
];
const ENGINE = { chrome: "chrome126", firefox: "firefox140" };
/** Code that could run text as script has no place in an extension (store policies, CSP). */
const FORBIDDEN = [/\beval\s*\(/, /\bnew Function\s*\(/, /\bimportScripts\s*\(/];

async function main() {
  const { values } = parseArgs({
    options: { target: { type: "string", multiple: true }, "no-zip": { type: "boolean", default: false } },
  });
  const targets = values.target ?? ["chrome", "firefox"];
  for (const target of targets) if (!(target in ENGINE)) throw new Error(`unknown target ${target}`);
  const { version } = JSON.parse(await readFile(join(ROOT, "package.json"), "utf8"));
  const { buildManifest } = await loadManifestModule();

  for (const target of targets) {
    const out = join(DIST, target);
    await rm(out, { recursive: true, force: true });
    await mkdir(out, { recursive: true });
    await bundle(target, out);
    for (const path of STATIC) {
      await mkdir(dirname(join(out, path)), { recursive: true });
      await cp(join(SOURCE, path), join(out, path));
    }
    // Every language's texts (the manifest's default_locale needs _locales/en at least).
    await cp(join(SOURCE, "_locales"), join(out, "_locales"), { recursive: true });
    await writeFile(
      join(out, "manifest.json"),
      `${JSON.stringify(buildManifest(target, version), null, 2)}\n`,
    );
    await checkNoDynamicCode(out);
    if (!values["no-zip"]) {
      const zip = join(DIST, `faceid-edge-${target}.zip`);
      await writeFile(zip, await zipFolder(out));
      console.log(`${relative(ROOT, out)}/ and ${relative(ROOT, zip)}`);
    } else {
      console.log(`${relative(ROOT, out)}/`);
    }
  }
}

async function bundle(target, out) {
  const entryPoints = ENTRIES.map((entry) => ({
    in: join(SOURCE, entry.source),
    out: entry.out.replace(/\.js$/, ""),
  }));
  await esbuild.build({
    entryPoints,
    outdir: out,
    bundle: true,
    // Classic scripts everywhere: content scripts and Firefox background scripts cannot be modules.
    format: "iife",
    platform: "browser",
    target: ENGINE[target],
    tsconfig: join(SOURCE, "tsconfig.json"),
    charset: "utf8",
    // Readable output: store reviewers read it, and there is nothing to hide.
    minify: false,
    sourcemap: false,
    legalComments: "eof",
    define: { "process.env.NODE_ENV": '"production"' },
    logLevel: "warning",
  });
  await buildDetector(join(out, "detector"), { target: ENGINE[target], minify: false });
}

/** extension/manifest.ts, compiled in memory: the manifest has one TypeScript source. */
async function loadManifestModule() {
  const result = await esbuild.build({
    entryPoints: [join(SOURCE, "manifest.ts")],
    bundle: true,
    format: "esm",
    platform: "neutral",
    write: false,
  });
  const code = result.outputFiles[0].text;
  return import(`data:text/javascript;base64,${Buffer.from(code).toString("base64")}`);
}

async function checkNoDynamicCode(folder) {
  for (const file of await listFiles(folder)) {
    if (!file.endsWith(".js")) continue;
    const text = await readFile(join(folder, file), "utf8");
    const hit = FORBIDDEN.find((pattern) => pattern.test(text));
    if (hit) throw new Error(`${file} contains ${hit}: extensions must not run code built from text`);
  }
}

async function listFiles(folder, prefix = "") {
  const files = [];
  for (const entry of await readdir(join(folder, prefix), { withFileTypes: true })) {
    const path = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) files.push(...(await listFiles(folder, path)));
    else files.push(path);
  }
  return files.sort();
}

// --- a store-only (uncompressed) ZIP writer: APPNOTE.TXT 6.3.10 §4.3 ----------------------------------------
// Both stores accept stored entries; a fixed timestamp makes the archive byte-for-byte reproducible.

const DOS_TIME = 0; // 00:00:00
const DOS_DATE = ((2020 - 1980) << 9) | (1 << 5) | 1; // 2020-01-01
const UTF8_NAMES = 0x0800;

async function zipFolder(folder) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const path of await listFiles(folder)) {
    const data = await readFile(join(folder, path));
    const name = Buffer.from(path, "utf8");
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed: 2.0
    local.writeUInt16LE(UTF8_NAMES, 6);
    local.writeUInt16LE(0, 8); // method: stored
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    locals.push(local, name, data);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // version made by
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(UTF8_NAMES, 8);
    central.writeUInt16LE(0, 10);
    central.writeUInt16LE(DOS_TIME, 12);
    central.writeUInt16LE(DOS_DATE, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += local.length + name.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(centrals.length / 2, 8);
  end.writeUInt16LE(centrals.length / 2, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const CRC_TABLE = new Uint32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
