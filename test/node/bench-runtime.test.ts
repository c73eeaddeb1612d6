// The benchmark's gateway runtime (bench/gateway-runtime.ts) starts the bundle `wrangler deploy` would upload
// and serves it: `npm run bench` is not part of `npm test`, and a bundle Miniflare cannot load (an unresolved
// dynamic import of a library, say) would otherwise go unseen until someone benchmarks.
import { afterAll, describe, expect, it } from "vitest";
import { type GatewayRuntime, startGatewayRuntime } from "../../bench/gateway-runtime";

const runtimes: GatewayRuntime[] = [];

afterAll(async () => {
  await Promise.all(runtimes.map((runtime) => runtime.stop()));
});

/** `entry` bundled and served, and its health answered; nothing here reaches FaceID (a closed port stands in). */
async function healthyRuntime(entry: string): Promise<GatewayRuntime> {
  const lines: string[] = [];
  const runtime = await startGatewayRuntime({
    entry,
    vars: { TENCENT_ENDPOINT: "http://127.0.0.1:9" },
    onOutput: (line) => lines.push(line),
  });
  runtimes.push(runtime);
  const health = await fetch(`${runtime.url}/healthz`);
  expect(health.status, lines.join("\n")).toBe(200);
  expect(((await health.json()) as { status: string }).status).toBe("ok");
  return runtime;
}

describe("the benchmark's gateway runtime", () => {
  it("serves the deployable bundle: health and a described REST route", async () => {
    const runtime = await healthyRuntime("worker/index.ts");
    // A REST route, described for the OpenAPI document where it is defined: the bundle holds hono-openapi's
    // describers, whose unresolved dynamic imports Miniflare's module locator once refused.
    const unauthorised = await fetch(`${runtime.url}/v1/liveness/tokens`, { method: "POST" });
    expect(unauthorised.status).toBe(401);
    expect(((await unauthorised.json()) as { error: { code: string } }).error.code).toBe("unauthorized");
  });

  // The benchmark's own entry (the quota's limit lifted) must bundle too: it once left out a Durable Object
  // class wrangler.toml binds, wrangler refused it, and `npm run bench` could not start.
  it("serves the benchmark's gateway entry", async () => {
    await healthyRuntime("bench/worker/gateway-entry.ts");
  });
});
