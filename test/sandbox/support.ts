// Calls to the sandbox signed the way the gateway signs its upstream calls, with a clock the test controls.
import { env } from "cloudflare:workers";
import { createSandbox, type Sandbox, type SandboxBindings } from "../../sandbox/index";
import { encodeBase64 } from "../../shared/base64";
import { Tc3Signer } from "../../worker/tc3/signer";
import { fixtureBase64, type MediaFixture } from "../support/fixtures";

export const SANDBOX_URL = "http://127.0.0.1:8788/";

/** The sandbox credential of these tests (not the one in sandbox/wrangler.toml, to prove it comes from env). */
export const CREDENTIAL = {
  secretId: "AKIDsandboxTestCredential0000000000",
  secretKey: "sandbox-test-secret-key",
};

export const SANDBOX_ENV: SandboxBindings = {
  SANDBOX_SECRET_ID: CREDENTIAL.secretId,
  SANDBOX_SECRET_KEY: CREDENTIAL.secretKey,
  SANDBOX_STATE: env.SANDBOX_STATE,
};

/** 2026-05-01T12:00:00.250Z: a quarter second into a second, so small steps stay in the same second. */
export const START = Date.UTC(2026, 4, 1, 12, 0, 0, 250);

export class TestClock {
  now = START;
  readonly read = () => this.now;

  advance(seconds: number): void {
    this.now += seconds * 1000;
  }
}

export function testSandbox(): { sandbox: Sandbox; clock: TestClock } {
  const clock = new TestClock();
  return { sandbox: createSandbox({ clock: clock.read }), clock };
}

export interface CallOptions {
  /** Omitted: no X-TC-Action header. */
  action?: string;
  /** An object is sent as JSON; a string as is. */
  body?: unknown;
  region?: string | null;
  version?: string | null;
  /** Unix seconds to sign with; defaults to the clock's. */
  timestamp?: number;
  secretId?: string;
  secretKey?: string;
  service?: string;
  /** The host the signer signs; defaults to the URL's host with its port. */
  signedHost?: string;
  /** Replaces the body after signing. */
  tamperedBody?: string;
  headers?: Record<string, string>;
}

/** A FaceID call to the sandbox, TC3-signed with content-type;host;x-tc-action like the gateway. */
export async function signedCall(clock: TestClock, options: CallOptions): Promise<Request> {
  const body = typeof options.body === "string" ? options.body : JSON.stringify(options.body ?? {});
  const contentType = "application/json";
  const signer = new Tc3Signer(
    {
      secretId: options.secretId ?? CREDENTIAL.secretId,
      secretKey: options.secretKey ?? CREDENTIAL.secretKey,
    },
    { clock: clock.read },
  );
  const signature = await signer.signBody(
    {
      host: options.signedHost ?? new URL(SANDBOX_URL).host,
      service: options.service ?? "faceid",
      contentType,
      ...(options.action !== undefined ? { action: options.action } : {}),
      ...(options.timestamp !== undefined ? { timestamp: options.timestamp } : {}),
    },
    body,
  );
  const headers: Record<string, string> = {
    Authorization: signature.authorization,
    "Content-Type": contentType,
    "X-TC-Timestamp": String(signature.timestamp),
  };
  if (options.action !== undefined) headers["X-TC-Action"] = options.action;
  if (options.version !== null) headers["X-TC-Version"] = options.version ?? "2018-03-01";
  if (options.region !== null) headers["X-TC-Region"] = options.region ?? "ap-singapore";
  return new Request(SANDBOX_URL, {
    method: "POST",
    body: options.tamperedBody ?? body,
    headers: { ...headers, ...options.headers },
  });
}

export interface TencentAnswer {
  status: number;
  headers: Headers;
  /** `Response` of the body. */
  response: Record<string, unknown> & { RequestId: string; Error?: { Code: string; Message: string } };
}

export async function call(sandbox: Sandbox, clock: TestClock, options: CallOptions): Promise<TencentAnswer> {
  return answerOf(await sandbox.fetch(await signedCall(clock, options), SANDBOX_ENV));
}

export async function answerOf(response: Response): Promise<TencentAnswer> {
  const body = (await response.json()) as { Response: TencentAnswer["response"] };
  return { status: response.status, headers: response.headers, response: body.Response };
}

/** The Error code of an answer, or undefined for a success. */
export function errorCode(answer: TencentAnswer): string | undefined {
  return answer.response.Error?.Code;
}

export function compareBody(
  image: MediaFixture | Uint8Array,
  video: MediaFixture | Uint8Array,
  extra: Record<string, unknown> = { LivenessType: "SILENT" },
): Record<string, unknown> {
  return { ImageBase64: base64Of(image), VideoBase64: base64Of(video), ...extra };
}

function base64Of(media: MediaFixture | Uint8Array): string {
  return typeof media === "string" ? fixtureBase64(media) : encodeBase64(media);
}
