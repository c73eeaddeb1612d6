// Webhooks as the gateway produces and sends them: which URLs a partner may register (and the gateway will call),
// the operator's admin API, the events a capture session's life produces (read back from the audit database, where
// the publisher keeps each one), and the consumer's deliveries: signed so the `standardwebhooks` package verifies
// them, retried on the schedule, bounded in time and in what they read. The deliveries over a real queue to a real
// receiver are in test/node/webhooks.test.ts.
import {
  createExecutionContext,
  createMessageBatch,
  getQueueResult,
  runDurableObjectAlarm,
  runInDurableObject,
} from "cloudflare:test";
import { env } from "cloudflare:workers";
import { Webhook } from "standardwebhooks";
import { beforeEach, describe, expect, it } from "vitest";
import { withSandboxOutcome } from "../../sandbox/outcome-marker";
import type { WebhookEvent } from "../../shared/webhooks/events";
import { outboxRetryDelay } from "../../worker/sessions/capture-session";
import { deliverOnce, MAX_ANSWER_BYTES } from "../../worker/webhooks/delivery";
import type { WebhookMessage } from "../../worker/webhooks/delivery-log";
import { checkWebhookUrl } from "../../worker/webhooks/endpoint-url";
import { consumeWebhooks } from "../../worker/webhooks/queue-consumer";
import { ROTATION_OVERLAP_MS, WebhookStore } from "../../worker/webhooks/webhook-store";
import { fixtureBytes } from "../support/fixtures";
import {
  compareForm,
  GATEWAY_URL,
  GatewayClock,
  partnerActions,
  restPartner,
  restRequest,
  silentCompareForm,
  testGateway,
} from "../support/gateway";

type Gateway = ReturnType<typeof testGateway>;
type Partner = Awaited<ReturnType<typeof restPartner>>;

const ADMIN = { Authorization: "Bearer test-admin-token", "Content-Type": "application/json" };
const HOOK_URL = "https://hooks.partner-a.example/faceid";

let clock: GatewayClock;
let gateway: Gateway;

let partnerCall: ReturnType<typeof partnerActions>["call"];
let openSession: ReturnType<typeof partnerActions>["openSession"];

beforeEach(() => {
  clock = new GatewayClock();
  gateway = testGateway({ clock: clock.read });
  ({ call: partnerCall, openSession } = partnerActions(gateway, clock));
});

function admin(method: string, path: string, body?: unknown, headers: Record<string, string> = ADMIN) {
  return gateway.fetch(
    new Request(`${GATEWAY_URL}admin/${path}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    }),
  );
}

async function setWebhook(partner: Partner, url = HOOK_URL) {
  const response = await admin("PUT", `partners/${partner.partner.partnerId}/webhook`, { url });
  expect(response.status).toBe(200);
  return (await response.json()) as { url: string; secret: string };
}

async function compare(token: string, form: FormData = silentCompareForm()) {
  const response = await gateway.fetch(
    restRequest("/v1/liveness/compare", token, { method: "POST", body: form }),
  );
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

function failingForm() {
  const image = withSandboxOutcome(fixtureBytes("face.jpg"), "FailedOperation.CompareLowSimilarity");
  return compareForm({ video: fixtureBytes("video-3s.mp4"), image, livenessType: "SILENT" });
}

/** The events the gateway published for a partner, in order, as their receiver would parse them. */
async function publishedEvents(partnerId: string): Promise<(WebhookEvent & { webhookId: string })[]> {
  const { results } = await env.AUDIT_DB.prepare(
    "SELECT webhook_id, payload FROM webhook_events WHERE partner_id = ? ORDER BY rowid",
  )
    .bind(partnerId)
    .all<{ webhook_id: string; payload: string }>();
  return results.map((row) => ({ webhookId: row.webhook_id, ...(JSON.parse(row.payload) as WebhookEvent) }));
}

describe("which webhook URLs are accepted", () => {
  const refused: [string, string][] = [
    ["http://hooks.partner.example/x", "is not https"],
    ["ftp://hooks.partner.example/x", "is not https"],
    ["not a url", "is not an absolute URL"],
    ["https://user:pw@hooks.partner.example/x", "carries credentials"],
    ["https://127.0.0.1/x", "IPv4 address that is not public"],
    ["https://2130706433/x", "IPv4 address that is not public"], // 127.0.0.1 as one number
    ["https://0x7f.1/x", "IPv4 address that is not public"],
    ["https://10.1.2.3/x", "IPv4 address that is not public"],
    ["https://172.20.0.1/x", "IPv4 address that is not public"],
    ["https://192.168.1.10/x", "IPv4 address that is not public"],
    ["https://169.254.169.254/latest/meta-data/", "IPv4 address that is not public"],
    ["https://100.100.100.200/x", "IPv4 address that is not public"],
    ["https://168.63.129.16/x", "IPv4 address that is not public"],
    ["https://0.0.0.0/x", "IPv4 address that is not public"],
    ["https://[::1]/x", "IPv6 address that is not public"],
    ["https://[::]/x", "IPv6 address that is not public"],
    ["https://[fe80::1]/x", "IPv6 address that is not public"],
    ["https://[fd00:ec2::254]/x", "IPv6 address that is not public"],
    ["https://[::ffff:169.254.169.254]/x", "IPv6 address that is not public"],
    ["https://[64:ff9b::a00:1]/x", "IPv6 address that is not public"],
    ["https://localhost/x", "local to a network"],
    ["https://LOCALHOST./x", "local to a network"],
    ["https://printer.local/x", "local to a network"],
    ["https://metadata.google.internal/x", "local to a network"],
    ["https://app.localhost/x", "local to a network"],
    ["https://intranet/x", "without a domain"],
    [`https://hooks.partner.example/${"a".repeat(2100)}`, "longer than 2048"],
  ];
  for (const [url, reason] of refused) {
    it(`refuses ${url.slice(0, 60)}: ${reason}`, () => {
      const check = checkWebhookUrl(url, { allowLoopback: false });
      expect(check.ok).toBe(false);
      expect(check.ok ? "" : check.reason).toContain(reason);
    });
  }

  it("accepts a public https endpoint, by name or address", () => {
    for (const url of [HOOK_URL, "https://93.184.215.14:8443/hook?x=1", "https://[2606:4700::1111]/hook"]) {
      expect(checkWebhookUrl(url, { allowLoopback: false })).toMatchObject({ ok: true });
    }
    expect(checkWebhookUrl("https://[::ffff:93.184.215.14]/hook", { allowLoopback: false }).ok).toBe(true);
  });

  it("allows loopback, over http too, only while WEBHOOK_ALLOW_LOOPBACK is on, and never a private address", () => {
    for (const url of [
      "http://127.0.0.1:9999/hook",
      "http://localhost:9999/hook",
      "http://[::1]:9999/hook",
    ]) {
      expect(checkWebhookUrl(url, { allowLoopback: true }).ok).toBe(true);
      expect(checkWebhookUrl(url, { allowLoopback: false }).ok).toBe(false);
    }
    expect(checkWebhookUrl("http://10.0.0.1/hook", { allowLoopback: true }).ok).toBe(false);
    expect(checkWebhookUrl("http://hooks.partner.example/hook", { allowLoopback: true }).ok).toBe(false);
  });
});

describe("the admin API for webhooks", () => {
  it("registers an endpoint and shows its secret once, in the Standard Webhooks format", async () => {
    const alpha = await restPartner(gateway);
    const issued = await setWebhook(alpha);
    expect(issued.url).toBe(HOOK_URL);
    expect(issued.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    // The record holds no secret: only nonces it is derived from.
    const stored = await env.PARTNERS.get(`webhook:${alpha.partner.partnerId}`);
    expect(stored).not.toContain(issued.secret.slice(6));
    expect(stored).not.toContain("whsec_");
  });

  it("refuses a bad URL (400, naming why), an unknown partner, and any caller without the admin token", async () => {
    const alpha = await restPartner(gateway);
    const bad = await admin("PUT", `partners/${alpha.partner.partnerId}/webhook`, {
      url: "https://10.0.0.7/hook",
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string; message: string } }).error).toMatchObject({
      code: "invalid_request",
      message: "The webhook URL names an IPv4 address that is not public.",
    });
    const loopback = await admin("PUT", `partners/${alpha.partner.partnerId}/webhook`, {
      url: "http://127.0.0.1:9/hook",
    });
    expect(loopback.status).toBe(400);
    const unknown = await admin("PUT", "partners/ptn_doesNotExist000/webhook", { url: HOOK_URL });
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toContain("no active partner ptn_doesNotExist000");
    const noBody = await admin("PUT", `partners/${alpha.partner.partnerId}/webhook`, { address: HOOK_URL });
    expect(noBody.status).toBe(400);

    for (const headers of [
      {} as Record<string, string>,
      { Authorization: `Bearer ${alpha.partner.secretKey}` },
      { Authorization: `Bearer ${alpha.agentKey}` },
    ]) {
      const refused = await admin(
        "PUT",
        `partners/${alpha.partner.partnerId}/webhook`,
        { url: HOOK_URL },
        headers,
      );
      expect(refused.status).toBe(401);
      const deliveries = await admin(
        "GET",
        `partners/${alpha.partner.partnerId}/webhook/deliveries`,
        undefined,
        headers,
      );
      expect(deliveries.status).toBe(401);
    }
    expect(await env.PARTNERS.get(`webhook:${alpha.partner.partnerId}`)).toBeNull();
    expect(gateway.upstreamCalls).toHaveLength(0);
  });

  it("rotates: the new secret and the previous one both sign for 24 hours, then only the new one", async () => {
    const alpha = await restPartner(gateway);
    const first = await setWebhook(alpha);
    const rotatedAt = Date.now();
    const response = await admin("POST", `partners/${alpha.partner.partnerId}/webhook/rotate`);
    expect(response.status).toBe(200);
    const rotated = (await response.json()) as { url: string; secret: string; previousRetiresAt: string };
    expect(rotated.secret).not.toBe(first.secret);
    expect(Date.parse(rotated.previousRetiresAt) - rotatedAt).toBeGreaterThanOrEqual(
      ROTATION_OVERLAP_MS - 5_000,
    );

    const store = new WebhookStore(env.PARTNERS, env.PARTNER_KEY_SEED);
    const endpoint = await store.get(alpha.partner.partnerId);
    if (!endpoint) throw new Error("no endpoint");
    expect(await store.signingSecrets(endpoint, new Date(rotatedAt + 60_000))).toEqual([
      rotated.secret,
      first.secret,
    ]);
    expect(await store.signingSecrets(endpoint, new Date(Date.parse(rotated.previousRetiresAt) + 1))).toEqual(
      [rotated.secret],
    );

    // `set` again starts over: one new secret, the others stop at once.
    const reset = await setWebhook(alpha);
    const replaced = await store.get(alpha.partner.partnerId);
    expect(replaced && (await store.signingSecrets(replaced, new Date()))).toEqual([reset.secret]);
  });

  it("removes an endpoint; rotating or removing one that does not exist says so", async () => {
    const alpha = await restPartner(gateway);
    expect((await admin("POST", `partners/${alpha.partner.partnerId}/webhook/rotate`)).status).toBe(400);
    await setWebhook(alpha);
    expect(await (await admin("DELETE", `partners/${alpha.partner.partnerId}/webhook`)).json()).toEqual({
      removed: true,
    });
    expect((await admin("DELETE", `partners/${alpha.partner.partnerId}/webhook`)).status).toBe(404);
    expect((await admin("POST", `partners/${alpha.partner.partnerId}/webhook/test`)).status).toBe(400);
    expect((await admin("POST", "webhook-deliveries/dlv_unknown/redeliver")).status).toBe(404);
  });
});

describe("the events of a capture session", () => {
  it("sends capture.verdict with the page's verdict token, then capture.completed when an attempt passes", async () => {
    const alpha = await restPartner(gateway);
    await setWebhook(alpha);
    const opened = await openSession(alpha, { ExternalId: "case-77", MaxAttempts: 3 });
    const failed = await compare(opened.SessionToken, failingForm());
    const passed = await compare(opened.SessionToken);
    expect([failed.body.passed, passed.body.passed]).toEqual([false, true]);

    const events = await publishedEvents(alpha.partner.partnerId);
    expect(events.map((event) => event.type)).toEqual([
      "capture.verdict",
      "capture.verdict",
      "capture.completed",
    ]);
    expect(events[0]?.data).toEqual({
      sessionId: opened.SessionId,
      externalId: "case-77",
      attempt: 1,
      passed: false,
      result: failed.body.result,
      similarity: failed.body.similarity,
      tencentRequestId: failed.body.tencentRequestId,
      verdictToken: failed.body.verdictToken,
    });
    expect(events[1]?.data).toMatchObject({
      attempt: 2,
      passed: true,
      verdictToken: passed.body.verdictToken,
    });
    expect(events[2]?.data).toEqual({ ...events[1]?.data, status: "passed" });
    expect(new Set(events.map((event) => event.webhookId)).size).toBe(3);
    for (const event of events) expect(Date.parse(event.timestamp)).toBeGreaterThan(0);
  });

  it("does not call a session failed while its last attempt is in flight: the pass that lands after completes it", async () => {
    const alpha = await restPartner(gateway);
    await setWebhook(alpha);
    const opened = await openSession(alpha, { MaxAttempts: 2 });
    const session = env.CAPTURE_SESSIONS.get(env.CAPTURE_SESSIONS.idFromName(opened.SessionId));
    // Two uploads at once: both spend their attempt as they start; the failing one is answered first.
    const expiry = opened.ExpiredTimestamp;
    expect(await session.consumeAttempt(2, expiry, Date.now())).toEqual({ ok: true, attemptsUsed: 1 });
    expect(await session.consumeAttempt(2, expiry, Date.now())).toEqual({ ok: true, attemptsUsed: 2 });
    const attempt = (passed: boolean, result: string) => ({
      at: Date.now(),
      flow: "compare" as const,
      livenessType: "SILENT" as const,
      actions: [],
      result,
      passed,
      similarity: passed ? 91.5 : 42,
      tencentRequestId: crypto.randomUUID(),
      requestId: crypto.randomUUID(),
      capturedBy: "session",
      origin: null,
      checksOverridden: false,
    });
    await session.recordAttempt(attempt(false, "FailedOperation.CompareLowSimilarity"), "token-1");
    expect((await partnerCall(alpha, "DescribeCaptureSession", { SessionId: opened.SessionId })).Status).toBe(
      "pending",
    );
    expect((await publishedEvents(alpha.partner.partnerId)).map((event) => event.type)).toEqual([
      "capture.verdict",
    ]);

    await session.recordAttempt(attempt(true, "Success"), "token-2");
    expect((await partnerCall(alpha, "DescribeCaptureSession", { SessionId: opened.SessionId })).Status).toBe(
      "passed",
    );
    const events = await publishedEvents(alpha.partner.partnerId);
    expect(events.map((event) => [event.type, "status" in event.data ? event.data.status : null])).toEqual([
      ["capture.verdict", null],
      ["capture.verdict", null],
      ["capture.completed", "passed"],
    ]);
  });

  it("keeps events it could not queue, and its alarm sends them later, once, before the session's own steps", async () => {
    const alpha = await restPartner(gateway);
    await setWebhook(alpha);
    const opened = await openSession(alpha, { MaxAttempts: 1 });
    const session = env.CAPTURE_SESSIONS.get(env.CAPTURE_SESSIONS.idFromName(opened.SessionId));
    const alarm = () => runInDurableObject(session, (_, state) => state.storage.getAlarm());
    // A real failure of the real delivery log: its table is gone while the verdict is recorded.
    await env.AUDIT_DB.prepare("ALTER TABLE webhook_events RENAME TO webhook_events_away").run();
    const before = Date.now();
    const failed = await compare(opened.SessionToken, failingForm());
    await env.AUDIT_DB.prepare("ALTER TABLE webhook_events_away RENAME TO webhook_events").run();
    expect(failed.body.passed).toBe(false);
    expect(await publishedEvents(alpha.partner.partnerId)).toEqual([]);
    // The retry comes 10 s after the failure, long before the session's expiry.
    const retryAt = (await alarm()) ?? 0;
    expect(retryAt).toBeGreaterThanOrEqual(before + 10_000);
    expect(retryAt).toBeLessThan(Date.now() + 10_000 + 1000);

    expect(await runDurableObjectAlarm(session)).toBe(true);
    const events = await publishedEvents(alpha.partner.partnerId);
    expect(events.map((event) => [event.type, "status" in event.data ? event.data.status : null])).toEqual([
      ["capture.verdict", null],
      ["capture.completed", "failed"],
    ]);
    expect(events[0]?.data).toMatchObject({ verdictToken: failed.body.verdictToken });
    // Back to the session's own schedule, and nothing is sent twice.
    expect(await alarm()).toBe(opened.ExpiredTimestamp * 1000);
    expect(await runDurableObjectAlarm(session)).toBe(true);
    expect(await publishedEvents(alpha.partner.partnerId)).toHaveLength(2);
  });

  it("spaces its retries 10 s, then doubling, at most an hour apart", () => {
    expect([1, 2, 3, 4, 9, 10, 50].map(outboxRetryDelay)).toEqual([
      10_000, 20_000, 40_000, 80_000, 2_560_000, 3_600_000, 3_600_000,
    ]);
  });

  it("completes a session whose attempts ran out (failed), one revoked, and one that expired unused; once each", async () => {
    const alpha = await restPartner(gateway);
    await setWebhook(alpha);
    const spent = await openSession(alpha, { MaxAttempts: 1 });
    await compare(spent.SessionToken, failingForm());
    const revoked = await openSession(alpha);
    await partnerCall(alpha, "RevokeCaptureSession", { SessionToken: revoked.SessionToken });
    await partnerCall(alpha, "RevokeCaptureSession", { SessionToken: revoked.SessionToken });
    const unused = await openSession(alpha, { ExternalId: "case-unused" });
    const unusedObject = env.CAPTURE_SESSIONS.get(env.CAPTURE_SESSIONS.idFromName(unused.SessionId));
    // The session's first alarm is its expiry. The object keeps the real clock, so the session is made to have
    // expired a second ago and the alarm is run now, as it would run then.
    expect(await runInDurableObject(unusedObject, (_, state) => state.storage.getAlarm())).toBe(
      unused.ExpiredTimestamp * 1000,
    );
    await runInDurableObject(unusedObject, async (_, state) => {
      const opening = await state.storage.get<Record<string, unknown>>("opening");
      await state.storage.put("opening", { ...opening, expiresAt: Math.floor(Date.now() / 1000) - 1 });
    });
    expect(await runDurableObjectAlarm(unusedObject)).toBe(true);

    const completed = (await publishedEvents(alpha.partner.partnerId)).filter(
      (e) => e.type === "capture.completed",
    );
    expect(
      completed.map((event) => [event.data, "status" in event.data ? event.data.status : undefined]),
    ).toEqual([
      [expect.objectContaining({ sessionId: spent.SessionId, attempt: 1, passed: false }), "failed"],
      [
        expect.objectContaining({
          sessionId: revoked.SessionId,
          attempt: 0,
          result: null,
          verdictToken: null,
        }),
        "revoked",
      ],
      [
        expect.objectContaining({ sessionId: unused.SessionId, externalId: "case-unused", attempt: 0 }),
        "expired",
      ],
    ]);
    // The record lives on until its retention ends: the next alarm, which deletes it, sends nothing.
    expect(await runDurableObjectAlarm(unusedObject)).toBe(true);
    expect(
      (await publishedEvents(alpha.partner.partnerId)).filter((e) => e.type === "capture.completed"),
    ).toHaveLength(3);
  });

  it("gives another partner's endpoint nothing, and a partner without an endpoint queues nothing", async () => {
    const alpha = await restPartner(gateway);
    const beta = await restPartner(gateway);
    await setWebhook(beta, "https://hooks.partner-b.example/faceid");
    const opened = await openSession(alpha);
    await compare(opened.SessionToken);
    expect(await publishedEvents(alpha.partner.partnerId)).toEqual([]);
    expect(await publishedEvents(beta.partner.partnerId)).toEqual([]);

    await setWebhook(alpha);
    const second = await openSession(alpha);
    await compare(second.SessionToken);
    expect((await publishedEvents(alpha.partner.partnerId)).length).toBe(2);
    expect(await publishedEvents(beta.partner.partnerId)).toEqual([]);
  });
});

/** A receiver inside the test: verifies each delivery with the `standardwebhooks` package, then answers as told. */
function receiver(secrets: string[], answer: (call: number) => Response | Promise<Response>) {
  const calls: { url: string; webhookId: string; verified: unknown; init: RequestInit | undefined }[] = [];
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    const body = await request.text();
    const headers = Object.fromEntries(request.headers);
    const verified = secrets.map((secret) => new Webhook(secret).verify(body, headers));
    calls.push({ url: request.url, webhookId: headers["webhook-id"] ?? "", verified: verified[0], init });
    return answer(calls.length);
  }) as typeof globalThis.fetch;
  return { fetch, calls };
}

/** An event as the publisher queues it (made here: sent through the real queue, its consumer would record too). */
function testMessage(partner: Partner): WebhookMessage {
  const payload = {
    type: "webhook.test",
    timestamp: new Date().toISOString(),
    data: { partnerId: partner.partner.partnerId },
  };
  return {
    webhookId: `msg_test${crypto.randomUUID().replaceAll("-", "")}`,
    partnerId: partner.partner.partnerId,
    type: "webhook.test",
    payload: JSON.stringify(payload),
  };
}

async function deliveriesOf(partner: Partner) {
  const response = await admin("GET", `partners/${partner.partner.partnerId}/webhook/deliveries`);
  return ((await response.json()) as { deliveries: Record<string, unknown>[] }).deliveries;
}

describe("delivering an event", () => {
  it("signs it so the standardwebhooks package verifies it, with every secret during a rotation", async () => {
    const alpha = await restPartner(gateway);
    const first = await setWebhook(alpha);
    const message = testMessage(alpha);
    const rotated = (await (
      await admin("POST", `partners/${alpha.partner.partnerId}/webhook/rotate`)
    ).json()) as {
      secret: string;
    };
    // A receiver still on the old secret and one already on the new both accept the same delivery.
    const hook = receiver([first.secret, rotated.secret], () => new Response("ok"));
    const batch = createMessageBatch<WebhookMessage>("faceid-edge-webhooks", [
      { id: "m1", timestamp: new Date(), attempts: 1, body: message },
    ]);
    const ctx = createExecutionContext();
    await consumeWebhooks(batch, env, { fetch: hook.fetch });
    expect(await getQueueResult(batch, ctx)).toMatchObject({ explicitAcks: ["m1"], retryMessages: [] });
    expect(hook.calls).toHaveLength(1);
    expect(hook.calls[0]?.url).toBe(HOOK_URL);
    expect(hook.calls[0]?.webhookId).toBe(message.webhookId);
    expect(hook.calls[0]?.verified).toEqual(JSON.parse(message.payload));
    expect(hook.calls[0]?.init?.redirect).toBe("manual");
    // Someone else's secret does not verify it.
    expect(() =>
      new Webhook(`whsec_${btoa("x".repeat(32))}`).verify(message.payload, {
        "webhook-id": message.webhookId,
        "webhook-timestamp": String(Math.floor(Date.now() / 1000)),
        "webhook-signature": "v1,AAAA",
      }),
    ).toThrow();
  });

  it("retries a refused delivery on WEBHOOK_RETRY_SCHEDULE, records every attempt, then dead-letters it", async () => {
    const alpha = await restPartner(gateway);
    const { secret } = await setWebhook(alpha);
    const message = testMessage(alpha);
    const hook = receiver([secret], (call) => new Response("no", { status: call <= 3 ? 503 : 200 }));
    const schedule = [30, 120, 600, 3600, 21_600, 43_200]; // wrangler.toml's default
    for (let attempt = 1; attempt <= 4; attempt++) {
      const batch = createMessageBatch<WebhookMessage>("faceid-edge-webhooks", [
        { id: `m${attempt}`, timestamp: new Date(), attempts: attempt, body: message },
      ]);
      // The test helper's result keeps which messages were retried, not with what delay: the call shows it.
      const delays: (number | undefined)[] = [];
      for (const sent of batch.messages) {
        const retry = sent.retry.bind(sent);
        sent.retry = (options) => {
          delays.push(options?.delaySeconds);
          retry(options);
        };
      }
      const ctx = createExecutionContext();
      await consumeWebhooks(batch, env, { fetch: hook.fetch });
      const result = await getQueueResult(batch, ctx);
      if (attempt <= 3) {
        expect(result.retryMessages).toEqual([{ msgId: `m${attempt}` }]);
        expect(delays).toEqual([schedule[attempt - 1]]);
      } else expect(result.explicitAcks).toEqual([`m${attempt}`]);
    }
    const deliveries = await deliveriesOf(alpha);
    expect(deliveries.map((d) => [d.attempt, d.status, d.error, d.webhookId])).toEqual([
      [4, 200, null, message.webhookId],
      [3, 503, "http_status", message.webhookId],
      [2, 503, "http_status", message.webhookId],
      [1, 503, "http_status", message.webhookId],
    ]);
    for (const delivery of deliveries) {
      expect(Object.keys(delivery).sort()).toEqual(
        ["at", "attempt", "deliveryId", "error", "event", "latencyMs", "status", "webhookId"].sort(),
      );
      expect(JSON.stringify(delivery)).not.toContain("verdictToken");
    }

    // Past the schedule, the event goes to the dead-letter queue and is acknowledged on the main one.
    const dead: unknown[] = [];
    const deadLetters = { send: async (body: unknown) => void dead.push(body) } as unknown as Queue;
    const batch = createMessageBatch<WebhookMessage>("faceid-edge-webhooks", [
      { id: "last", timestamp: new Date(), attempts: schedule.length + 1, body: message },
    ]);
    const ctx = createExecutionContext();
    const failing = receiver([secret], () => new Response("no", { status: 500 }));
    await consumeWebhooks(batch, { ...env, WEBHOOK_DEAD_LETTERS: deadLetters }, { fetch: failing.fetch });
    expect(await getQueueResult(batch, ctx)).toMatchObject({ explicitAcks: ["last"], retryMessages: [] });
    expect(dead).toEqual([message]);
  });

  it("never follows a redirect, gives up on a receiver that hangs, and reads only a few KB of an answer", async () => {
    const alpha = await restPartner(gateway);
    await setWebhook(alpha);
    const message = testMessage(alpha);
    const store = new WebhookStore(env.PARTNERS, env.PARTNER_KEY_SEED);
    const deps = { store, allowLoopback: false, clock: Date.now, timeoutMs: 10_000 };

    const redirected = await deliverOnce(message, 1, {
      ...deps,
      fetch: async () =>
        new Response(null, { status: 307, headers: { Location: "http://169.254.169.254/" } }),
    });
    expect([redirected.status, redirected.error]).toEqual([307, "redirect"]);

    const hanging = await deliverOnce(message, 1, {
      ...deps,
      timeoutMs: 50,
      fetch: (_input, init) =>
        new Promise((_, reject) =>
          init?.signal?.addEventListener("abort", () => reject(init.signal?.reason)),
        ),
    });
    expect([hanging.status, hanging.error]).toEqual([null, "timeout"]);

    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1024;
        controller.enqueue(new Uint8Array(1024));
      },
    });
    const large = await deliverOnce(message, 1, { ...deps, fetch: async () => new Response(endless) });
    expect([large.status, large.error]).toEqual([200, null]);
    expect(pulled).toBeLessThanOrEqual(MAX_ANSWER_BYTES + 2 * 1024);

    const unreachable = await deliverOnce(message, 1, {
      ...deps,
      fetch: async () => {
        throw new TypeError("Network connection lost.");
      },
    });
    expect([unreachable.status, unreachable.error]).toEqual([null, "network"]);
  });

  it("checks the URL again before sending, and sends nothing for a partner whose endpoint is gone", async () => {
    const alpha = await restPartner(gateway);
    await setWebhook(alpha);
    const message = testMessage(alpha);
    // An endpoint stored before a rule was added (or written around the checks) is refused at delivery.
    const key = `webhook:${alpha.partner.partnerId}`;
    const stored = JSON.parse((await env.PARTNERS.get(key)) ?? "{}");
    await env.PARTNERS.put(
      key,
      JSON.stringify({ ...stored, url: "https://169.254.169.254/latest/meta-data/" }),
    );
    const hook = receiver([], () => new Response("ok"));
    for (const [id, expected] of [
      ["refused", "url_refused"],
      ["gone", "no_endpoint"],
    ] as const) {
      if (id === "gone") await env.PARTNERS.delete(key);
      const batch = createMessageBatch<WebhookMessage>("faceid-edge-webhooks", [
        { id, timestamp: new Date(), attempts: 1, body: message },
      ]);
      const ctx = createExecutionContext();
      await consumeWebhooks(batch, env, { fetch: hook.fetch });
      expect(await getQueueResult(batch, ctx)).toMatchObject({ explicitAcks: [id], retryMessages: [] });
      expect((await deliveriesOf(alpha))[0]).toMatchObject({ status: null, error: expected });
    }
    expect(hook.calls).toHaveLength(0);
  });
});
