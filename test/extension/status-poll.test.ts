import { describe, expect, it } from "vitest";
import {
  type HandoffProgress,
  MAX_BACKOFF_MS,
  POLL_INTERVAL_MS,
  type StatusPollDeps,
  waitForHandoffVerdict,
} from "../../extension/content/handoff/status-poll";
import { ExtensionError } from "../../extension/messaging/errors";
import type { CompareResult, WebVerificationResult } from "../../shared/rest/api";

const START = Date.parse("2026-12-02T10:00:00Z");
const TEN_MINUTES = 10 * 60 * 1000;

const VERDICT: CompareResult = {
  passed: true,
  result: "Success",
  description: "Passed.",
  similarity: 91.5,
  bestFrameBase64: null,
  tencentRequestId: "sandbox-1",
  requestId: "req-1",
  verdictToken: "eyJhbGciOiJFZERTQSJ9.eyJwYXNzZWQiOnRydWV9.c2ln",
};

type Step = WebVerificationResult | ExtensionError;
const pending = (progress: HandoffProgress): WebVerificationResult => ({ status: "pending", progress });
const completed: WebVerificationResult = { status: "completed", ...VERDICT };

/**
 * A stopped clock that moves only when the poll sleeps, and a read that answers each call with the next
 * scripted step (the last one repeats). Records when each read happened and how long each pause was.
 */
function scriptedGateway(steps: Step[], options: { onRead?: (count: number) => void } = {}) {
  let now = START;
  const readsAt: number[] = [];
  const pauses: number[] = [];
  const deps: StatusPollDeps = {
    async read(signal) {
      if (signal.aborted) throw new ExtensionError("cancelled", "cancelled");
      readsAt.push(now - START);
      options.onRead?.(readsAt.length);
      const step = steps.length > 1 ? steps.shift() : steps[0];
      if (step instanceof ExtensionError) throw step;
      if (!step) throw new Error("no step");
      return step;
    },
    now: () => now,
    async sleep(ms, signal) {
      if (signal.aborted) throw signal.reason;
      pauses.push(ms);
      now += ms;
    },
  };
  return { deps, readsAt, pauses };
}

function options(overrides: { signal?: AbortSignal } = {}) {
  const progress: HandoffProgress[] = [];
  const trouble: (string | null)[] = [];
  return {
    progress,
    trouble,
    value: {
      expiresAtMs: START + TEN_MINUTES,
      signal: overrides.signal ?? new AbortController().signal,
      onProgress: (step: HandoffProgress) => progress.push(step),
      onTrouble: (error: ExtensionError | null) => trouble.push(error ? error.code : null),
    },
  };
}

describe("waitForHandoffVerdict", () => {
  it("reads every 2 seconds, reports each change from waiting once, and returns the verdict without its status", async () => {
    const gateway = scriptedGateway([
      pending("waiting"),
      pending("waiting"),
      pending("opened"),
      pending("in_progress"),
      pending("in_progress"),
      completed,
    ]);
    const poll = options();
    await expect(waitForHandoffVerdict(gateway.deps, poll.value)).resolves.toEqual(VERDICT);
    // The screen opens at waiting and says so: reading waiting again is no news.
    expect(poll.progress).toEqual(["opened", "in_progress"]);
    expect(gateway.readsAt).toEqual([0, 2000, 4000, 6000, 8000, 10000]);
    expect(gateway.pauses).toEqual(Array(5).fill(POLL_INTERVAL_MS));
    expect(poll.trouble).toEqual([]);
  });

  it("backs off on transient failures (4, 8, 16, 30, 30 s), says so, and clears it on the next good read", async () => {
    const down = new ExtensionError("network_error", "The Worker could not be reached.");
    const gateway = scriptedGateway([
      pending("waiting"),
      down,
      new ExtensionError("upstream_timeout", "FaceID did not answer."),
      new ExtensionError("rate_limited", "Busy."),
      down,
      down,
      pending("opened"),
      completed,
    ]);
    const poll = options();
    await expect(waitForHandoffVerdict(gateway.deps, poll.value)).resolves.toEqual(VERDICT);
    expect(gateway.pauses).toEqual([2000, 4000, 8000, 16000, MAX_BACKOFF_MS, MAX_BACKOFF_MS, 2000]);
    expect(poll.trouble).toEqual([
      "network_error",
      "upstream_timeout",
      "rate_limited",
      "network_error",
      "network_error",
      null,
    ]);
    expect(poll.progress).toEqual(["opened"]);
  });

  it.each([
    "token_expired",
    "token_revoked",
    "forbidden",
    "not_found",
    "unauthorized",
    "origin_not_allowed",
  ] as const)("stops at once on %s, which no later read can mend", async (code) => {
    const refusal = new ExtensionError(code, "No.");
    const gateway = scriptedGateway([pending("waiting"), refusal]);
    const poll = options();
    await expect(waitForHandoffVerdict(gateway.deps, poll.value)).rejects.toBe(refusal);
    expect(gateway.readsAt).toEqual([0, 2000]);
    expect(poll.trouble).toEqual([]);
  });

  it("ends with cancelled when the overlay closes while it waits, and reads nothing after", async () => {
    const closer = new AbortController();
    const gateway = scriptedGateway([pending("waiting")], {
      onRead: (count) => {
        if (count === 3) closer.abort();
      },
    });
    const poll = options({ signal: closer.signal });
    const outcome = waitForHandoffVerdict(gateway.deps, poll.value);
    await expect(outcome).rejects.toMatchObject({ code: "cancelled" });
    expect(gateway.readsAt).toHaveLength(3);
  });

  it("reads once more as the flow expires, then ends with handoff_expired", async () => {
    const gateway = scriptedGateway([pending("opened")]);
    const poll = options();
    await expect(waitForHandoffVerdict(gateway.deps, poll.value)).rejects.toMatchObject({
      code: "handoff_expired",
      message: "The customer did not finish on their phone within the 10 minutes the link was valid.",
    });
    // Every 2 s from 0 to 600 s: the last read is exactly at the expiry, none after it.
    expect(gateway.readsAt.at(-1)).toBe(TEN_MINUTES);
    expect(gateway.readsAt).toHaveLength(TEN_MINUTES / POLL_INTERVAL_MS + 1);
    expect(poll.progress).toEqual(["opened"]);
  });

  it("takes a verdict that arrives on that last read", async () => {
    const steps: Step[] = Array(TEN_MINUTES / POLL_INTERVAL_MS).fill(pending("in_progress"));
    const gateway = scriptedGateway([...steps, completed]);
    await expect(waitForHandoffVerdict(gateway.deps, options().value)).resolves.toEqual(VERDICT);
    expect(gateway.readsAt.at(-1)).toBe(TEN_MINUTES);
  });

  it("never sleeps past the expiry while backing off", async () => {
    const down = new ExtensionError("network_error", "down");
    const gateway = scriptedGateway([down]);
    await expect(waitForHandoffVerdict(gateway.deps, options().value)).rejects.toMatchObject({
      code: "handoff_expired",
    });
    expect(gateway.readsAt.at(-1)).toBe(TEN_MINUTES);
    expect(gateway.pauses.every((pause) => pause <= MAX_BACKOFF_MS)).toBe(true);
  });

  it("lets an unexpected error through as it is", async () => {
    const bug = new TypeError("boom");
    const gateway = scriptedGateway([pending("waiting")]);
    gateway.deps.read = async () => {
      throw bug;
    };
    await expect(waitForHandoffVerdict(gateway.deps, options().value)).rejects.toBe(bug);
  });
});
