/**
 * The gateway's configuration, read from the Worker's bindings once per `env` object and checked, so a
 * misconfigured deployment fails with a clear log line instead of signing with an empty key.
 */
import { type FaceIdRegion, isFaceIdRegion } from "../shared/faceid/actions";
import { fail } from "./errors/failure";
import { normaliseOrigin } from "./partners/store";
import { readVerdictKeyConfig, type VerdictKeyConfig } from "./verdicts/key-config";
import { DEFAULT_RETRY_SCHEDULE, parseRetrySchedule } from "./webhooks/retry-schedule";

export interface GatewayConfig {
  endpoint: URL;
  region: FaceIdRegion;
  credentials: { secretId: string; secretKey: string; sessionToken?: string };
  upstreamTimeoutMs: number;
  partnerKeySeed: string;
  adminToken?: string;
  /** True when the upstream is not a Tencent Cloud host (the local sandbox). */
  sandboxUpstream: boolean;
  /** How long a session's record (its attempts, never media) is kept after the session expires. */
  sessionRetentionSeconds: number;
  /** Host names the gateway answers under (GATEWAY_HOSTS, lower case); empty: any. */
  servedHosts: string[];
  /**
   * The development entry's /demo: the page's origin (DEV_ORIGIN) and the partner npm start provisioned for it
   * (DEMO_PARTNER_ID); undefined unless both are set and DEV_ORIGIN is an http(s) origin.
   */
  demo?: { origin: string; partnerId: string };
  /**
   * The keys that sign verdict tokens and those /.well-known/jwks.json serves (verdicts/key-config.ts). Never
   * fatal here: a missing or invalid key turns verdicts off, with `problems` saying why.
   */
  verdicts: VerdictKeyConfig;
  webhooks: {
    /** WEBHOOK_RETRY_SCHEDULE in seconds: the delay before each retry of a refused delivery. */
    retryDelaysSeconds: number[];
    /** WEBHOOK_ALLOW_LOOPBACK is `on` (npm start): a receiver on this machine, over http, is allowed. */
    allowLoopback: boolean;
  };
  /** REDIRECT_ALLOW_LOOPBACK is `on` (npm start): hosted verifications may return to this machine. */
  allowLoopbackRedirects: boolean;
}

export const DEFAULT_ENDPOINT = "https://faceid.intl.tencentcloudapi.com";
export const DEFAULT_REGION = "ap-singapore";
const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_SESSION_RETENTION_DAYS = 7;

const cache = new WeakMap<object, GatewayConfig>();

export function gatewayConfig(env: Env): GatewayConfig {
  let config = cache.get(env);
  if (config === undefined) {
    config = readConfig(env);
    cache.set(env, config);
  }
  return config;
}

function readConfig(env: Env): GatewayConfig {
  const optional = env as unknown as Partial<Record<string, unknown>>;
  const secretId = text(env.TENCENT_SECRET_ID);
  const secretKey = text(env.TENCENT_SECRET_KEY);
  const partnerKeySeed = text(env.PARTNER_KEY_SEED);
  const missing = [
    ["TENCENT_SECRET_ID", secretId],
    ["TENCENT_SECRET_KEY", secretKey],
    ["PARTNER_KEY_SEED", partnerKeySeed],
  ]
    .filter(([, value]) => !value)
    .map(([name]) => name);
  if (missing.length > 0) fail({ kind: "internal", detail: `missing secrets: ${missing.join(", ")}` });

  let endpoint: URL;
  try {
    endpoint = new URL(text(env.TENCENT_ENDPOINT) || DEFAULT_ENDPOINT);
  } catch {
    return fail({ kind: "internal", detail: "TENCENT_ENDPOINT is not a URL" });
  }
  const region = text(env.TENCENT_REGION) || DEFAULT_REGION;
  if (!isFaceIdRegion(region)) {
    fail({ kind: "internal", detail: `TENCENT_REGION ${region} is not a FaceID region` });
  }
  const timeout = Number(text(env.UPSTREAM_TIMEOUT_MS) || DEFAULT_TIMEOUT_MS);
  const sessionToken = text(optional.TENCENT_SESSION_TOKEN);
  const adminToken = text(optional.ADMIN_TOKEN);
  const demo = demoSetup(text(optional.DEV_ORIGIN), text(optional.DEMO_PARTNER_ID));
  const retentionDays = Number(text(optional.SESSION_RETENTION_DAYS) || DEFAULT_SESSION_RETENTION_DAYS);
  if (!Number.isFinite(retentionDays) || retentionDays < 0 || retentionDays > 365) {
    fail({ kind: "internal", detail: "SESSION_RETENTION_DAYS is not a number of days from 0 to 365" });
  }
  const schedule = parseRetrySchedule(text(optional.WEBHOOK_RETRY_SCHEDULE) || DEFAULT_RETRY_SCHEDULE);
  if ("problem" in schedule) fail({ kind: "internal", detail: schedule.problem });
  return {
    endpoint,
    region,
    credentials: { secretId, secretKey, ...(sessionToken ? { sessionToken } : {}) },
    upstreamTimeoutMs: Number.isFinite(timeout) && timeout > 0 ? timeout : DEFAULT_TIMEOUT_MS,
    partnerKeySeed,
    ...(adminToken ? { adminToken } : {}),
    sandboxUpstream: !endpoint.hostname.endsWith(".tencentcloudapi.com"),
    sessionRetentionSeconds: Math.round(retentionDays * 86_400),
    servedHosts: text(optional.GATEWAY_HOSTS)
      .split(",")
      .map((host) => host.trim().toLowerCase())
      .filter(Boolean),
    ...(demo ? { demo } : {}),
    verdicts: readVerdictKeyConfig(
      optional.VERDICT_SIGNING_KEY,
      optional.VERDICT_RETIRED_KEYS,
      optional.VERDICT_ISSUER,
    ),
    webhooks: {
      retryDelaysSeconds: "delays" in schedule ? schedule.delays : [],
      allowLoopback: text(optional.WEBHOOK_ALLOW_LOOPBACK) === "on",
    },
    allowLoopbackRedirects: text(optional.REDIRECT_ALLOW_LOOPBACK) === "on",
  };
}

function demoSetup(origin: string, partnerId: string): GatewayConfig["demo"] {
  if (!origin || !partnerId) return undefined;
  try {
    return { origin: normaliseOrigin(origin), partnerId };
  } catch {
    return undefined;
  }
}

function text(value: unknown): string {
  return typeof value === "string" ? value.trim() : "";
}
