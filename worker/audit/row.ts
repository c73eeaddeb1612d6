/**
 * An audit event as a row of `audit_events` (migrations/0001_audit_log.sql) and back. Only the columns below
 * are ever written, so a property that slips into an event object by mistake is never stored.
 */
import type { AuditDialect, AuditEvent, AuditPrincipal } from "./event";

export interface AuditRow {
  at: string;
  request_id: string;
  tencent_request_id: string | null;
  partner_id: string | null;
  principal_type: AuditPrincipal["type"];
  principal_id: string | null;
  dialect: AuditDialect;
  action: string;
  outcome: string;
  passed: 0 | 1 | null;
  similarity: number | null;
  http_status: number;
  latency_ms: number;
}

/** The columns, in the order statements bind and select them. */
export const AUDIT_COLUMNS = [
  "at",
  "request_id",
  "tencent_request_id",
  "partner_id",
  "principal_type",
  "principal_id",
  "dialect",
  "action",
  "outcome",
  "passed",
  "similarity",
  "http_status",
  "latency_ms",
] as const satisfies readonly (keyof AuditRow)[];

export function toRow(event: AuditEvent): AuditRow {
  return {
    // One format for every row, so that text order is time order in the table's indexes.
    at: new Date(event.at).toISOString(),
    request_id: event.requestId,
    tencent_request_id: event.tencentRequestId ?? null,
    partner_id: event.partnerId ?? null,
    principal_type: event.principal.type,
    principal_id: event.principal.type === "anonymous" ? null : event.principal.id,
    dialect: event.dialect,
    action: event.action,
    outcome: event.outcome,
    passed: event.passed === null ? null : event.passed ? 1 : 0,
    similarity: event.similarity ?? null,
    http_status: event.httpStatus,
    latency_ms: Math.round(event.latencyMs),
  };
}

export function fromRow(row: AuditRow): AuditEvent {
  return {
    at: row.at,
    requestId: row.request_id,
    tencentRequestId: row.tencent_request_id,
    partnerId: row.partner_id,
    principal: principalOf(row),
    dialect: row.dialect,
    action: row.action,
    outcome: row.outcome,
    passed: row.passed === null ? null : row.passed === 1,
    similarity: row.similarity,
    httpStatus: row.http_status,
    latencyMs: row.latency_ms,
  };
}

function principalOf(row: AuditRow): AuditPrincipal {
  switch (row.principal_type) {
    case "anonymous":
      return { type: "anonymous" };
    case "partner":
    case "agent":
    case "session":
      // The table's CHECK constraint guarantees an id for every principal but the anonymous one.
      return { type: row.principal_type, id: row.principal_id ?? "" };
  }
}
