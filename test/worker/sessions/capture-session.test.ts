// The session object decides expiry by the time its caller passes (the gateway's clock), never by its own.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { GatewayClock } from "../../support/gateway";

function newSession() {
  return env.CAPTURE_SESSIONS.get(env.CAPTURE_SESSIONS.idFromName(crypto.randomUUID()));
}

describe("CaptureSession", () => {
  it("spends attempts until the caller's time reaches the expiry, and none after", async () => {
    const session = newSession();
    const expiresAt = new GatewayClock().seconds + 600;
    const lastMillisecond = expiresAt * 1000 - 1;
    expect(await session.consumeAttempt(3, expiresAt, lastMillisecond)).toEqual({
      ok: true,
      attemptsUsed: 1,
    });
    expect(await session.consumeAttempt(3, expiresAt, expiresAt * 1000)).toEqual({
      ok: false,
      reason: "expired",
    });
    // The refused call spent nothing.
    expect(await session.consumeAttempt(3, expiresAt, lastMillisecond)).toEqual({
      ok: true,
      attemptsUsed: 2,
    });
  });
});
