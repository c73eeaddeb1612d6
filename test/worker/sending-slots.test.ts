// The slot arithmetic behind the edge-wide quota, on exact times.
import { describe, expect, it } from "vitest";
import {
  findSlot,
  fits,
  PRUNE_EVERY_MS,
  type Slot,
  SlotLedger,
  UNREPORTED_SEND_MS,
  WINDOW_MS,
} from "../../worker/quota/sending-slots";

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

describe("SlotLedger", () => {
  /** A seeded generator (mulberry32), so a failure replays. */
  function random(seed: number) {
    let state = seed;
    return () => {
      state = (state + 0x6d2b79f5) | 0;
      let t = Math.imul(state ^ (state >>> 15), 1 | state);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  it("answers what findSlot answers over every slot still in the window, through admissions, reports and pruning", () => {
    const next = random(20261121);
    const ledger = new SlotLedger();
    // The reference: every slot ever admitted, never pruned, with the documented send-time rule.
    const all: Slot[] = [];
    const reference = (now: number) =>
      all
        .map((slot) => ({
          at: slot.sentAt ?? Math.min(now, slot.latestAt),
          partnerId: slot.partnerId,
        }))
        .filter((grant) => grant.at > now - WINDOW_MS);
    let now = 0;
    let fastAnswers = 0;
    for (let step = 0; step < 3000; step++) {
      now += Math.floor(next() * 40);
      const partner = next() < 0.3 ? { id: "p1", limitPerSecond: 3 } : undefined;
      const limits = { limitPerSecond: 8, ...(partner ? { partner } : {}) };
      const earliest = ledger.earliest(now, limits);
      expect(earliest).toBe(findSlot(reference(now), now, limits));
      if (earliest === now) {
        fastAnswers++;
        const id = ledger.admit(now, partner?.id);
        all.push({ id, admittedAt: now, latestAt: now + UNREPORTED_SEND_MS, partnerId: partner?.id });
      }
      // Most sends are reported soon after; some never are (their caller failed first).
      if (next() < 0.6) {
        const unreported = all.filter((slot) => slot.sentAt === undefined && next() < 0.7);
        ledger.sent(
          unreported.map((slot) => slot.id),
          now,
        );
        for (const slot of unreported) slot.sentAt = now;
      }
    }
    // Both answers were exercised: room now, and a wait for a later window.
    expect(fastAnswers).toBeGreaterThan(300);
    expect(fastAnswers).toBeLessThan(3000);
  });

  it("holds only the slots of the last window, however many it admits", () => {
    const ledger = new SlotLedger();
    const limits = { limitPerSecond: 1_000_000 };
    let most = 0;
    for (let now = 0; now < 10_000; now++) {
      expect(ledger.earliest(now, limits)).toBe(now);
      ledger.sent([ledger.admit(now, undefined)], now);
      most = Math.max(most, ledger.size);
    }
    expect(most).toBeLessThanOrEqual(WINDOW_MS + PRUNE_EVERY_MS);
  });

  it("ignores reports of slots it no longer holds, or never granted", () => {
    const ledger = new SlotLedger();
    const id = ledger.admit(0, undefined);
    ledger.sent([id, id + 1], 0);
    expect(ledger.earliest(WINDOW_MS, { limitPerSecond: 1 })).toBe(WINDOW_MS);
    ledger.sent([id], WINDOW_MS);
    expect(ledger.size).toBe(0);
    expect(ledger.earliest(WINDOW_MS, { limitPerSecond: 1 })).toBe(WINDOW_MS);
  });
});
