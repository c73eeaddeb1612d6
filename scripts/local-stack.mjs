// The whole local stack: the FaceID sandbox and the gateway, each under `wrangler dev` (workerd), on loopback,
// with the gateway's upstream forced to the sandbox. Used by `npm start` and by the end-to-end tests.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import { ensureDevVars, ROOT } from "./dev-vars.mjs";
import { applyLocalMigrations } from "./migrate-local.mjs";

const WRANGLER = `${ROOT}node_modules/wrangler/bin/wrangler.js`;
const HOST = "127.0.0.1";

/** The sandbox's public test credential, from sandbox/wrangler.toml (the gateway signs with it locally). */
export function sandboxCredentials() {
  const toml = readFileSync(`${ROOT}sandbox/wrangler.toml`, "utf8");
  const value = (name) => new RegExp(`^${name}\\s*=\\s*"([^"]+)"`, "m").exec(toml)?.[1];
  return { secretId: value("SANDBOX_SECRET_ID"), secretKey: value("SANDBOX_SECRET_KEY") };
}

export async function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, HOST, () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts sandbox then gateway; resolves once both answer. `persistTo` isolates local state (KV, D1, Durable
 * Objects); `vars` adds gateway variables; `stdio` "inherit" shows wrangler's output; `onOutput(source, text)`
 * sees every piece of output of both wranglers with `stdio` "pipe" (tests that scan logs).
 */
export async function startLocalStack({
  port = 8787,
  sandboxPort = 8788,
  persistTo = `${ROOT}.wrangler/state`,
  vars = {},
  stdio = "pipe",
  readyTimeoutMs = 90_000,
  onOutput,
} = {}) {
  ensureDevVars();
  // The audit log's schema, in the same local state the gateway will use.
  await applyLocalMigrations({ persistTo });
  const credentials = sandboxCredentials();
  const sandboxUrl = `http://${HOST}:${sandboxPort}`;
  const gatewayUrl = `http://${HOST}:${port}`;
  const children = [];
  const stop = async () => {
    await Promise.all(children.map(stopChild));
  };
  try {
    children.push(
      wranglerDev(
        ["-c", "sandbox/wrangler.toml", "--port", String(sandboxPort), "--persist-to", persistTo],
        stdio,
        (text) => onOutput?.("sandbox", text),
      ),
    );
    await waitUntilReady(`${sandboxUrl}/`, children[0], readyTimeoutMs);
    const gatewayVars = {
      TENCENT_ENDPOINT: sandboxUrl,
      TENCENT_SECRET_ID: credentials.secretId,
      TENCENT_SECRET_KEY: credentials.secretKey,
      DEV_ROUTES: "on",
      ...vars,
    };
    children.push(
      wranglerDev(
        [
          "--port",
          String(port),
          "--persist-to",
          persistTo,
          ...Object.entries(gatewayVars).flatMap(([name, value]) => ["--var", `${name}:${value}`]),
        ],
        stdio,
        (text) => onOutput?.("gateway", text),
      ),
    );
    await waitUntilReady(`${gatewayUrl}/healthz`, children[1], readyTimeoutMs);
  } catch (error) {
    await stop();
    throw error;
  }
  return { gatewayUrl, sandboxUrl, persistTo, stop };
}

function wranglerDev(args, stdio, onOutput) {
  const child = spawn(
    process.execPath,
    [WRANGLER, "dev", "--ip", HOST, "--inspector-port", "0", "--show-interactive-dev-session=false", ...args],
    {
      cwd: ROOT,
      stdio: stdio === "inherit" ? ["ignore", "inherit", "inherit"] : ["ignore", "pipe", "pipe"],
      detached: true,
    },
  );
  child.output = "";
  const keep = (chunk) => {
    child.output = (child.output + chunk).slice(-20_000);
    onOutput(String(chunk));
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  return child;
}

async function waitUntilReady(url, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`wrangler dev exited with ${child.exitCode} before ${url} answered:\n${child.output}`);
    }
    try {
      // Any HTTP answer means workerd is serving the Worker.
      await fetch(url, { signal: AbortSignal.timeout(2_000) });
      return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms:\n${child.output}`);
}

async function stopChild(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  try {
    process.kill(-child.pid, "SIGTERM");
  } catch {
    return;
  }
  const timer = setTimeout(() => {
    try {
      process.kill(-child.pid, "SIGKILL");
    } catch {}
  }, 5_000);
  await exited;
  clearTimeout(timer);
}
