/**
 * The audit log in D1 (binding AUDIT_DB, schema in migrations/): one row per gateway call, read back newest
 * first by the operator's `npm run audit -- tail`. The gateway records after it has answered
 * (`ctx.waitUntil`), so `record` never throws: a lost audit row must never become a failed request.
 *
 * Rows are group-committed per isolate: those recorded within a few milliseconds of each other go together, as one
 * statement (a JSON array bound once, D1 allowing only 100 bound parameters), so under load the audit log
 * costs one D1 round trip per batch rather than per request.
 */

import { GroupCommit } from "../batching/group-commit";
import { describeBindingFailure } from "../errors/binding-failure";
import type { AuditEvent } from "./event";
import { type RecentEventsQuery, recentEventsStatement } from "./query";
import { AUDIT_COLUMNS, type AuditRow, fromRow, toRow } from "./row";
import { screenAuditEvent } from "./screen";

export class AuditLog {
  readonly #db: D1Database;

  constructor(db: D1Database) {
    this.#db = db;
  }

  /** Writes the event, or drops it with one log line that holds no event data. Always resolves. */
  async record(event: AuditEvent): Promise<void> {
    try {
      const refusal = screenAuditEvent(event);
      if (refusal) {
        console.warn(`audit: event dropped: ${refusal.field} is ${refusal.reason}`);
        return;
      }
      await writerOf(this.#db).add(toRow(event));
    } catch (error) {
      console.error(`audit: event not written: ${describeBindingFailure(error)}`);
    }
  }

  /** The newest events first. Throws AuditQueryError for a bad query, and D1's error if the read fails. */
  async recent(query: RecentEventsQuery = {}): Promise<AuditEvent[]> {
    const { sql, params } = recentEventsStatement(query);
    const { results } = await this.#db
      .prepare(sql)
      .bind(...params)
      .all<AuditRow>();
    return results.map(fromRow);
  }
}

/** Rows per statement: about 40 KB of JSON, far below D1's limits on a statement and a bound value. */
const MAX_BATCH = 100;
/**
 * How long a row waits for its neighbours: the answer has already gone (`waitUntil`), so this delays only the
 * row. A D1 call costs the Worker's own thread about 0.3–1 ms (the binding's serialisation and tracing span,
 * bench/PERFORMANCE.md): 100 ms makes one statement of several rows even at a few dozen requests a second per
 * isolate, where 10 ms wrote every row of a 10 MB verification on its own.
 */
const LINGER_MS = 100;

/** Inserts the rows of a JSON array in their order, each column taken by name from its object. */
const INSERT_ROWS = `INSERT INTO audit_events (${AUDIT_COLUMNS.join(", ")}) SELECT ${AUDIT_COLUMNS.map(
  (column) => `json_extract(value, '$.${column}')`,
).join(", ")} FROM json_each(?1) ORDER BY key`;

const writers = new WeakMap<D1Database, GroupCommit<AuditRow>>();

function writerOf(db: D1Database): GroupCommit<AuditRow> {
  let writer = writers.get(db);
  if (writer === undefined) {
    writer = new GroupCommit((rows) => insertRows(db, rows), { maxBatch: MAX_BATCH, lingerMs: LINGER_MS });
    writers.set(db, writer);
  }
  return writer;
}

/** Never rejects. A failed batch is written again row by row, so a row D1 refuses loses only itself. */
async function insertRows(db: D1Database, rows: AuditRow[]): Promise<void> {
  try {
    await db.prepare(INSERT_ROWS).bind(JSON.stringify(rows)).run();
  } catch (error) {
    if (rows.length === 1) console.error(`audit: event not written: ${describeBindingFailure(error)}`);
    else for (const row of rows) await insertRows(db, [row]);
  }
}
