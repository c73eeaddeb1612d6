// Builds the extension once before the end-to-end suite, so it always tests the current source.
import { execFile } from "node:child_process";
import { promisify } from "node:util";

export default async function buildExtension(): Promise<void> {
  const root = new URL("../../", import.meta.url).pathname;
  await promisify(execFile)(process.execPath, ["scripts/build-extension.mjs"], {
    cwd: root,
    timeout: 120_000,
  });
}
