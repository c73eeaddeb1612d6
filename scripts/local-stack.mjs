// The whole local stack: the FaceID sandbox and the gateway, each under `wrangler dev` (workerd), on loopback,
// with the gateway's upstream forced to the sandbox. Used by `npm start` and by the end-to-end tests.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import { provisionDemoPartner } from "./demo-partner.mjs";
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
 * sees every piece of output of both wranglers with `stdio` "pipe" (tests that scan logs; `npm start`, which
 * redacts it), with the stream it came on; `env` adds environment variables for both wranglers.
 *
 * `supervise` (npm start) restarts a wrangler that exits while the stack runs, with the same arguments: one
 * line to `onNotice` when it stops (which one, exit code or signal), one when it answers again. More than
 * `maxRestarts` restarts within `restartWindowMs` stops the whole stack, and `failed` resolves with the reason
 * (without `supervise` it never settles: a wrangler that dies stays dead, and the test using it fails).
 */
export async function startLocalStack({
  port = 8787,
  sandboxPort = 8788,
  persistTo = `${ROOT}.wrangler/state`,
  vars = {},
  stdio = "pipe",
  readyTimeoutMs = 90_000,
  onOutput,
  env = {},
  supervise = false,
  maxRestarts = 5,
  restartWindowMs = 60_000,
  onNotice = (line) => console.error(line),
} = {}) {
  ensureDevVars();
  // The audit log's schema, in the same local state the gateway will use.
  await applyLocalMigrations({ persistTo });
  const credentials = sandboxCredentials();
  const sandboxUrl = `http://${HOST}:${sandboxPort}`;
  const gatewayUrl = `http://${HOST}:${port}`;
  const children = [];
  // In the order they start: children[i] is services[i]'s wrangler (replaced when supervision restarts it).
  const services = [
    { name: "sandbox", url: sandboxUrl, readyUrl: `${sandboxUrl}/` },
    { name: "gateway", url: gatewayUrl, readyUrl: `${gatewayUrl}/healthz` },
  ];
  let stopping = false;
  const stop = async () => {
    stopping = true;
    await Promise.all(children.map(stopChild));
  };
  // The demo page's partner (/demo), in the same state, provisioned while the sandbox starts: the gateway
  // only reads it (DEMO_PARTNER_ID), for the page at its own origin (DEV_ORIGIN).
  const demoPartner = provisionDemoPartner({ persistTo, origin: gatewayUrl });
  demoPartner.catch(() => {}); // awaited below (or in the catch, when the sandbox fails first)
  try {
    children.push(
      wranglerDev(
        ["-c", "sandbox/wrangler.toml", "--port", String(sandboxPort), "--persist-to", persistTo],
        stdio,
        (text, stream) => onOutput?.("sandbox", text, stream),
        env,
      ),
    );
    await waitUntilReady(services[0].readyUrl, children[0], readyTimeoutMs);
    const gatewayVars = {
      TENCENT_ENDPOINT: sandboxUrl,
      TENCENT_SECRET_ID: credentials.secretId,
      TENCENT_SECRET_KEY: credentials.secretKey,
      // Loopback names only: a page that rebinds its own domain to this address gets nothing.
      GATEWAY_HOSTS: `${HOST},localhost`,
      DEV_ORIGIN: gatewayUrl,
      DEMO_PARTNER_ID: await demoPartner,
      // A webhook receiver on this machine, over http (never on in a deployment).
      WEBHOOK_ALLOW_LOOPBACK: "on",
      // A hosted verification's RedirectURL on this machine (a local partner page).
      REDIRECT_ALLOW_LOOPBACK: "on",
      ...vars,
    };
    children.push(
      wranglerDev(
        [
          // The development entry: the deployed gateway plus /demo, which the deployed bundle does not have.
          "worker/dev-entry.ts",
          "--port",
          String(port),
          "--persist-to",
          persistTo,
          ...Object.entries(gatewayVars).flatMap(([name, value]) => ["--var", `${name}:${value}`]),
        ],
        stdio,
        (text, stream) => onOutput?.("gateway", text, stream),
        env,
      ),
    );
    await waitUntilReady(services[1].readyUrl, children[1], readyTimeoutMs);
  } catch (error) {
    await Promise.all([stop(), demoPartner.catch(() => {})]);
    throw error;
  }
  const failed = supervise
    ? superviseChildren(children, services, {
        readyTimeoutMs,
        maxRestarts,
        restartWindowMs,
        onNotice,
        isStopping: () => stopping,
        stop,
      })
    : new Promise(() => {});
  /** The process id of a wrangler (the leader of its process group), as it is now. */
  const pid = (name) => children[services.findIndex((service) => service.name === name)]?.pid;
  return { gatewayUrl, sandboxUrl, persistTo, stop, failed, pid };
}

function wranglerDev(args, stdio, onOutput, env = {}) {
  const child = spawn(
    process.execPath,
    [WRANGLER, "dev", "--ip", HOST, "--inspector-port", "0", "--show-interactive-dev-session=false", ...args],
    {
      cwd: ROOT,
      stdio: stdio === "inherit" ? ["ignore", "inherit", "inherit"] : ["ignore", "pipe", "pipe"],
      detached: true,
      env: { ...process.env, ...env },
    },
  );
  child.output = "";
  const keep = (chunk, stream) => {
    child.output = (child.output + chunk).slice(-20_000);
    onOutput(String(chunk), stream);
  };
  child.stdout?.on("data", (chunk) => keep(chunk, "stdout"));
  child.stderr?.on("data", (chunk) => keep(chunk, "stderr"));
  /** The same wrangler again, for supervision. */
  child.respawn = () => wranglerDev(args, stdio, onOutput, env);
  return child;
}

async function waitUntilReady(url, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `wrangler dev exited (${exitOf(child.exitCode, child.signalCode)}) before ${url} answered:\n${child.output}`,
      );
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

/**
 * Starts again, with the same arguments, a wrangler of the stack that exits while the stack is not stopping
 * (wrangler 4.86's dev server exits with code 1 when a request body is cut short of its Content-Length, or
 * cancelled by the Worker mid-upload). Resolves with the reason once it gives up, after stopping the whole
 * stack; never otherwise.
 */
function superviseChildren(
  children,
  services,
  { readyTimeoutMs, maxRestarts, restartWindowMs, onNotice, isStopping, stop },
) {
  /** When each restart of each service within the last window happened (ms). */
  const restartsOf = services.map(() => []);
  return new Promise((giveUp) => {
    const watch = (index) => {
      const child = children[index];
      child.once("exit", (code, signal) => {
        if (isStopping() || children[index] !== child) return;
        restart(index, child, exitOf(code, signal)).catch(async (error) => {
          await stop();
          giveUp(error);
        });
      });
    };
    const restart = async (index, dead, how) => {
      const { name, url, readyUrl } = services[index];
      // Whatever the dead wrangler leaves in its process group (its workerd) goes too: it may hold the port.
      killGroup(dead);
      const restarts = restartsOf[index];
      const now = Date.now();
      while (restarts.length > 0 && now - restarts[0] > restartWindowMs) restarts.shift();
      const stopped = `${name} (wrangler dev on ${url}) stopped unexpectedly (${how})`;
      if (restarts.length >= maxRestarts) {
        const window = `${restartWindowMs / 1000} s`;
        const count = `${restarts.length} ${restarts.length === 1 ? "restart" : "restarts"}`;
        onNotice(`${stopped}; not restarting it: ${count} within ${window} already`);
        await stop();
        giveUp(
          new Error(
            `the ${name} keeps stopping (${restarts.length + 1} times within ${window}); the local stack is stopped`,
          ),
        );
        return;
      }
      restarts.push(now);
      onNotice(`${stopped}; restarting it`);
      const child = dead.respawn();
      children[index] = child;
      watch(index);
      try {
        await waitUntilReady(readyUrl, child, readyTimeoutMs);
      } catch {
        // It exited before answering: its exit restarts it again (or gives up). Alive but silent: the same, now.
        if (child.exitCode === null && child.signalCode === null) killGroup(child);
        return;
      }
      if (!isStopping() && children[index] === child) onNotice(`${name} is back on ${url}`);
    };
    services.forEach((_, index) => {
      watch(index);
    });
  });
}

function killGroup(child) {
  try {
    process.kill(-child.pid, "SIGKILL");
  } catch {
    // Nothing left of it.
  }
}

function exitOf(code, signal) {
  return signal ? `signal ${signal}` : `exit code ${code}`;
}
