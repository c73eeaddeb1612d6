/**
 * The audit log in D1 (binding AUDIT_DB, schema in migrations/): one row per gateway call, read back newest
 * first by the operator's `npm run audit -- tail`. The gateway records after it has answered
 * (`ctx.waitUntil`), so `record` never throws: a lost audit row must never become a failed request.
 */
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
      const row = toRow(event);
      await this.#db
        .prepare(INSERT_EVENT)
        .bind(...AUDIT_COLUMNS.map((column) => row[column]))
        .run();
    } catch (error) {
      console.error(`audit: event not written: ${describeFailure(error)}`);
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

const INSERT_EVENT = `INSERT INTO audit_events (${AUDIT_COLUMNS.join(", ")}) VALUES (${AUDIT_COLUMNS.map(() => "?").join(", ")})`;

/** D1's messages name tables and constraints, never bound values; still, keep the line short and single. */
function describeFailure(error: unknown): string {
  if (!(error instanceof Error)) return "unknown failure";
  return `${error.name}: ${error.message}`.replace(/\s+/g, " ").slice(0, 200);
}
