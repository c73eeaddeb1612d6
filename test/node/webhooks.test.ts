// Webhooks end to end, as a partner backend receives them: the local stack under wrangler dev (its real Queue,
// producer and consumer in the gateway's Worker), the operator's CLI registering the endpoint, and a receiver
// on loopback that verifies every delivery with the `standardwebhooks` package, as the README tells partners to.
// WEBHOOK_RETRY_SCHEDULE is shortened to seconds, as a .dev.vars or --var can.
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { lastJsonLine } from "../../scripts/partner-cli.mjs";
import type { WebhookDelivery } from "../../shared/webhooks/events";
import { type LocalStack, startLocalStack } from "../support/local-stack";
import { waitFor } from "../support/polling";

const ORIGIN = "https://kyc.partner.test";
const media = (name: string) => readFileSync(new URL(`../fixtures/media/${name}`, import.meta.url));

interface Received {
  path: string;
  webhookId: string;
  body: string;
  /** The event as `Webhook#verify` returned it; undefined when it refused the delivery. */
  verified: { type: string; data: Record<string, unknown> } | undefined;
  arrivedAt: number;
}

type Behaviour = (delivery: Received, seenBefore: number, response: ServerResponse) => void;

/** A partner's webhook endpoint: verifies, records, then answers as the test says. */
class Receiver {
  readonly received: Received[] = [];
  secret = "";
  behaviour: Behaviour = (_, __, response) => response.writeHead(204).end();
  readonly #server: Server;
  readonly #held: ServerResponse[] = [];

  constructor() {
    this.#server = createServer((request, response) => void this.#take(request, response));
  }

  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.#server.listen(0, "127.0.0.1", resolve));
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  /** Holds a request open until the receiver closes (a receiver that hangs). */
  hold(response: ServerResponse): void {
    this.#held.push(response);
  }

  async close(): Promise<void> {
    for (const response of this.#held) response.destroy();
    this.#server.closeAllConnections();
    await new Promise((resolve) => this.#server.close(resolve));
  }

  of(webhookId: string): Received[] {
    return this.received.filter((delivery) => delivery.webhookId === webhookId);
  }

  async #take(request: IncomingMessage, response: ServerResponse): Promise<void> {
    let body = "";
    for await (const chunk of request) body += chunk;
    const headers = Object.fromEntries(
      Object.entries(request.headers).map(([name, value]) => [name, String(value)]),
    );
    let verified: Received["verified"];
    try {
      verified = new Webhook(this.secret).verify(body, headers) as Received["verified"];
    } catch {
      verified = undefined;
    }
    const delivery: Received = {
      path: request.url ?? "",
      webhookId: headers["webhook-id"] ?? "",
      body,
      verified,
      arrivedAt: Date.now(),
    };
    const seenBefore = this.of(delivery.webhookId).length;
    this.received.push(delivery);
    this.behaviour(delivery, seenBefore, response);
  }
}

let stack: LocalStack;
let receiver: Receiver;
let receiverUrl: string;
let partner: { partnerId: string; secretId: string; secretKey: string };
let agentKey: string;

beforeAll(async () => {
  receiver = new Receiver();
  receiverUrl = await receiver.listen();
  stack = await startLocalStack({ vars: { WEBHOOK_RETRY_SCHEDULE: "1s,1s,1s,1s,1s" } });
  partner = await stack.createPartner({ name: "Webhook Partner", origins: [ORIGIN] });
  agentKey = await stack.createAgentKey(partner.partnerId, "Agent Webhook");
  const issued = lastJsonLine<{ url: string; secret: string }>(
    await stack.cli(["webhook", "set", partner.partnerId, "--url", `${receiverUrl}/hooks`, "--json"]),
  );
  expect(issued.url).toBe(`${receiverUrl}/hooks`);
  receiver.secret = issued.secret;
}, 180_000);

afterAll(async () => {
  await stack?.stop();
  await receiver?.close();
});

beforeEach(() => {
  receiver.behaviour = (_, __, response) => response.writeHead(204).end();
});

/** A session opened with the agent key and one compare made with it, as the page makes it. */
async function verifyOnce(): Promise<{
  verdict: Record<string, unknown>;
  answeredAt: number;
  tookMs: number;
}> {
  const opened = await fetch(`${stack.gatewayUrl}/v1/sessions`, {
    method: "POST",
    headers: { Authorization: `Bearer ${agentKey}`, "Content-Type": "application/json" },
    body: JSON.stringify({ maxAttempts: 1 }),
  });
  expect(opened.status).toBe(201);
  const { sessionToken } = (await opened.json()) as { sessionToken: string };
  const form = new FormData();
  form.set("video", new Blob([media("video-3s.mp4")], { type: "video/mp4" }), "capture.mp4");
  form.set("image", new Blob([media("face.jpg")], { type: "image/jpeg" }), "reference.jpg");
  form.set("livenessType", "SILENT");
  const started = Date.now();
  const answer = await fetch(`${stack.gatewayUrl}/v1/liveness/compare`, {
    method: "POST",
    headers: { Authorization: `Bearer ${sessionToken}`, Origin: ORIGIN },
    body: form,
  });
  const answeredAt = Date.now();
  expect(answer.status).toBe(200);
  return {
    verdict: (await answer.json()) as Record<string, unknown>,
    answeredAt,
    tookMs: answeredAt - started,
  };
}

async function deliveries(): Promise<WebhookDelivery[]> {
  return lastJsonLine(await stack.cli(["webhook", "deliveries", partner.partnerId, "--json"]));
}

/** The webhook-ids of the two events a passing one-attempt session sends, once both have arrived. */
async function eventsOf(verdictToken: unknown): Promise<{ verdict: string; completed: string }> {
  const find = (type: string) =>
    receiver.received.find((d) => d.verified?.type === type && d.verified.data.verdictToken === verdictToken);
  await waitFor(
    "both events",
    () => find("capture.verdict") !== undefined && find("capture.completed") !== undefined,
    {
      timeoutMs: 30_000,
      context: () => JSON.stringify(receiver.received.map((d) => [d.path, d.webhookId, d.verified?.type])),
    },
  );
  return {
    verdict: find("capture.verdict")?.webhookId ?? "",
    completed: find("capture.completed")?.webhookId ?? "",
  };
}

describe("webhooks through the local stack", () => {
  it("retries a receiver that fails three times: one accepted delivery and four recorded attempts per event", async () => {
    receiver.behaviour = (_, seenBefore, response) =>
      response.writeHead(seenBefore < 3 ? 500 : 200).end("ok");
    const { verdict } = await verifyOnce();
    expect(verdict.passed).toBe(true);
    const ids = await eventsOf(verdict.verdictToken);
    for (const webhookId of [ids.verdict, ids.completed]) {
      await waitFor("four attempts", () => receiver.of(webhookId).length >= 4, { timeoutMs: 60_000 });
    }
    // Every attempt verified, each event under one webhook-id and byte-identical across its retries.
    for (const webhookId of [ids.verdict, ids.completed]) {
      const attempts = receiver.of(webhookId);
      expect(attempts.every((attempt) => attempt.verified !== undefined)).toBe(true);
      expect(new Set(attempts.map((attempt) => attempt.body)).size).toBe(1);
    }
    expect(receiver.of(ids.verdict)[0]?.verified).toEqual({
      type: "capture.verdict",
      timestamp: expect.any(String),
      data: expect.objectContaining({
        attempt: 1,
        passed: true,
        result: verdict.result,
        tencentRequestId: verdict.tencentRequestId,
        verdictToken: verdict.verdictToken,
      }),
    });
    expect(receiver.of(ids.completed)[0]?.verified?.data).toMatchObject({ status: "passed" });

    let recorded: WebhookDelivery[] = [];
    await waitFor(
      "eight recorded attempts",
      async () => {
        recorded = (await deliveries()).filter(
          (d) => d.webhookId === ids.verdict || d.webhookId === ids.completed,
        );
        return recorded.length >= 8;
      },
      { timeoutMs: 30_000 },
    );
    for (const webhookId of [ids.verdict, ids.completed]) {
      const attempts = recorded
        .filter((d) => d.webhookId === webhookId)
        .sort((a, b) => a.attempt - b.attempt);
      expect(attempts.map((d) => [d.attempt, d.status, d.error])).toEqual([
        [1, 500, "http_status"],
        [2, 500, "http_status"],
        [3, 500, "http_status"],
        [4, 200, null],
      ]);
      expect(attempts.filter((d) => d.error === null)).toHaveLength(1);
    }
    // Four attempts each and no more: accepted events are not sent again.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(receiver.of(ids.verdict)).toHaveLength(4);
    expect(receiver.of(ids.completed)).toHaveLength(4);
  }, 120_000);

  it("answers the verdict at once while the receiver hangs, and records the hung attempt as a timeout", async () => {
    receiver.behaviour = (_, seenBefore, response) => {
      if (seenBefore === 0) receiver.hold(response);
      else response.writeHead(200).end();
    };
    const { verdict, answeredAt, tookMs } = await verifyOnce();
    const ids = await eventsOf(verdict.verdictToken);
    const hung = receiver.of(ids.verdict)[0];
    // The answer went before the delivery was even made, and the held request never finished.
    expect(hung?.arrivedAt).toBeGreaterThanOrEqual(answeredAt);
    expect(tookMs).toBeLessThan(5_000);
    let timedOut: WebhookDelivery | undefined;
    await waitFor(
      "a timeout recorded",
      async () => {
        timedOut = (await deliveries()).find((d) => d.webhookId === ids.verdict && d.error === "timeout");
        return timedOut !== undefined;
      },
      { timeoutMs: 40_000 },
    );
    expect(timedOut).toMatchObject({ attempt: 1, status: null });
    expect(timedOut?.latencyMs).toBeGreaterThanOrEqual(9_000);
    expect(timedOut?.latencyMs).toBeLessThan(15_000);
    await waitFor("the retry accepted", () => receiver.of(ids.verdict).length >= 2, { timeoutMs: 30_000 });
  }, 120_000);

  it("does not follow a redirect", async () => {
    receiver.behaviour = (delivery, seenBefore, response) => {
      if (delivery.path === "/hooks" && seenBefore === 0) {
        response.writeHead(302, { Location: `${receiverUrl}/elsewhere` }).end();
      } else response.writeHead(200).end();
    };
    const { verdict } = await verifyOnce();
    const ids = await eventsOf(verdict.verdictToken);
    await waitFor("the retry", () => receiver.of(ids.verdict).length >= 2, { timeoutMs: 30_000 });
    expect(receiver.received.filter((d) => d.path !== "/hooks")).toEqual([]);
    const first = (await deliveries()).find((d) => d.webhookId === ids.verdict && d.attempt === 1);
    expect(first).toMatchObject({ status: 302, error: "redirect" });
  }, 120_000);

  it("sends a test event and redelivers a delivery with its webhook-id, from the CLI", async () => {
    const { webhookId } = lastJsonLine<{ webhookId: string }>(
      await stack.cli(["webhook", "test", partner.partnerId, "--gateway", stack.gatewayUrl, "--json"]),
    );
    await waitFor("the test event", () => receiver.of(webhookId).length === 1, { timeoutMs: 30_000 });
    expect(receiver.of(webhookId)[0]?.verified).toEqual({
      type: "webhook.test",
      timestamp: expect.any(String),
      data: { partnerId: partner.partnerId },
    });
    let deliveryId = "";
    await waitFor(
      "its record",
      async () => {
        deliveryId = (await deliveries()).find((d) => d.webhookId === webhookId)?.deliveryId ?? "";
        return deliveryId !== "";
      },
      { timeoutMs: 30_000 },
    );
    const again = lastJsonLine<{ webhookId: string }>(
      await stack.cli(["webhook", "redeliver", deliveryId, "--gateway", stack.gatewayUrl, "--json"]),
    );
    expect(again.webhookId).toBe(webhookId);
    await waitFor("the redelivery", () => receiver.of(webhookId).length === 2, { timeoutMs: 30_000 });
    expect(receiver.of(webhookId)[1]?.body).toBe(receiver.of(webhookId)[0]?.body);
  }, 120_000);

  it("refuses a private address from the CLI, and sends nothing once the webhook is removed", async () => {
    const refused = await stack
      .cli(["webhook", "set", partner.partnerId, "--url", "https://169.254.169.254/latest/meta-data/"])
      .then(
        () => undefined,
        (error: { code?: number; stderr?: string }) => error,
      );
    expect(refused?.code).toBe(2);
    expect(refused?.stderr?.trim()).toBe("error: The webhook URL names an IPv4 address that is not public.");

    expect(lastJsonLine(await stack.cli(["webhook", "remove", partner.partnerId, "--json"]))).toEqual({
      removed: partner.partnerId,
    });
    const before = receiver.received.length;
    await verifyOnce();
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(receiver.received).toHaveLength(before);
  }, 120_000);
});
