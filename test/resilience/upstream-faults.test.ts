// When FaceID misbehaves, both dialects answer with the right error, within the configured upstream timeout
// (plus a margin for a loaded machine), and a billable CompareFaceLiveness reaches FaceID exactly once.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { StubFault } from "./support/faceid-stub";
import {
  type Answer,
  expectNothingLeaked,
  media,
  type ResilienceStack,
  startResilienceStack,
  UPSTREAM_TIMEOUT_MS,
} from "./support/resilience-stack";

/** Room for the work around the upstream call on a shared, noisy machine; far below any fault's own length. */
const MARGIN_MS = 2000;

let stack: ResilienceStack;
/**
 * The SdkToken the reads below read by. The gateway lets a read through to FaceID only for a token the calling
 * partner obtained through it, so the partner mints one here, while the stub still answers normally (every
 * test below switches a fault on first), and every read reads it again (reads of a token are unlimited).
 * Each test resets the stub before it runs, so this mint is in none of their counts.
 */
let sdkToken: string;

beforeAll(async () => {
  stack = await startResilienceStack();
  sdkToken = await stack.sdkToken();
});

afterAll(async () => {
  await stack?.stop();
});

interface FaultCase {
  name: string;
  fault: StubFault;
  rest: { status: number; code: string };
  /** Whether a read (GetLivenessResult) may be tried again: network errors and 5xx, not timeouts or bad JSON. */
  retried: boolean;
}

const FAULTS: FaultCase[] = [
  { name: "hangs", fault: { kind: "hang" }, rest: { status: 504, code: "upstream_timeout" }, retried: false },
  {
    name: "trickles its answer for longer than the timeout",
    fault: { kind: "trickle", totalMs: 6000 },
    rest: { status: 504, code: "upstream_timeout" },
    retried: false,
  },
  {
    name: "answers HTTP 503",
    fault: { kind: "status", status: 503 },
    rest: { status: 502, code: "upstream_error" },
    retried: true,
  },
  {
    name: "answers HTTP 500",
    fault: { kind: "status", status: 500 },
    rest: { status: 502, code: "upstream_error" },
    retried: true,
  },
  {
    name: "resets the connection",
    fault: { kind: "reset" },
    rest: { status: 502, code: "upstream_error" },
    retried: true,
  },
  {
    name: "answers malformed JSON",
    fault: { kind: "malformed" },
    rest: { status: 502, code: "upstream_error" },
    retried: false,
  },
];

function compareParameters() {
  return {
    ImageBase64: media("face.jpg").toString("base64"),
    VideoBase64: media("video-3s.mp4").toString("base64"),
    LivenessType: "SILENT",
  };
}

function expectTencentInternalError(answer: Answer) {
  expect(answer.status).toBe(200);
  const response = answer.json?.Response as { Error?: { Code: string; Message: string }; RequestId?: string };
  expect(response.Error?.Code).toBe("InternalError");
  expect(response.Error?.Message).toEqual(expect.any(String));
  expect(response.RequestId).toBe(answer.headers.get("x-request-id"));
}

function expectRestError(answer: Answer, expected: { status: number; code: string }) {
  expect(answer.status).toBe(expected.status);
  const error = answer.json?.error as { code: string; message: string; requestId: string };
  expect(error.code).toBe(expected.code);
  expect(error.message).toEqual(expect.any(String));
  expect(error.requestId).toBe(answer.headers.get("x-request-id"));
}

function expectInTime(answer: Answer) {
  expect(answer.elapsedMs).toBeLessThan(UPSTREAM_TIMEOUT_MS + MARGIN_MS);
}

describe.each(FAULTS)("when FaceID $name", ({ fault, rest, retried }) => {
  beforeEach(() => {
    stack.stub.reset();
    stack.stub.setFault("*", fault);
  });

  it("the Tencent dialect's CompareFaceLiveness gets InternalError in Tencent's shape, in time, sent once", async () => {
    const answer = await stack.tencent("CompareFaceLiveness", compareParameters());
    expectTencentInternalError(answer);
    expectInTime(answer);
    expect(stack.stub.stats().counts.CompareFaceLiveness).toBe(1);
  });

  it("the Tencent dialect's GetLivenessResult gets InternalError in Tencent's shape, in time", async () => {
    const answer = await stack.tencent("GetLivenessResult", { SdkToken: sdkToken });
    expectTencentInternalError(answer);
    expectInTime(answer);
    const calls = stack.stub.stats().counts.GetLivenessResult ?? 0;
    if (retried) expect(calls).toBeGreaterThanOrEqual(1);
    else expect(calls).toBe(1);
    expect(calls).toBeLessThanOrEqual(3);
  });

  it(`the REST compare upload gets ${rest.status} ${rest.code}, in time, sent once`, async () => {
    const token = await stack.session();
    const answer = await stack.rest("/v1/liveness/compare", {
      method: "POST",
      token,
      body: stack.compareForm(),
    });
    expectRestError(answer, rest);
    expectInTime(answer);
    expect(stack.stub.stats().counts.CompareFaceLiveness).toBe(1);
  });

  it(`the REST liveness result gets ${rest.status} ${rest.code}, in time`, async () => {
    const token = await stack.session();
    const answer = await stack.rest(`/v1/liveness/results/${sdkToken}`, { token });
    expectRestError(answer, rest);
    expectInTime(answer);
    expect(stack.stub.stats().counts.GetLivenessResult ?? 0).toBeLessThanOrEqual(3);
  });
});

describe("when FaceID is slow but within the timeout", () => {
  beforeEach(() => {
    stack.stub.reset();
    stack.stub.setFault("*", { kind: "trickle", totalMs: UPSTREAM_TIMEOUT_MS / 3 });
  });

  it("the Tencent dialect passes FaceID's answer through", async () => {
    const answer = await stack.tencent("CompareFaceLiveness", compareParameters());
    expect(answer.status).toBe(200);
    expect((answer.json?.Response as { Result?: string } | undefined)?.Result).toBe("Success");
    expect(stack.stub.stats().counts.CompareFaceLiveness).toBe(1);
  });

  it("the REST dialect gives the verdict", async () => {
    const answer = await stack.rest("/v1/liveness/compare", {
      method: "POST",
      token: await stack.session(),
      body: stack.compareForm(),
    });
    expect(answer.status).toBe(200);
    expect(answer.json?.passed).toBe(true);
  });
});

describe("through all of the above", () => {
  it("no secret, token, agent key or base64 media appears in any response body or log line", () => {
    expectNothingLeaked(stack, 20);
  });
});
