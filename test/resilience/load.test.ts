// Under load the gateway keeps Tencent's quota and stays correct: a burst far above 20/s reaches FaceID at no
// more than 20 per second per action, the rest waits or is refused as documented; a thousand mixed requests at
// concurrency 32 get only answers the API documents, and each audited one its audit row (rows group-committed
// across requests). Nothing secret shows up anywhere meanwhile.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { busiestWindow } from "../support/busiest-window";
import {
  type Answer,
  expectNothingLeaked,
  media,
  type PartnerCredentials,
  type ResilienceStack,
  startResilienceStack,
} from "./support/resilience-stack";

const QUOTA_PER_SECOND = 20;

let stack: ResilienceStack;
/**
 * The SdkTokens every read below reads by, one minted in each dialect. The gateway lets a read through to
 * FaceID only for a token the calling partner obtained through it, so the reads use tokens the partner minted
 * here rather than made-up ones, and read each many times (as a partner polling a result does). Minted before
 * any test runs, and each test resets the stub first, so the stub's counts below are of the tests' own calls.
 */
let sdkTokens: [string, string];

beforeAll(async () => {
  stack = await startResilienceStack();
  sdkTokens = [await stack.sdkToken("tencent"), await stack.sdkToken("rest")];
});

/** The SdkToken the `i`-th read uses: each dialect reads both tokens, whichever dialect minted them. */
const sdkToken = (i: number): string => sdkTokens[Math.floor(i / 2) % 2] as string;

afterAll(async () => {
  await stack?.stop();
});

/** The most calls of `action` the stub saw within any one second. */
function busiestSecond(action: string): number {
  return busiestWindow(
    stack.stub
      .stats()
      .calls.filter((call) => call.action === action)
      .map((call) => call.arrivedAt),
  );
}

const tencentCode = (answer: Answer) =>
  (answer.json?.Response as { Error?: { Code?: string } } | undefined)?.Error?.Code;
const restCode = (answer: Answer) => (answer.json?.error as { code?: string } | undefined)?.code;

describe("a burst of 200 GetLivenessResult calls at 100 per second, both dialects", () => {
  it("reaches FaceID at no more than 20 per second; the rest wait or get 429 / RequestLimitExceeded", async () => {
    stack.stub.reset();
    const token = await stack.session();
    const pending: Promise<Answer>[] = [];
    for (let i = 0; i < 200; i++) {
      pending.push(
        i % 2 === 0
          ? stack.tencent("GetLivenessResult", { SdkToken: sdkToken(i) })
          : stack.rest(`/v1/liveness/results/${sdkToken(i)}`, { token }),
      );
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const answers = await Promise.all(pending);

    const tencent = answers.filter((_, i) => i % 2 === 0);
    const rest = answers.filter((_, i) => i % 2 === 1);
    for (const answer of tencent) {
      expect(answer.status).toBe(200);
      if (tencentCode(answer) !== undefined) expect(tencentCode(answer)).toBe("RequestLimitExceeded");
    }
    for (const answer of rest) {
      expect([200, 429]).toContain(answer.status);
      if (answer.status === 429) {
        expect(restCode(answer)).toBe("rate_limited");
        expect(Number(answer.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
      }
    }
    const served = answers.filter((answer) => answer.status === 200 && tencentCode(answer) === undefined);
    const refused = answers.length - served.length;
    expect(served.length).toBe(stack.stub.stats().counts.GetLivenessResult);
    // More than one second's worth: some waited for a slot rather than being refused.
    expect(served.length).toBeGreaterThan(QUOTA_PER_SECOND);
    expect(refused).toBeGreaterThan(0);
    expect(busiestSecond("GetLivenessResult")).toBeLessThanOrEqual(QUOTA_PER_SECOND);
  });
});

describe("three partners of weights 1, 2 and 3, each sending 30 ApplyLivenessToken a second for 8 s", () => {
  it("share the action's rate in proportion to their weights, and FaceID never sees more than 20 a second", async () => {
    stack.stub.reset();
    const weights = [1, 2, 3];
    // One after another: each CLI run opens the stack's local state.
    const partners: PartnerCredentials[] = [];
    for (const weight of weights) partners.push(await stack.createPartner(`Weighted ${weight}`, { weight }));
    const started = performance.now();
    const pending: Promise<{ partner: number; answer: Answer; doneAt: number }>[] = [];
    for (let tick = 0; tick < 240; tick++) {
      partners.forEach((partner, index) => {
        pending.push(
          stack
            .tencent("ApplyLivenessToken", { SecureLevel: "1" }, { as: partner })
            .then((answer) => ({ partner: index, answer, doneAt: performance.now() - started })),
        );
      });
      await new Promise((resolve) => setTimeout(resolve, 1000 / 30));
    }
    const outcomes = await Promise.all(pending);
    for (const { answer } of outcomes) {
      expect(answer.status).toBe(200);
      if (tencentCode(answer) !== undefined) expect(tencentCode(answer)).toBe("RequestLimitExceeded");
    }
    // Once every partner's queue is full (after the first seconds), until the sending stops.
    const served = weights.map(
      (_, index) =>
        outcomes.filter(
          ({ partner, answer, doneAt }) =>
            partner === index && tencentCode(answer) === undefined && doneAt >= 2000 && doneAt < 8000,
        ).length,
    );
    const total = served.reduce((sum, count) => sum + count, 0);
    expect(total).toBeGreaterThan(60);
    weights.forEach((weight, index) => {
      expect((served[index] ?? 0) / total).toBeGreaterThan(weight / 6 - 0.07);
      expect((served[index] ?? 0) / total).toBeLessThan(weight / 6 + 0.07);
    });
    expect(busiestSecond("ApplyLivenessToken")).toBeLessThanOrEqual(QUOTA_PER_SECOND);
  });
});

/** The mix: every call the gateway serves, with a few that are refused on purpose. */
type Kind =
  | "session"
  | "rest-result"
  | "rest-token"
  | "rest-compare"
  | "rest-bad-media"
  | "rest-no-token"
  | "tencent-result"
  | "tencent-token"
  | "tencent-compare"
  | "tencent-bad-signature"
  | "health";

const MIX: Kind[] = [
  ...Array<Kind>(15).fill("session"),
  ...Array<Kind>(15).fill("rest-result"),
  ...Array<Kind>(8).fill("rest-token"),
  ...Array<Kind>(10).fill("rest-compare"),
  ...Array<Kind>(4).fill("rest-bad-media"),
  ...Array<Kind>(4).fill("rest-no-token"),
  ...Array<Kind>(15).fill("tencent-result"),
  ...Array<Kind>(8).fill("tencent-token"),
  ...Array<Kind>(10).fill("tencent-compare"),
  ...Array<Kind>(4).fill("tencent-bad-signature"),
  ...Array<Kind>(7).fill("health"),
];

/** What each kind may be answered: the documented outcomes, quota refusals included. */
const EXPECTED: Record<
  Kind,
  { rest?: Record<number, string | undefined>; tencent?: (string | undefined)[] }
> = {
  session: { rest: { 201: undefined } },
  "rest-result": { rest: { 200: undefined, 429: "rate_limited" } },
  "rest-token": { rest: { 201: undefined, 429: "rate_limited" } },
  "rest-compare": { rest: { 200: undefined, 429: "rate_limited" } },
  "rest-bad-media": { rest: { 422: "invalid_media" } },
  "rest-no-token": { rest: { 401: "unauthorized" } },
  "tencent-result": { tencent: [undefined, "RequestLimitExceeded"] },
  "tencent-token": { tencent: [undefined, "RequestLimitExceeded"] },
  "tencent-compare": { tencent: [undefined, "RequestLimitExceeded"] },
  "tencent-bad-signature": { tencent: ["AuthFailure.SignatureFailure"] },
  health: { rest: { 200: undefined } },
};

/** The X-Request-Id of every audited answer of the mixed run. */
const mixedRequestIds: string[] = [];

describe("1,000 mixed requests at concurrency 32", () => {
  it("get only documented answers: 2xx, the 4xx each refusal documents, 429 for the quota; no error of ours", async () => {
    stack.stub.reset();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const compareParameters = {
      ImageBase64: media("face.jpg").toString("base64"),
      VideoBase64: media("video-3s.mp4").toString("base64"),
      LivenessType: "SILENT",
    };
    // Each compare and each liveness-token mint spends one of its session's attempts, served or refused by
    // the quota: 100 compares and 80 mints (each kind comes up 10 times per 100 requests), 10 per session.
    const compareSessions = await Promise.all(Array.from({ length: 11 }, () => stack.session(10)));
    const tokenSessions = await Promise.all(Array.from({ length: 9 }, () => stack.session(10)));
    const readSession = await stack.session();
    let compares = 0;
    let mints = 0;

    const send = (kind: Kind, i: number): Promise<Answer> => {
      switch (kind) {
        case "session":
          return stack.session().then(() => ({
            status: 201,
            headers: new Headers(),
            text: "",
            json: {},
            elapsedMs: 0,
          }));
        case "rest-result":
          return stack.rest(`/v1/liveness/results/${sdkToken(i)}`, { token: readSession });
        case "rest-token":
          return stack.rest("/v1/liveness/tokens", {
            method: "POST",
            token: tokenSessions[Math.floor(mints++ / 10)],
            body: JSON.stringify({ secureLevel: "2" }),
            headers: { "Content-Type": "application/json" },
          });
        case "rest-compare": {
          const token = compareSessions[Math.floor(compares++ / 10)];
          return stack.rest("/v1/liveness/compare", { method: "POST", token, body: stack.compareForm() });
        }
        case "rest-bad-media":
          return stack.rest("/v1/liveness/compare", {
            method: "POST",
            token: readSession,
            body: stack.compareForm(media("video-3s.webm")),
          });
        case "rest-no-token":
          return stack.rest(`/v1/liveness/results/${sdkToken(i)}`);
        case "tencent-result":
          return stack.tencent("GetLivenessResult", { SdkToken: sdkToken(i) });
        case "tencent-token":
          return stack.tencent("ApplyLivenessToken", { SecureLevel: "2" });
        case "tencent-compare":
          return stack.tencent("CompareFaceLiveness", compareParameters);
        case "tencent-bad-signature":
          return stack.tencent(
            "GetLivenessResult",
            { SdkToken: sdkToken(i) },
            { secretKey: "not-the-key-0123456789abcdef" },
          );
        case "health":
          return stack.rest("/healthz");
      }
    };

    const outcomes = new Map<string, number>();
    const unexpected: string[] = [];
    mixedRequestIds.length = 0;
    let next = 0;
    const worker = async () => {
      while (next < 1000) {
        const i = next++;
        const kind = MIX[(i * 37) % MIX.length] as Kind;
        const answer = await send(kind, i);
        const requestId = answer.headers.get("x-request-id");
        if (requestId && kind !== "health") mixedRequestIds.push(requestId);
        const expected = EXPECTED[kind];
        const outcome = expected.rest
          ? `${answer.status} ${restCode(answer) ?? ""}`.trim()
          : `${answer.status} ${tencentCode(answer) ?? "ok"}`;
        outcomes.set(`${kind}: ${outcome}`, (outcomes.get(`${kind}: ${outcome}`) ?? 0) + 1);
        const allowed = expected.rest
          ? answer.status in expected.rest && expected.rest[answer.status] === restCode(answer)
          : answer.status === 200 && expected.tencent?.includes(tencentCode(answer));
        if (!allowed && unexpected.length < 10)
          unexpected.push(`${kind}: ${answer.status} ${answer.text.slice(0, 200)}`);
      }
    };
    await Promise.all(Array.from({ length: 32 }, worker));

    expect(unexpected, JSON.stringify(Object.fromEntries(outcomes), null, 1)).toEqual([]);
    expect([...outcomes.values()].reduce((sum, count) => sum + count, 0)).toBe(1000);
  });

  it("and leave one audit row each, written after the answers in batches across requests", async () => {
    expect(mixedRequestIds.length).toBeGreaterThan(700);
    // Rows are written after each answer (waitUntil): give the last batches a moment.
    let missing: string[] = [];
    for (let attempt = 0; attempt < 5; attempt++) {
      const audited = await stack.auditedRequestIds();
      missing = mixedRequestIds.filter((id) => !audited.has(id));
      if (missing.length === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    expect(missing).toEqual([]);
    expect(stack.logs()).not.toMatch(
      /audit: event not written|quota: send reports not delivered|request context|different request/i,
    );
  });

  it("and reach FaceID at no more than 20 per second for each action", () => {
    for (const action of ["GetLivenessResult", "ApplyLivenessToken", "CompareFaceLiveness"]) {
      expect(stack.stub.stats().counts[action], action).toBeGreaterThan(QUOTA_PER_SECOND);
      expect(busiestSecond(action), action).toBeLessThanOrEqual(QUOTA_PER_SECOND);
    }
  });
});

describe("through all of the above", () => {
  it("no secret, token, agent key or base64 media appears in any response body or log line", () => {
    expectNothingLeaked(stack, 1000);
  });
});
