// Supervision of the local stack (what `npm start` runs): a wrangler that stops on its own is started again and
// says so; one that keeps stopping stops the whole stack. Real `wrangler dev` on free loopback ports.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, startLocalStack } from "../../scripts/local-stack.mjs";
import { answers, waitFor as waitUntil } from "../support/polling";

type Stack = Awaited<ReturnType<typeof startLocalStack>>;

let stack: Stack;
let persistTo: string;
const notices: string[] = [];

const waitFor = (what: string, check: () => boolean | Promise<boolean>, timeoutMs = 45_000) =>
  waitUntil(what, check, { timeoutMs, context: () => `notices: ${notices}` });

/** Whether any process of the group `pid` leads is left. */
function alive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

beforeAll(async () => {
  persistTo = mkdtempSync(join(tmpdir(), "faceid-edge-supervision-"));
  stack = await startLocalStack({
    port: await freePort(),
    sandboxPort: await freePort(),
    persistTo,
    supervise: true,
    // One restart per minute, so that the second stop below gives up.
    maxRestarts: 1,
    restartWindowMs: 60_000,
    onNotice: (line) => notices.push(line),
  });
});

afterAll(async () => {
  await stack?.stop();
  rmSync(persistTo, { recursive: true, force: true });
});

describe("a supervised local stack", () => {
  it("starts the gateway again when its wrangler dies, says which one stopped and how, and it answers again", async () => {
    const first = stack.pid("gateway") as number;
    process.kill(-first, "SIGKILL");
    await waitFor("gateway back", () => notices.some((line) => line.startsWith("gateway is back")));
    expect(notices).toEqual([
      `gateway (wrangler dev on ${stack.gatewayUrl}) stopped unexpectedly (signal SIGKILL); restarting it`,
      `gateway is back on ${stack.gatewayUrl}`,
    ]);
    expect(stack.pid("gateway")).not.toBe(first);
    const health = await fetch(`${stack.gatewayUrl}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: "ok", sandbox: true });
    expect(await answers(stack.sandboxUrl)).toBe(true);
  });

  it("stops the whole stack and settles `failed` when the gateway keeps dying", async () => {
    const gateway = stack.pid("gateway") as number;
    const sandbox = stack.pid("sandbox") as number;
    process.kill(-gateway, "SIGKILL");
    const reason = await Promise.race([
      stack.failed,
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error(`no give-up: ${notices}`)), 30_000),
      ),
    ]);
    expect(reason.message).toBe(
      "the gateway keeps stopping (2 times within 60 s); the local stack is stopped",
    );
    expect(notices.at(-1)).toBe(
      `gateway (wrangler dev on ${stack.gatewayUrl}) stopped unexpectedly (signal SIGKILL); not restarting it: 1 restart within 60 s already`,
    );
    // The sandbox's wrangler has exited; what it started (workerd) goes right after.
    await waitFor("the sandbox's process group gone", () => !alive(sandbox), 10_000);
    expect(await answers(stack.sandboxUrl)).toBe(false);
    expect(await answers(stack.gatewayUrl)).toBe(false);
  });
});
