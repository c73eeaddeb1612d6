// The gateway as the tests drive it: real bindings (Miniflare KV), the real sandbox as its upstream in the
// same isolate, and a record of every upstream call so a test can prove a refusal never reached FaceID.
import { env } from "cloudflare:workers";
import { createSandbox } from "../../sandbox/index";
import { createGateway } from "../../worker/app";
import { DEMO_BASE_PATH, demoRoutes } from "../../worker/demo/routes";
import { type NewPartner, PartnerStore } from "../../worker/partners/store";
import { AgentKeyStore } from "../../worker/sessions/agent-keys";
import { fixtureBytes, type MediaFixture } from "./fixtures";
import { type PartnerSignatureOptions, partnerHeaders } from "./partner-signature";

export const GATEWAY_URL = "http://127.0.0.1:8787/";

/**
 * The gateway's clock as a test drives it: the real time when made, then still until the test moves it. It
 * starts at the real time because Durable Object alarms (session and handle records) fire on the real clock,
 * and partner requests are signed at the real time unless told otherwise.
 */
export class GatewayClock {
  now = Date.now();
  readonly read = () => this.now;

  /** Unix seconds, as session tokens and TC3 timestamps count. */
  get seconds(): number {
    return Math.floor(this.now / 1000);
  }

  advance(ms: number): void {
    this.now += ms;
  }
}

/**
 * `options.clock` is the gateway's (and its sandbox's) clock: `GatewayClock#read` to drive time, the real
 * clock by default. `options.env` replaces the bindings the gateway sees (e.g. `{ ...env, DEV_ORIGIN: "…" }`).
 * `options.demo` mounts /demo, as the development entry npm start runs does (worker/dev-entry.ts).
 */
export function testGateway(options: { clock?: () => number; env?: Env; demo?: boolean } = {}) {
  const clock = options.clock ?? Date.now;
  const sandbox = createSandbox({ clock });
  const upstreamCalls: Request[] = [];
  /** When each upstream call left the gateway (ms), on the real clock, the one the quota objects keep. */
  const upstreamTimes: number[] = [];
  const sandboxEnv = {
    SANDBOX_SECRET_ID: env.TENCENT_SECRET_ID,
    SANDBOX_SECRET_KEY: env.TENCENT_SECRET_KEY,
    SANDBOX_STATE: env.SANDBOX_STATE,
  };
  const gateway = createGateway({
    clock,
    ...(options.demo ? { routes: (app, context) => app.route(DEMO_BASE_PATH, demoRoutes(context)) } : {}),
    upstreamFetch: async (input, init) => {
      const request = new Request(input, init);
      upstreamCalls.push(request.clone());
      upstreamTimes.push(Date.now());
      return sandbox.fetch(request, sandboxEnv);
    },
  });
  return {
    upstreamCalls,
    upstreamTimes,
    fetch: (request: Request) => gateway.request(request, undefined, options.env ?? env),
    /** The gateway's upstream itself, e.g. to play the person on the sandbox's hosted verification page. */
    sandbox: (request: Request) => sandbox.fetch(request, sandboxEnv),
  };
}

export async function createPartner(input: Partial<NewPartner> = {}) {
  const store = new PartnerStore(env.PARTNERS, env.PARTNER_KEY_SEED);
  const { record, secretKey } = await store.create({ name: "Test Partner", ...input });
  return { ...record, secretKey, revoke: () => store.revoke(record.secretId) };
}

export interface PartnerCallOptions extends PartnerSignatureOptions {
  headers?: Record<string, string>;
}

/** A request signed the way an official SDK pointed at the gateway signs it. */
export async function partnerRequest(options: PartnerCallOptions): Promise<Request> {
  return new Request(GATEWAY_URL, {
    method: "POST",
    body: options.body,
    headers: { Host: "127.0.0.1:8787", ...(await partnerHeaders(options)), ...options.headers },
  });
}

export async function tencentJson(response: Response): Promise<{ Response: Record<string, unknown> }> {
  return (await response.json()) as { Response: Record<string, unknown> };
}

export const REST_ORIGIN = "https://kyc.partner.test";

/** A partner with a registered origin, an agent key, and a way to mint session tokens through POST /v1/sessions. */
export async function restPartner(gateway: ReturnType<typeof testGateway>, input: Partial<NewPartner> = {}) {
  const partner = await createPartner({ origins: [REST_ORIGIN], ...input });
  const { agentKey, record } = await new AgentKeyStore(env.PARTNERS).create(partner.partnerId, "Agent Test");
  const session = async (body: Record<string, unknown> = {}) => {
    const response = await gateway.fetch(
      new Request(`${GATEWAY_URL}v1/sessions`, {
        method: "POST",
        headers: { Authorization: `Bearer ${agentKey}`, "Content-Type": "application/json" },
        body: JSON.stringify(body),
      }),
    );
    if (response.status !== 201) throw new Error(`session: ${response.status} ${await response.text()}`);
    return ((await response.json()) as { sessionToken: string }).sessionToken;
  };
  return { partner, agentKey, agentKeyId: record.keyId, session };
}

/** A REST request with a session token, from the partner's page origin unless told otherwise. */
type RestPartner = Awaited<ReturnType<typeof restPartner>>;

/**
 * The gateway's own actions (CreateCaptureSession, RevokeCaptureSession, DescribeCaptureSession) as a
 * partner's backend calls them, signed at `clock`'s time; each answers Tencent's `Response`.
 */
export function partnerActions(gateway: ReturnType<typeof testGateway>, clock: GatewayClock) {
  const call = async (partner: RestPartner, action: string, parameters: Record<string, unknown>) => {
    const response = await gateway.fetch(
      await partnerRequest({
        secretId: partner.partner.secretId,
        secretKey: partner.partner.secretKey,
        action,
        body: JSON.stringify(parameters),
        timestamp: clock.seconds,
      }),
    );
    return (await tencentJson(response)).Response;
  };
  /** A session for REST_ORIGIN, opened by the partner's backend. */
  const openSession = async (partner: RestPartner, parameters: Record<string, unknown> = {}) =>
    (await call(partner, "CreateCaptureSession", { Origin: REST_ORIGIN, ...parameters })) as {
      SessionId: string;
      SessionToken: string;
      ExpiredTimestamp: number;
    };
  return { call, openSession };
}

export function restRequest(
  path: string,
  token: string | undefined,
  init: RequestInit & { origin?: string | null } = {},
): Request {
  const headers = new Headers(init.headers);
  if (token !== undefined) headers.set("Authorization", `Bearer ${token}`);
  if (init.origin !== null) headers.set("Origin", init.origin ?? REST_ORIGIN);
  return new Request(`${GATEWAY_URL}${path.replace(/^\//, "")}`, { ...init, headers });
}

/** A multipart compare upload of real files. */
export function compareForm(fields: Record<string, Uint8Array | string>): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    if (typeof value === "string") form.append(name, value);
    else form.append(name, new Blob([value as Uint8Array<ArrayBuffer>]), name);
  }
  return form;
}

/** The usual upload: a 3-second video (an MP4 unless told), the face photo, SILENT liveness. */
export function silentCompareForm(video: MediaFixture = "video-3s.mp4"): FormData {
  return compareForm({ video: fixtureBytes(video), image: fixtureBytes("face.jpg"), livenessType: "SILENT" });
}
