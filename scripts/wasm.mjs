// `npm run build:wasm`: compiles the Worker's WebAssembly sources (.wat, written by hand) to the .wasm files
// committed beside them, which wrangler bundles as compiled modules. test/node/wasm-build.test.ts checks that
// each committed .wasm is its source compiled, so the two cannot drift apart.
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import initWabt from "wabt";
import { ROOT } from "./dev-vars.mjs";

export const WAT_SOURCES = ["worker/compare/base64-scan.wat"];

/** The binary module of a .wat source (path from the project root), with the SIMD proposal it uses. */
export async function compileWat(source) {
  const wabt = await initWabt();
  const module = wabt.parseWat(source, readFileSync(`${ROOT}${source}`, "utf8"), { simd: true });
  try {
    module.validate();
    return new Uint8Array(module.toBinary({}).buffer);
  } finally {
    module.destroy();
  }
}

export const wasmPathOf = (source) => source.replace(/\.wat$/, ".wasm");

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const source of WAT_SOURCES) {
    const binary = await compileWat(source);
    writeFileSync(`${ROOT}${wasmPathOf(source)}`, binary);
    console.log(`${wasmPathOf(source)}: ${binary.length} bytes`);
  }
}
