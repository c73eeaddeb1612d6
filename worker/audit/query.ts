/**
 * The one read the operator needs: the newest events, overall or for one partner, optionally before a time.
 * Every input is validated here, so the same SELECT can run with bound parameters (AuditLog#recent, in the
 * Worker or through the local platform proxy) or with its values written in (`wrangler d1 execute
 * --command`, which takes no parameters, for the deployed database).
 */
import { AUDIT_COLUMNS } from "./row";

export interface RecentEventsQuery {
  partnerId?: string;
  /** 1 to MAX_RECENT_LIMIT; DEFAULT_RECENT_LIMIT when absent. */
  limit?: number;
  /** Only events strictly older than this ISO 8601 time (for paging back). */
  before?: string;
}

export const DEFAULT_RECENT_LIMIT = 50;
export const MAX_RECENT_LIMIT = 1000;
export const PARTNER_ID_PATTERN = /^ptn_[A-Za-z0-9]{16}$/;

/** A query the audit log refuses to run; the message is safe to show the operator. */
export class AuditQueryError extends Error {
  override readonly name = "AuditQueryError";
}

export interface AuditStatement {
  sql: string;
  params: (string | number)[];
}

/** The SELECT behind `recent`, newest first, with its validated parameters in order. */
export function recentEventsStatement(query: RecentEventsQuery = {}): AuditStatement {
  const conditions: string[] = [];
  const params: (string | number)[] = [];
  if (query.partnerId !== undefined) {
    if (!PARTNER_ID_PATTERN.test(query.partnerId)) {
      throw new AuditQueryError("a partner id looks like ptn_ followed by 16 letters or digits");
    }
    conditions.push("partner_id = ?");
    params.push(query.partnerId);
  }
  if (query.before !== undefined) {
    const before = Date.parse(query.before);
    if (Number.isNaN(before)) throw new AuditQueryError("before must be an ISO 8601 time");
    // Rows hold Date#toISOString text (row.ts), so the bound must be in the same form to compare as text.
    conditions.push("at < ?");
    params.push(new Date(before).toISOString());
  }
  const limit = query.limit ?? DEFAULT_RECENT_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_RECENT_LIMIT) {
    throw new AuditQueryError(`limit must be a whole number from 1 to ${MAX_RECENT_LIMIT}`);
  }
  params.push(limit);
  const where = conditions.length > 0 ? ` WHERE ${conditions.join(" AND ")}` : "";
  return {
    sql: `SELECT ${AUDIT_COLUMNS.join(", ")} FROM audit_events${where} ORDER BY at DESC, id DESC LIMIT ?`,
    params,
  };
}

/**
 * The same SELECT with its values written in as SQL literals. Safe because every value was validated by
 * recentEventsStatement to a narrow alphabet (partner id, ISO time, integer), and quoted besides.
 */
export function recentEventsSql(query: RecentEventsQuery = {}): string {
  const { sql, params } = recentEventsStatement(query);
  let next = 0;
  const inlined = sql.replace(/\?/g, () => sqlLiteral(params[next++]));
  if (next !== params.length) throw new Error("recentEventsSql: placeholder count does not match parameters");
  return inlined;
}

function sqlLiteral(value: string | number | undefined): string {
  if (typeof value === "number" && Number.isSafeInteger(value)) return String(value);
  if (typeof value === "string") return `'${value.replaceAll("'", "''")}'`;
  throw new Error("recentEventsSql: a parameter is neither an integer nor text");
}
