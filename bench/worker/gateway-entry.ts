/**
 * The gateway as the benchmark runs it: the production app (`createGateway`, same routes, same code path),
 * with two additions that exist only here (`wrangler dev bench/worker/gateway-entry.ts`, never deployed:
 * wrangler.toml's main is worker/index.ts):
 * - the edge-wide quota Durable Object is still consulted for every upstream call, but with its per-action
 *   limit lifted, so throughput shows the gateway's own cost instead of Tencent's 20/s cap (the benchmark
 *   measures the real cap separately, against worker/index.ts);
 * - `POST /__bench/relay`, a bare relay in the same runtime: it reads the body and sends the same bytes
 *   upstream with the gateway's own code, and does nothing else. Its CPU is what moving the bytes in and out
 *   costs; the benchmark subtracts it from the gateway's to give the gateway's own work;
 * - `POST /__bench/read`, `/__bench/hash` and `/__bench/body-work`: the body read, then answered; read and
 *   hashed; or read, hashed and checked in place as the Tencent dialect does. The differences are the work the
 *   gateway does per byte.
 */
import { createGateway } from "../../worker/app";
import { tencentBodyProvedInPlace } from "../../worker/compare/request";
import { gatewayConfig } from "../../worker/config";
import { FaceIdClient } from "../../worker/faceid/client";
import { readBoundedBody } from "../../worker/http/body";
import { MAX_JSON_BYTES } from "../../worker/rest/compare";
import { sha256Hex } from "../../worker/tc3/digest";
import { BENCH_ROUTES } from "../bench-routes";

export { CaptureSession, HandleOwner, HandoffLink, UpstreamQuota } from "../../worker/durable-objects";

const LIFTED_LIMIT_PER_SECOND = 1_000_000;
/** The relay signs with a stand-in digest: the stub checks a signature's shape, not its value. */
const UNHASHED = "0".repeat(64);

const gateway = createGateway();
const lifted = new WeakMap<Env, Env>();

export default {
  fetch(request, env, ctx) {
    const url = new URL(request.url);
    switch (url.pathname) {
      case BENCH_ROUTES.relay:
        return relay(request, env);
      case BENCH_ROUTES.read:
        return read(request);
      case BENCH_ROUTES.hash:
        return hash(request);
      case BENCH_ROUTES.bodyWork:
        return bodyWork(request);
      default:
        return gateway.fetch(request, withLiftedQuota(env), ctx);
    }
  },
} satisfies ExportedHandler<Env>;

/**
 * The same bindings, with UPSTREAM_QUOTA's objects taking every `acquire` at a lifted limit; every other call
 * goes to the real object unchanged.
 */
function withLiftedQuota(env: Env): Env {
  let wrapped = lifted.get(env);
  if (wrapped === undefined) {
    const namespace = env.UPSTREAM_QUOTA;
    const quota = {
      idFromName: (name: string) => namespace.idFromName(name),
      get: (id: DurableObjectId) => liftedObject(namespace.get(id)),
    };
    wrapped = { ...env, UPSTREAM_QUOTA: quota as unknown as Env["UPSTREAM_QUOTA"] };
    lifted.set(env, wrapped);
  }
  return wrapped;
}

function liftedObject(stub: ReturnType<Env["UPSTREAM_QUOTA"]["get"]>) {
  const calls = stub as unknown as Record<string, (...args: unknown[]) => unknown>;
  return new Proxy(
    {},
    {
      get: (_, name) => {
        // Not a promise: awaiting the object must not call the real one.
        if (typeof name !== "string" || name === "then") return undefined;
        if (name === "acquire") {
          return (request: Parameters<typeof stub.acquire>[0]) =>
            stub.acquire({ ...request, limitPerSecond: LIFTED_LIMIT_PER_SECOND });
        }
        return (...args: unknown[]) => calls[name]?.(...args);
      },
    },
  );
}

/**
 * The relay: the gateway's own body reader and FaceID client (signing with a given digest, streaming the
 * body, reading the answer), and nothing else: no partner, no hashing, no validation, no quota, no audit.
 */
async function relay(request: Request, env: Env): Promise<Response> {
  const body = await readBoundedBody(request, MAX_JSON_BYTES);
  const config = gatewayConfig(env);
  const client = new FaceIdClient({
    endpoint: config.endpoint,
    region: config.region,
    credentials: config.credentials,
    timeoutMs: config.upstreamTimeoutMs,
  });
  const answer = await client.send("CompareFaceLiveness", body, { bodyHash: UNHASHED });
  return new Response(answer.bytes, { headers: { "Content-Type": "application/json" } });
}

async function read(request: Request): Promise<Response> {
  const body = await readBoundedBody(request, MAX_JSON_BYTES);
  return new Response(String(body.byteLength));
}

async function hash(request: Request): Promise<Response> {
  const body = await readBoundedBody(request, MAX_JSON_BYTES);
  return new Response(await sha256Hex(body));
}

async function bodyWork(request: Request): Promise<Response> {
  const body = await readBoundedBody(request, MAX_JSON_BYTES);
  const hash = await sha256Hex(body);
  return new Response(JSON.stringify({ hash, valid: tencentBodyProvedInPlace(new Uint8Array(body)) }));
}
