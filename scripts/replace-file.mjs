import { rename, writeFile } from "node:fs/promises";

/** Writes `file` in one step (a temporary file renamed over it), so a running `wrangler dev` never serves half a file. */
export async function replaceFile(file, contents) {
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, contents);
  await rename(temporary, file);
}
