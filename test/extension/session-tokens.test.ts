import { describe, expect, it, vi } from "vitest";
import { EXPIRY_MARGIN_MS, SessionTokens } from "../../extension/background/session-tokens";

const NOW = Date.UTC(2026, 0, 15, 12);
const minted = (token: string, lifetimeMs: number) => async () => ({
  sessionId: `session-of-${token}`,
  sessionToken: token,
  expiresAt: new Date(NOW + lifetimeMs).toISOString(),
  maxAttempts: 3,
});

describe("SessionTokens", () => {
  it("reuses a flow's session for its retakes", async () => {
    const tokens = new SessionTokens(() => NOW);
    const mint = vi.fn(minted("t1", 10 * 60_000));
    expect(await tokens.get("flow:a", mint)).toBe("t1");
    expect(await tokens.get("flow:a", mint)).toBe("t1");
    expect(mint).toHaveBeenCalledTimes(1);
  });

  it("mints again when the cached token is about to expire", async () => {
    let now = NOW;
    const tokens = new SessionTokens(() => now);
    await tokens.get("lookup", minted("old", 10 * 60_000));
    now = NOW + 10 * 60_000 - EXPIRY_MARGIN_MS + 1;
    expect(await tokens.get("lookup", minted("new", 20 * 60_000))).toBe("new");
  });

  it("keeps flows apart", async () => {
    const tokens = new SessionTokens(() => NOW);
    await tokens.get("flow:a", minted("a", 600_000));
    expect(await tokens.get("flow:b", minted("b", 600_000))).toBe("b");
  });
});
