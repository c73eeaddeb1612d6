// The operator's partner CLI (scripts/partner.ts) run as a user runs it, against a local state directory:
// the local stack provisions the demo partner with it, and Node tests create partners and agent keys with it.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { ROOT } from "./dev-vars.mjs";

const TSX = `${ROOT}node_modules/tsx/dist/cli.mjs`;
const run = promisify(execFile);

/** Runs `npm run partner -- <args> --persist-to <persistTo>`; resolves with its stdout. */
export async function runPartnerCli(args, { persistTo, env = {}, timeoutMs = 60_000 }) {
  const { stdout } = await run(
    process.execPath,
    [TSX, `${ROOT}scripts/partner.ts`, ...args, "--persist-to", persistTo],
    { cwd: ROOT, env: { ...process.env, ...env }, timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 },
  );
  return stdout;
}

/** What a `--json` command printed: one JSON value on its last line. */
export function lastJsonLine(stdout) {
  return JSON.parse(stdout.trim().split("\n").at(-1) ?? "null");
}
