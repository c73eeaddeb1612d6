/**
 * The gateway under workerd (`wrangler dev`) pointed at a controllable FaceID stub with a short upstream
 * timeout, and a client for both dialects that keeps every response body, while every line wrangler and
 * workerd print is kept too: at the end a test looks through all of it for anything secret.
 */
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { promisify } from "node:util";
import { expect } from "vitest";
import { readDevVars } from "../../../scripts/dev-vars.mjs";
import { sandboxCredentials } from "../../../scripts/local-stack.mjs";
import { AUDIT_DATABASE } from "../../../scripts/migrate-local.mjs";
import { type LocalStack, startLocalStack } from "../../support/local-stack";
import { partnerHeaders } from "../../support/partner-signature";
import { type FaceIdStub, startFaceIdStub } from "./faceid-stub";

export const UPSTREAM_TIMEOUT_MS = 1500;

const ROOT = new URL("../../../", import.meta.url).pathname;
const run = promisify(execFile);

const MEDIA = new URL("../../fixtures/media/", import.meta.url);
export const media = (name: string): Buffer => readFileSync(new URL(name, MEDIA));

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  /** The body as JSON, or undefined when it is not JSON. */
  json: Record<string, unknown> | undefined;
  elapsedMs: number;
}

export interface PartnerCredentials {
  secretId: string;
  secretKey: string;
}

export interface ResilienceStack {
  stub: FaceIdStub;
  gatewayUrl: string;
  /** Tencent dialect: POST / signed with the partner's credentials (or `as`'s), as an official SDK signs it. */
  tencent(
    action: string,
    parameters: Record<string, unknown>,
    options?: { secretKey?: string; as?: PartnerCredentials },
  ): Promise<Answer>;
  /** Another partner of this gateway, made with the operator's CLI. */
  createPartner(name: string, options?: { weight?: number }): Promise<PartnerCredentials>;
  /** Any REST call; `token` goes in `Authorization: Bearer`. */
  rest(
    path: string,
    init?: { method?: string; token?: string; body?: BodyInit; headers?: Record<string, string> },
  ): Promise<Answer>;
  /** A new session token with `maxAttempts` verification attempts. */
  session(maxAttempts?: number): Promise<string>;
  /**
   * A liveness SdkToken obtained through the gateway as the partner obtains one, so the gateway records it as
   * the partner's and lets reads by it through to FaceID (a token it never handed out is refused locally):
   * `"tencent"`, ApplyLivenessToken signed with the partner's credentials; `"rest"`, POST /v1/liveness/tokens
   * on a session of its own (minting spends that session's one attempt). FaceID must answer normally.
   */
  sdkToken(via?: "tencent" | "rest"): Promise<string>;
  /** The REST compare upload of real files. */
  compareForm(video?: Buffer, image?: Buffer): FormData;
  /** Every value that must never appear in a response body or a log line, by what it is. */
  secrets(): Map<string, string>;
  /** Every response body seen, except the one that handed out each session token (it must hold it). */
  responseBodies(): { body: string; allowed: string[] }[];
  /**
   * Everything the gateway's wrangler and workerd printed (the local sandbox that `startLocalStack` also
   * starts is not in the path here: the stub is the upstream).
   */
  logs(): string;
  /** The request ids in the gateway's audit log, read from its local D1 state as an operator would. */
  auditedRequestIds(): Promise<Set<string>>;
  stop(): Promise<void>;
}

export async function startResilienceStack(): Promise<ResilienceStack> {
  const stub = await startFaceIdStub();
  const output: string[] = [];
  let stack: LocalStack | undefined;
  for (let attempt = 1; !stack; attempt++) {
    try {
      stack = await startLocalStack({
        vars: { TENCENT_ENDPOINT: stub.url, UPSTREAM_TIMEOUT_MS: String(UPSTREAM_TIMEOUT_MS) },
        onOutput: (source, text) => {
          if (source === "gateway") output.push(text);
        },
      });
    } catch (error) {
      // The machine is shared: a free port may be taken before wrangler binds it.
      if (attempt >= 3 || !String(error).includes("Address already in use")) throw error;
    }
  }
  const running = stack;
  const partner = await running.createPartner({ name: "Resilience Partner" });
  const agentKey = await running.createAgentKey(partner.partnerId, "Resilience Agent");
  const bodies: { body: string; allowed: string[] }[] = [];
  const sessionTokens: string[] = [];
  const otherPartners: PartnerCredentials[] = [];

  const call = async (path: string, init: RequestInit, allowed: string[] = []): Promise<Answer> => {
    const started = performance.now();
    const response = await fetch(`${running.gatewayUrl}${path}`, init);
    const text = await response.text();
    const elapsedMs = performance.now() - started;
    bodies.push({ body: text, allowed });
    let json: Record<string, unknown> | undefined;
    try {
      json = JSON.parse(text) as Record<string, unknown>;
    } catch {
      json = undefined;
    }
    return { status: response.status, headers: response.headers, text, json, elapsedMs };
  };

  const tencent: ResilienceStack["tencent"] = async (action, parameters, options = {}) => {
    const body = JSON.stringify(parameters);
    const signer = options.as ?? partner;
    const secretKey = options.secretKey ?? signer.secretKey;
    const headers = await partnerHeaders({ secretId: signer.secretId, secretKey, action, body });
    return call("/", { method: "POST", body, headers });
  };
  const rest: ResilienceStack["rest"] = (path, init = {}) => {
    const headers: Record<string, string> = { ...init.headers };
    if (init.token) headers.Authorization = `Bearer ${init.token}`;
    return call(path, {
      method: init.method ?? "GET",
      headers,
      ...(init.body !== undefined ? { body: init.body } : {}),
    });
  };
  const session: ResilienceStack["session"] = async (maxAttempts = 10) => {
    const response = await fetch(`${running.gatewayUrl}/v1/sessions`, {
      method: "POST",
      headers: { Authorization: `Bearer ${agentKey}`, "Content-Type": "application/json" },
      body: JSON.stringify({ maxAttempts }),
    });
    const text = await response.text();
    if (response.status !== 201) throw new Error(`session: ${response.status} ${text}`);
    const { sessionToken } = JSON.parse(text) as { sessionToken: string };
    sessionTokens.push(sessionToken);
    bodies.push({ body: text, allowed: [sessionToken] });
    return sessionToken;
  };

  return {
    stub,
    gatewayUrl: running.gatewayUrl,
    tencent,
    async createPartner(name, options = {}) {
      const created = await running.createPartner({ name, ...options });
      otherPartners.push(created);
      return created;
    },
    rest,
    session,
    async sdkToken(via = "tencent") {
      const answer =
        via === "tencent"
          ? await tencent("ApplyLivenessToken", { SecureLevel: "1" })
          : await rest("/v1/liveness/tokens", {
              method: "POST",
              token: await session(1),
              body: JSON.stringify({ secureLevel: "1" }),
              headers: { "Content-Type": "application/json" },
            });
      const token =
        via === "tencent"
          ? (answer.json?.Response as { SdkToken?: unknown } | undefined)?.SdkToken
          : answer.json?.sdkToken;
      if (typeof token !== "string" || !token) {
        throw new Error(`minting an SdkToken (${via}): ${answer.status} ${answer.text.slice(0, 200)}`);
      }
      return token;
    },
    compareForm(video = media("video-3s.mp4"), image = media("face.jpg")) {
      const form = new FormData();
      form.append("video", new Blob([new Uint8Array(video)], { type: "video/mp4" }), "video.mp4");
      form.append("image", new Blob([new Uint8Array(image)], { type: "image/jpeg" }), "face.jpg");
      form.append("livenessType", "SILENT");
      return form;
    },
    secrets() {
      const devVars = readDevVars();
      const found = new Map<string, string>([
        ["TENCENT_SECRET_KEY", sandboxCredentials().secretKey],
        ["PARTNER_KEY_SEED", devVars.PARTNER_KEY_SEED ?? ""],
        ["ADMIN_TOKEN", devVars.ADMIN_TOKEN ?? ""],
        ["VERDICT_SIGNING_KEY's private part", JSON.parse(devVars.VERDICT_SIGNING_KEY ?? "{}").d ?? ""],
        ["the partner's SecretKey", partner.secretKey],
        ["the agent key", agentKey],
      ]);
      otherPartners.forEach((other, i) => {
        found.set(`partner ${i + 2}'s SecretKey`, other.secretKey);
      });
      sessionTokens.forEach((token, i) => {
        found.set(`session token ${i + 1}`, token);
      });
      for (const name of ["face.jpg", "face.png", "video-3s.mp4", "video-3s-fragmented.mp4"]) {
        const base64 = media(name).toString("base64");
        found.set(`the base64 of ${name} (its start)`, base64.slice(0, 40));
        found.set(`the base64 of ${name} (its middle)`, base64.slice(200, 240));
      }
      for (const [what, value] of found)
        if (value.length < 16) throw new Error(`${what} is too short to look for`);
      return found;
    },
    responseBodies: () => bodies,
    logs: () => output.join(""),
    async auditedRequestIds() {
      const { stdout } = await run(
        process.execPath,
        [
          `${ROOT}node_modules/wrangler/bin/wrangler.js`,
          "d1",
          "execute",
          AUDIT_DATABASE,
          "--local",
          "--persist-to",
          running.persistTo,
          "--json",
          "--command",
          "SELECT request_id FROM audit_events",
        ],
        { cwd: ROOT, env: { ...process.env, CI: "true", WRANGLER_SEND_METRICS: "false" }, timeout: 60_000 },
      );
      const [answer] = JSON.parse(stdout) as { results: { request_id: string }[] }[];
      return new Set(answer?.results.map((row) => row.request_id));
    },
    async stop() {
      await running.stop();
      await stub.close();
    },
  };
}

/** What of `secrets` appears in the response bodies and the logs, as "what: where" lines. */
function leakedSecrets(stack: ResilienceStack): string[] {
  const leaks: string[] = [];
  const logs = stack.logs();
  for (const [what, value] of stack.secrets()) {
    if (logs.includes(value)) leaks.push(`${what}: in the wrangler/workerd output`);
    const inBody = stack
      .responseBodies()
      .find(({ body, allowed }) => !allowed.includes(value) && body.includes(value));
    if (inBody) leaks.push(`${what}: in a response body (${inBody.body.slice(0, 120)})`);
  }
  return leaks;
}

/**
 * The scan a suite ends with: at least `minimumBodies` answers were seen, the look-up finds what it looks for
 * (each session token is in the answer that handed it out), the logs were captured, and nothing leaked.
 */
export function expectNothingLeaked(stack: ResilienceStack, minimumBodies: number): void {
  const bodies = stack.responseBodies();
  expect(bodies.length).toBeGreaterThan(minimumBodies);
  expect(bodies.some(({ body, allowed }) => allowed.length > 0 && body.includes(allowed[0] as string))).toBe(
    true,
  );
  expect(stack.logs()).toContain("requestId");
  expect(leakedSecrets(stack)).toEqual([]);
}
