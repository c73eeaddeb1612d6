// The Worker's WebAssembly is committed compiled (wrangler bundles .wasm files as they are); each binary must
// be exactly its hand-written source compiled, so a change to one without the other fails here.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { compileWat, WAT_SOURCES, wasmPathOf } from "../../scripts/wasm.mjs";

const ROOT = new URL("../../", import.meta.url);

describe("the Worker's WebAssembly", () => {
  for (const source of WAT_SOURCES) {
    it(`${wasmPathOf(source)} is ${source} compiled (npm run build:wasm)`, async () => {
      const committed = new Uint8Array(readFileSync(new URL(wasmPathOf(source), ROOT)));
      expect(Buffer.from(await compileWat(source)).equals(Buffer.from(committed))).toBe(true);
    });
  }
});
