// The audit log on a real D1 database (Miniflare) with the schema from migrations/: what is written, how it
// reads back, and that neither media nor a failing database can reach the request path.
import { env } from "cloudflare:workers";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { AuditLog } from "../../../worker/audit/audit-log";
import type { AuditEvent } from "../../../worker/audit/event";
import { AuditQueryError, recentEventsSql } from "../../../worker/audit/query";
import { type AuditRow, fromRow } from "../../../worker/audit/row";
import { fixtureBase64 } from "../../support/fixtures";

let log: AuditLog;

beforeEach(async () => {
  await env.AUDIT_DB.exec("DELETE FROM audit_events");
  log = new AuditLog(env.AUDIT_DB);
});

afterEach(() => {
  vi.restoreAllMocks();
});

const PARTNER_A = "ptn_AAAAAAAAAAAAAAAA";
const PARTNER_B = "ptn_BBBBBBBBBBBBBBBB";

function auditEvent(overrides: Partial<AuditEvent> = {}): AuditEvent {
  return {
    at: "2026-05-01T08:00:00.000Z",
    requestId: crypto.randomUUID(),
    tencentRequestId: crypto.randomUUID(),
    partnerId: PARTNER_A,
    principal: { type: "session", id: "ses_0123456789abcdef" },
    dialect: "rest",
    action: "CompareFaceLiveness",
    outcome: "Success",
    passed: true,
    similarity: 87.25,
    httpStatus: 200,
    latencyMs: 1840,
    ...overrides,
  };
}

async function storedRows(): Promise<Record<string, unknown>[]> {
  return (await env.AUDIT_DB.prepare("SELECT * FROM audit_events").all()).results;
}

describe("recording and reading back", () => {
  it("reads back exactly the event it recorded", async () => {
    const event = auditEvent();
    await log.record(event);
    expect(await log.recent()).toEqual([event]);
  });

  it("keeps the nulls of an anonymous call that never reached FaceID", async () => {
    const event = auditEvent({
      principal: { type: "anonymous" },
      partnerId: null,
      tencentRequestId: null,
      dialect: "tencent",
      outcome: "AuthFailure.SignatureFailure",
      passed: null,
      similarity: null,
      httpStatus: 401,
      latencyMs: 3,
    });
    await log.record(event);
    expect(await log.recent()).toEqual([event]);
  });

  it("stores passed as 1, 0 or NULL and the principal as type and id", async () => {
    await log.record(auditEvent({ requestId: "r-pass", passed: true, at: "2026-05-01T08:00:03.000Z" }));
    await log.record(auditEvent({ requestId: "r-fail", passed: false, at: "2026-05-01T08:00:02.000Z" }));
    await log.record(
      auditEvent({ requestId: "r-none", passed: null, principal: { type: "agent", id: "agt_42" } }),
    );
    const rows = await env.AUDIT_DB.prepare(
      "SELECT request_id, passed, principal_type, principal_id FROM audit_events ORDER BY at DESC",
    ).all();
    expect(rows.results).toEqual([
      { request_id: "r-pass", passed: 1, principal_type: "session", principal_id: "ses_0123456789abcdef" },
      { request_id: "r-fail", passed: 0, principal_type: "session", principal_id: "ses_0123456789abcdef" },
      { request_id: "r-none", passed: null, principal_type: "agent", principal_id: "agt_42" },
    ]);
  });

  it("stores a time with an offset as UTC, so text order is time order", async () => {
    await log.record(auditEvent({ at: "2026-05-01T10:00:00+08:00" }));
    const [event] = await log.recent();
    expect(event?.at).toBe("2026-05-01T02:00:00.000Z");
  });

  it("stores only the event's own fields: a stray property is never written", async () => {
    const photo = fixtureBase64("face.jpg");
    const event = { ...auditEvent(), imageBase64: photo } as AuditEvent;
    await log.record(event);
    const rows = await storedRows();
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(photo.slice(0, 64));
  });
});

describe("reading newest first", () => {
  it("orders by time, newest first, whatever the order of recording", async () => {
    const noon = auditEvent({ at: "2026-05-01T12:00:00.000Z" });
    const morning = auditEvent({ at: "2026-05-01T08:00:00.000Z" });
    const evening = auditEvent({ at: "2026-05-01T18:00:00.000Z" });
    for (const event of [noon, morning, evening]) await log.record(event);
    expect(await log.recent()).toEqual([evening, noon, morning]);
  });

  it("puts the later recorded first when two events share a millisecond", async () => {
    const first = auditEvent({ requestId: "first" });
    const second = auditEvent({ requestId: "second" });
    await log.record(first);
    await log.record(second);
    expect((await log.recent()).map((event) => event.requestId)).toEqual(["second", "first"]);
  });

  it("reads one partner's events only when asked for a partner", async () => {
    const a1 = auditEvent({ partnerId: PARTNER_A, at: "2026-05-01T08:00:00.000Z" });
    const b1 = auditEvent({ partnerId: PARTNER_B, at: "2026-05-01T09:00:00.000Z" });
    const a2 = auditEvent({ partnerId: PARTNER_A, at: "2026-05-01T10:00:00.000Z" });
    const anonymous = auditEvent({ partnerId: null, principal: { type: "anonymous" } });
    for (const event of [a1, b1, a2, anonymous]) await log.record(event);
    expect(await log.recent({ partnerId: PARTNER_A })).toEqual([a2, a1]);
    expect(await log.recent({ partnerId: PARTNER_B })).toEqual([b1]);
    expect(await log.recent()).toHaveLength(4);
  });

  it("returns at most limit events, the newest", async () => {
    const events = Array.from({ length: 5 }, (_, minute) =>
      auditEvent({ at: `2026-05-01T08:0${minute}:00.000Z` }),
    );
    for (const event of events) await log.record(event);
    expect(await log.recent({ limit: 2 })).toEqual([events[4], events[3]]);
  });

  it("returns 50 events when no limit is given", async () => {
    const statements = Array.from({ length: 51 }, () =>
      env.AUDIT_DB.prepare(
        "INSERT INTO audit_events (at, request_id, principal_type, dialect, action, outcome, http_status, latency_ms) VALUES (?, ?, 'anonymous', 'rest', 'healthz', 'ok', 200, 1)",
      ).bind("2026-05-01T08:00:00.000Z", crypto.randomUUID()),
    );
    await env.AUDIT_DB.batch(statements);
    expect(await log.recent()).toHaveLength(50);
  });

  it("pages back with before: only events strictly older than that time", async () => {
    const older = auditEvent({ at: "2026-05-01T08:00:00.000Z" });
    const boundary = auditEvent({ at: "2026-05-01T09:00:00.000Z" });
    const newer = auditEvent({ at: "2026-05-01T10:00:00.000Z" });
    for (const event of [older, boundary, newer]) await log.record(event);
    expect(await log.recent({ before: "2026-05-01T09:00:00Z" })).toEqual([older]);
  });

  it.each([
    ["a partner id that is not one", { partnerId: "ptn_x' OR 1=1 --" }],
    ["a limit of 0", { limit: 0 }],
    ["a limit over 1000", { limit: 1001 }],
    ["a fractional limit", { limit: 2.5 }],
    ["a before that is not a time", { before: "yesterday" }],
  ])("refuses %s with an AuditQueryError", async (_, query) => {
    await expect(log.recent(query)).rejects.toBeInstanceOf(AuditQueryError);
  });
});

describe("the SELECT with its values written in (wrangler d1 execute --remote)", () => {
  it("reads the same events as the bound statement", async () => {
    for (const [partnerId, hour] of [
      [PARTNER_A, "08"],
      [PARTNER_B, "09"],
      [PARTNER_A, "10"],
      [PARTNER_A, "11"],
      [PARTNER_A, "12"],
    ] as const) {
      await log.record(auditEvent({ partnerId, at: `2026-05-01T${hour}:00:00.000Z` }));
    }
    const query = { partnerId: PARTNER_A, limit: 2, before: "2026-05-01T12:00:00.000Z" };
    const inlined = await env.AUDIT_DB.prepare(recentEventsSql(query)).all<AuditRow>();
    const expected = await log.recent(query);
    expect(expected.map((event) => event.at)).toEqual([
      "2026-05-01T11:00:00.000Z",
      "2026-05-01T10:00:00.000Z",
    ]);
    expect(inlined.results.map(fromRow)).toEqual(expected);
  });

  it("refuses to write in a partner id that is not one", () => {
    expect(() => recentEventsSql({ partnerId: "ptn_'; DROP TABLE audit_events; --" })).toThrow(
      AuditQueryError,
    );
  });
});

describe("never media", () => {
  it("drops an event that carries a photo as base64, logging the field but not its value", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const photo = fixtureBase64("face.jpg");
    await log.record(auditEvent({ outcome: photo }));
    expect(await storedRows()).toEqual([]);
    expect(warn).toHaveBeenCalledExactlyOnceWith("audit: event dropped: outcome is too-long");
  });

  it("drops an event with more than 200 characters of base64, though under the length cap", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const videoFragment = fixtureBase64("video-3s.mp4").slice(0, 240);
    await log.record(auditEvent({ tencentRequestId: videoFragment }));
    expect(await storedRows()).toEqual([]);
    expect(warn).toHaveBeenCalledExactlyOnceWith("audit: event dropped: tencentRequestId is base64-like");
  });

  it("drops an event with a principal id longer than 256 characters", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => {});
    await log.record(auditEvent({ principal: { type: "session", id: "token ".repeat(50) } }));
    expect(await storedRows()).toEqual([]);
  });

  it("keeps an event whose text has 200 base64 characters in a row: ids and codes stay well under", async () => {
    const event = auditEvent({ requestId: "A".repeat(200) });
    await log.record(event);
    expect(await log.recent()).toEqual([event]);
  });
});

describe("a failing database never reaches the request path", () => {
  function failingDatabase(failure: "throws" | "rejects"): D1Database {
    const statement = {
      bind: () => statement,
      run: () => Promise.reject(new Error("D1_ERROR: no such table: audit_events: SQLITE_ERROR")),
    };
    return {
      prepare: () => {
        if (failure === "throws") throw new TypeError("Illegal invocation: database closed");
        return statement;
      },
    } as unknown as D1Database;
  }

  it("resolves when the write is rejected, with one log line without event data", async () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    const event = auditEvent();
    await expect(new AuditLog(failingDatabase("rejects")).record(event)).resolves.toBeUndefined();
    expect(error).toHaveBeenCalledExactlyOnceWith(
      "audit: event not written: Error: D1_ERROR: no such table: audit_events: SQLITE_ERROR",
    );
  });

  it("resolves when the database throws before any statement runs", async () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    await expect(new AuditLog(failingDatabase("throws")).record(auditEvent())).resolves.toBeUndefined();
    expect(error).toHaveBeenCalledExactlyOnceWith(
      "audit: event not written: TypeError: Illegal invocation: database closed",
    );
  });
});

describe("group commit under load", () => {
  /** The real database, counting the statements prepared and refusing any bound value holding `poison`. */
  function watchedDatabase(poison?: string) {
    const seen = { statements: 0 };
    const db = {
      prepare: (sql: string) => {
        seen.statements++;
        const statement = env.AUDIT_DB.prepare(sql);
        return {
          bind: (...values: unknown[]) => {
            const bound = statement.bind(...values);
            if (poison && values.some((value) => String(value).includes(poison))) {
              return { run: () => Promise.reject(new Error("D1_ERROR: CHECK constraint failed")) };
            }
            return bound;
          },
        };
      },
    } as unknown as D1Database;
    return { db, seen };
  }

  it("writes 250 events recorded at once in 3 statements, all of them, in recording order", async () => {
    const { db, seen } = watchedDatabase();
    const events = Array.from({ length: 250 }, (_, index) =>
      auditEvent({ requestId: `r-${index}`, similarity: index % 2 ? 50.5 : null, passed: index % 2 === 1 }),
    );
    await Promise.all(events.map((event) => new AuditLog(db).record(event)));
    expect(seen.statements).toBe(3);
    const rows = await env.AUDIT_DB.prepare("SELECT request_id FROM audit_events ORDER BY id").all();
    expect(rows.results.map((row) => row.request_id)).toEqual(events.map((event) => event.requestId));
    expect(await log.recent({ limit: 1000 })).toEqual([...events].reverse());
  });

  it("loses only the row D1 refuses when a batch fails, with one log line without event data", async () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    const { db } = watchedDatabase("r-refused");
    const events = ["r-before", "r-refused", "r-after"].map((requestId) => auditEvent({ requestId }));
    await Promise.all(events.map((event) => new AuditLog(db).record(event)));
    const rows = await env.AUDIT_DB.prepare("SELECT request_id FROM audit_events ORDER BY id").all();
    expect(rows.results.map((row) => row.request_id)).toEqual(["r-before", "r-after"]);
    expect(error).toHaveBeenCalledExactlyOnceWith(
      "audit: event not written: Error: D1_ERROR: CHECK constraint failed",
    );
  });
});
