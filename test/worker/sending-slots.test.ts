// The slot arithmetic behind the edge-wide quota, on exact times.
import { describe, expect, it } from "vitest";
import { findSlot, fits, WINDOW_MS } from "../../worker/quota/sending-slots";

const grants = (times: number[], partnerId?: string) => times.map((at) => ({ at, partnerId }));

describe("findSlot", () => {
  it("grants now while the window has room", () => {
    expect(findSlot(grants([0, 10]), 20, { limitPerSecond: 3 })).toBe(20);
  });

  it("grants one window after the oldest of a full window", () => {
    expect(findSlot(grants([0, 10, 20]), 30, { limitPerSecond: 3 })).toBe(WINDOW_MS);
  });

  it("holds a partner's own limit inside the account's", () => {
    const taken = [...grants([0, 5], "p1"), ...grants([6], "p2")];
    expect(findSlot(taken, 10, { limitPerSecond: 20, partner: { id: "p1", limitPerSecond: 2 } })).toBe(
      WINDOW_MS,
    );
    expect(findSlot(taken, 10, { limitPerSecond: 20, partner: { id: "p2", limitPerSecond: 2 } })).toBe(10);
  });

  it("never lets a window hold more than the limit, whatever the order of requests", () => {
    const taken: { at: number; partnerId: string | undefined }[] = [];
    for (let i = 0; i < 200; i++) {
      const now = i * 37;
      const partner = i % 3 === 0 ? { id: "slow", limitPerSecond: 2 } : undefined;
      taken.push({
        at: findSlot(taken, now, { limitPerSecond: 5, ...(partner ? { partner } : {}) }),
        partnerId: partner?.id,
      });
      taken.sort((a, b) => a.at - b.at);
    }
    const times = taken.map((grant) => grant.at);
    for (const start of times) {
      expect(times.filter((at) => at >= start && at < start + WINDOW_MS).length).toBeLessThanOrEqual(5);
      const slow = taken.filter((g) => g.partnerId === "slow" && g.at >= start && g.at < start + WINDOW_MS);
      expect(slow.length).toBeLessThanOrEqual(2);
    }
  });
});

describe("fits", () => {
  it("counts future reservations too", () => {
    expect(fits([500, 600], 0, 2)).toBe(false);
    expect(fits([500, 600], 0, 3)).toBe(true);
    expect(fits([0, 10], 10 + WINDOW_MS, 2)).toBe(true);
  });
});
