// Brings the local audit database (D1, in the state directory `wrangler dev --persist-to` reads) up to the
// schema in migrations/. `npm start` and the local test stack call it before starting the gateway.
import { spawn } from "node:child_process";
import { stripVTControlCharacters } from "node:util";
import { ROOT } from "./dev-vars.mjs";

const WRANGLER = `${ROOT}node_modules/wrangler/bin/wrangler.js`;
export const AUDIT_DATABASE = "faceid-edge-audit";

/**
 * Applies every migration not yet applied; a no-op when there is none. Never prompts: wrangler answers its
 * own confirmation when it sees no TTY or CI=true, and both hold here. Rejects with wrangler's output when
 * it fails or outlasts `timeoutMs` (wrangler spins rather than fails on some unusable state directories).
 */
export async function applyLocalMigrations({
  persistTo = `${ROOT}.wrangler/state`,
  timeoutMs = 120_000,
} = {}) {
  const args = [WRANGLER, "d1", "migrations", "apply", AUDIT_DATABASE, "--local", "--persist-to", persistTo];
  // Its own process group, so that a timeout also ends the process wrangler.js forks.
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, CI: "true", WRANGLER_SEND_METRICS: "false" },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  const keep = (chunk) => {
    output = (output + chunk).slice(-20_000);
  };
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    try {
      process.kill(-child.pid, "SIGKILL");
    } catch {}
  }, timeoutMs);
  try {
    const code = await new Promise((resolve, reject) => {
      child.once("error", reject);
      child.once("close", resolve);
    });
    const text = stripVTControlCharacters(output);
    if (timedOut || code !== 0) {
      const why = timedOut ? `did not finish within ${timeoutMs} ms` : `exited with ${code}`;
      throw new Error(`applying the audit log migrations to ${persistTo} failed (wrangler ${why}):\n${text}`);
    }
    return text;
  } finally {
    clearTimeout(timer);
  }
}
