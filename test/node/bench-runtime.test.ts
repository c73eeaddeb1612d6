// The benchmark's gateway runtime (bench/gateway-runtime.ts) starts the bundle `wrangler deploy` would upload
// and serves it: `npm run bench` is not part of `npm test`, and a bundle Miniflare cannot load (an unresolved
// dynamic import of a library, say) would otherwise go unseen until someone benchmarks.
import { afterAll, describe, expect, it } from "vitest";
import { type GatewayRuntime, startGatewayRuntime } from "../../bench/gateway-runtime";

let runtime: GatewayRuntime | undefined;

afterAll(async () => {
  await runtime?.stop();
});

describe("the benchmark's gateway runtime", () => {
  it("serves the deployable bundle: health and the OpenAPI document", async () => {
    const lines: string[] = [];
    // Nothing here reaches FaceID: a closed port stands in for it.
    runtime = await startGatewayRuntime({
      entry: "worker/index.ts",
      vars: { TENCENT_ENDPOINT: "http://127.0.0.1:9" },
      onOutput: (line) => lines.push(line),
    });
    const health = await fetch(`${runtime.url}/healthz`);
    expect(health.status, lines.join("\n")).toBe(200);
    expect(((await health.json()) as { status: string }).status).toBe("ok");
    const document = await fetch(`${runtime.url}/openapi.json`);
    expect(document.status).toBe(200);
    expect(Object.keys(((await document.json()) as { paths: object }).paths)).toContain(
      "/v1/liveness/compare",
    );
  });
});
