import { describe, expect, it } from "vitest";
import {
  HISTORY_LIMIT,
  HISTORY_TTL_MS,
  MAX_THUMBNAIL_CHARS,
  parseRecords,
  VerificationHistory,
  verificationRecordFrom,
} from "../../extension/background/history";
import type { VerificationRecord } from "../../extension/messaging/protocol";
import { describeCompareResult } from "../../shared/faceid/result-codes";

const HOUR = 60 * 60 * 1000;
const NOW = Date.UTC(2026, 0, 15, 12);

function record(id: string, at: number, overrides: Partial<VerificationRecord> = {}): VerificationRecord {
  return {
    id,
    at,
    origin: "https://kyc.partner.example",
    source: "page",
    livenessType: "SILENT",
    actions: [],
    passed: true,
    result: "Success",
    description: "The person is live and matches the reference photo.",
    similarity: 91.5,
    tencentRequestId: `tc-${id}`,
    requestId: `req-${id}`,
    thumbnail: "data:image/jpeg;base64,/9j/4AAQ",
    ...overrides,
  };
}

function memoryStorage(initial: unknown = undefined) {
  const state = { value: initial, writes: 0 };
  return {
    state,
    storage: {
      read: async () => state.value,
      write: async (records: VerificationRecord[]) => {
        state.value = structuredClone(records);
        state.writes++;
      },
    },
  };
}

describe("VerificationHistory", () => {
  it("lists the newest verification first", async () => {
    const { storage } = memoryStorage();
    const history = new VerificationHistory(storage, () => NOW);
    await history.add(record("a", NOW - 2 * HOUR));
    await history.add(record("b", NOW - HOUR));
    expect((await history.list()).map((r) => r.id)).toEqual(["b", "a"]);
  });

  it(`keeps at most ${HISTORY_LIMIT} entries, dropping the oldest`, async () => {
    const { storage } = memoryStorage();
    const history = new VerificationHistory(storage, () => NOW);
    for (let i = 0; i < HISTORY_LIMIT + 5; i++)
      await history.add(record(`r${i}`, NOW - (HISTORY_LIMIT + 5 - i) * 1000));
    const listed = await history.list();
    expect(listed).toHaveLength(HISTORY_LIMIT);
    expect(listed.at(-1)?.id).toBe("r5");
  });

  it("forgets entries after 24 hours, also on disk", async () => {
    let now = NOW;
    const { storage, state } = memoryStorage();
    const history = new VerificationHistory(storage, () => now);
    await history.add(record("old", NOW));
    now = NOW + 2 * HOUR;
    await history.add(record("new", now));
    now = NOW + HISTORY_TTL_MS + HOUR;
    expect((await history.list()).map((r) => r.id)).toEqual(["new"]);
    expect((state.value as VerificationRecord[]).map((r) => r.id)).toEqual(["new"]);
  });

  it("prune removes expired entries without anyone listing them", async () => {
    const { storage, state } = memoryStorage([record("stale", NOW - HISTORY_TTL_MS - 1)]);
    await new VerificationHistory(storage, () => NOW).prune();
    expect(state.value).toEqual([]);
  });

  it("ignores entries dated in the future (a wrong clock must not keep them forever)", async () => {
    const { storage } = memoryStorage([record("future", NOW + 2 * HOUR), record("now", NOW)]);
    expect((await new VerificationHistory(storage, () => NOW).list()).map((r) => r.id)).toEqual(["now"]);
  });

  it("clears everything", async () => {
    const { storage } = memoryStorage([record("a", NOW - HOUR)]);
    const history = new VerificationHistory(storage, () => NOW);
    await history.clear();
    expect(await history.list()).toEqual([]);
  });

  it("replaces an entry with the same id rather than listing it twice", async () => {
    const { storage } = memoryStorage();
    const history = new VerificationHistory(storage, () => NOW);
    await history.add(record("a", NOW - HOUR, { passed: false }));
    await history.add(record("a", NOW, { passed: true }));
    expect(await history.list()).toEqual([record("a", NOW, { passed: true })]);
  });

  it("drops an oversized thumbnail but keeps the record", async () => {
    const { storage } = memoryStorage();
    const history = new VerificationHistory(storage, () => NOW);
    await history.add(
      record("big", NOW, { thumbnail: `data:image/jpeg;base64,${"A".repeat(MAX_THUMBNAIL_CHARS)}` }),
    );
    expect((await history.list())[0]?.thumbnail).toBeNull();
  });

  it("loses no entry when two verdicts arrive at the same time", async () => {
    const { storage } = memoryStorage();
    const history = new VerificationHistory(storage, () => NOW);
    await Promise.all([history.add(record("x", NOW - 1)), history.add(record("y", NOW - 2))]);
    expect((await history.list()).map((r) => r.id)).toEqual(["x", "y"]);
  });
});

describe("parseRecords", () => {
  it("keeps only well-formed records from whatever storage holds", () => {
    const good = record("ok", NOW);
    expect(
      parseRecords([good, { id: "half" }, null, "text", { ...good, thumbnail: "javascript:alert(1)" }]),
    ).toEqual([good]);
    expect(parseRecords({ not: "a list" })).toEqual([]);
    expect(parseRecords(undefined)).toEqual([]);
  });
});

describe("verificationRecordFrom", () => {
  const report = {
    source: "page",
    livenessType: "ACTION",
    actions: ["shake_head", "blink"],
    passed: false,
    result: "FailedOperation.CompareLowSimilarity",
    similarity: 41.2,
    tencentRequestId: "tc-7",
    requestId: "req-7",
    thumbnail: "data:image/jpeg;base64,/9j/4AAQ",
  };

  it("takes the origin and the time from the background, and the description from the catalogue", () => {
    const forged = {
      ...report,
      origin: "https://elsewhere.example",
      at: 0,
      description: "Looks fine to me.",
    };
    expect(verificationRecordFrom(forged, "https://kyc.partner.example", NOW)).toEqual({
      id: "req-7",
      at: NOW,
      origin: "https://kyc.partner.example",
      source: "page",
      livenessType: "ACTION",
      actions: ["shake_head", "blink"],
      passed: false,
      result: "FailedOperation.CompareLowSimilarity",
      description: describeCompareResult("FailedOperation.CompareLowSimilarity").description,
      similarity: 41.2,
      tencentRequestId: "tc-7",
      requestId: "req-7",
      thumbnail: "data:image/jpeg;base64,/9j/4AAQ",
    });
  });

  it("refuses a malformed report", () => {
    const origin = "https://kyc.partner.example";
    expect(verificationRecordFrom({ ...report, passed: "yes" }, origin, NOW)).toBeNull();
    expect(verificationRecordFrom({ ...report, actions: [1] }, origin, NOW)).toBeNull();
    expect(
      verificationRecordFrom({ ...report, thumbnail: "https://tracker.example/x.png" }, origin, NOW),
    ).toBeNull();
    expect(verificationRecordFrom({ ...report, source: "server" }, origin, NOW)).toBeNull();
    expect(verificationRecordFrom("verdict", origin, NOW)).toBeNull();
  });
});
