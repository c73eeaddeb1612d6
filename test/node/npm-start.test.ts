// `npm start` as a developer runs it (scripts/start.mjs): the stack comes up, wrangler's request log reaches the
// terminal with the tokens in URLs redacted, a gateway that dies is started again with one line saying so,
// and SIGTERM stops everything with exit code 0 and no restart. Real `wrangler dev` on free loopback ports.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../../scripts/local-stack.mjs";
import { answers, waitFor as waitUntil } from "../support/polling";

const ROOT = new URL("../../", import.meta.url).pathname;
const SDK_TOKEN = "0B6D3C7A-SECRET-SDK-TOKEN-4F2E";
const QUERY = "SECRET-QUERY-VALUE";

let start: ChildProcess;
let exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
let persistTo: string;
let port: number;
let gatewayUrl: string;
let stdout = "";
let stderr = "";

const waitFor = (what: string, check: () => boolean | Promise<boolean>, timeoutMs = 60_000) =>
  waitUntil(what, check, { timeoutMs, context: () => `${stdout}\n${stderr}` });

/** The processes `parent` started, with their arguments (Linux /proc). */
function childrenOf(parent: number): { pid: number; args: string[] }[] {
  const found: { pid: number; args: string[] }[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      // "pid (comm) state ppid ...": comm may hold spaces and parentheses.
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (ppid !== parent) continue;
      found.push({ pid: Number(entry), args: readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0") });
    } catch {
      // It ended meanwhile.
    }
  }
  return found;
}

const notices = () => stderr.split("\n").filter((line) => line.startsWith("[npm start]"));

describe.skipIf(!existsSync("/proc/self/stat"))("npm start", () => {
  beforeAll(async () => {
    persistTo = mkdtempSync(join(tmpdir(), "faceid-edge-npm-start-"));
    port = await freePort();
    gatewayUrl = `http://127.0.0.1:${port}`;
    start = spawn(
      process.execPath,
      [
        "scripts/start.mjs",
        "--port",
        String(port),
        "--sandbox-port",
        String(await freePort()),
        "--persist-to",
        persistTo,
      ],
      { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] },
    );
    exited = new Promise((resolve) => start.once("exit", (code, signal) => resolve({ code, signal })));
    start.stdout?.on("data", (chunk) => {
      stdout += chunk;
    });
    start.stderr?.on("data", (chunk) => {
      stderr += chunk;
    });
    await waitFor(
      "the banner",
      () => stdout.includes("FaceID Edge is running") || start.exitCode !== null,
      90_000,
    );
    expect(start.exitCode, stderr).toBeNull();
  });

  afterAll(async () => {
    if (start && start.exitCode === null && start.signalCode === null) {
      start.kill("SIGTERM");
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 15_000))]);
    }
    rmSync(persistTo, { recursive: true, force: true });
  });

  it("prints wrangler's request log with the token in the path and the query string redacted", async () => {
    const response = await fetch(`${gatewayUrl}/v1/liveness/results/${SDK_TOKEN}?lang=${QUERY}`);
    expect(response.status).toBe(401);
    await waitFor("the request log line", () =>
      /\[wrangler:info\] GET \/v1\/liveness\/results\/<redacted> 401/.test(stdout),
    );
    expect(stdout + stderr).not.toContain(SDK_TOKEN);
    expect(stdout + stderr).not.toContain(QUERY);
  });

  it("serves the OpenAPI document and /docs as the static assets the build made, with their headers", async () => {
    // wrangler.toml's [build] runs scripts/build-docs.mjs before the Worker starts; the assets answer first.
    const response = await fetch(`${gatewayUrl}/openapi.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toMatch(/^application\/json/);
    expect(response.headers.get("Access-Control-Allow-Origin")).toBe("*");
    expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
    const document = (await response.json()) as {
      servers: { url: string }[];
      paths: Record<string, unknown>;
      components: { schemas: Record<string, unknown> };
    };
    expect(document.servers).toEqual([{ url: "/" }]);
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(["/v1/sessions", "/v1/liveness/compare", "/v1/liveness/tokens"]),
    );
    expect(Object.keys(document.components.schemas)).toEqual(
      expect.arrayContaining(["CompareResult", "RestError"]),
    );
    const docs = await fetch(`${gatewayUrl}/docs`);
    expect(docs.status).toBe(200);
    expect(docs.headers.get("Content-Type")).toMatch(/^text\/html/);
    expect(docs.headers.get("Content-Security-Policy")).toBe("default-src 'none'; style-src 'unsafe-inline'");
    expect(await docs.text()).toContain("<code>/v1/liveness/compare</code>");
  });

  it("starts the gateway again when its wrangler dies, with one line saying so, and it answers again", async () => {
    const gateway = childrenOf(start.pid as number).find(({ args }) =>
      args.join(" ").includes(`--port ${port}`),
    );
    expect(gateway, "the gateway's wrangler").toBeDefined();
    process.kill(-(gateway?.pid as number), "SIGKILL");
    await waitFor("gateway back", () => notices().some((line) => line.includes("gateway is back")));
    expect(notices()).toEqual([
      `[npm start] gateway (wrangler dev on ${gatewayUrl}) stopped unexpectedly (signal SIGKILL); restarting it`,
      `[npm start] gateway is back on ${gatewayUrl}`,
    ]);
    expect((await fetch(`${gatewayUrl}/healthz`)).status).toBe(200);
  });

  it("stops both on SIGTERM, exit code 0, without restarting anything", async () => {
    const before = notices();
    const wranglers = childrenOf(start.pid as number).map(({ pid }) => pid);
    expect(wranglers).toHaveLength(2);
    start.kill("SIGTERM");
    const { code } = await Promise.race([
      exited,
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error("npm start did not exit")), 20_000),
      ),
    ]);
    expect(code).toBe(0);
    expect(notices()).toEqual(before);
    for (const pid of wranglers) expect(() => process.kill(pid, 0), `wrangler ${pid}`).toThrow();
    expect(await answers(gatewayUrl)).toBe(false);
  });
});
