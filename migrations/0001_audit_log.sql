-- The audit log: one row per gateway call (worker/audit/event.ts, worker/audit/audit-log.ts).
-- Who, what, when, outcome, similarity, latency and request ids. No column can hold images, video, base64,
-- tokens or secrets, and the writer refuses over-long or base64-like text before it reaches this table.
CREATE TABLE audit_events (
  -- The insertion order: breaks ties between events of the same millisecond.
  id INTEGER PRIMARY KEY,
  -- ISO 8601 in UTC as Date#toISOString writes it, so text order is time order.
  at TEXT NOT NULL,
  request_id TEXT NOT NULL,
  tencent_request_id TEXT,
  partner_id TEXT,
  principal_type TEXT NOT NULL CHECK (principal_type IN ('partner', 'agent', 'session', 'anonymous')),
  principal_id TEXT,
  dialect TEXT NOT NULL CHECK (dialect IN ('tencent', 'rest')),
  action TEXT NOT NULL,
  outcome TEXT NOT NULL,
  -- 1 passed, 0 did not pass, NULL when the call was not a verdict.
  passed INTEGER CHECK (passed IN (0, 1)),
  similarity REAL,
  http_status INTEGER NOT NULL,
  latency_ms INTEGER NOT NULL,
  CHECK ((principal_type = 'anonymous') = (principal_id IS NULL))
);

-- `audit tail`: newest first overall, and newest first for one partner.
CREATE INDEX audit_events_by_time ON audit_events (at DESC, id DESC);
CREATE INDEX audit_events_by_partner_time ON audit_events (partner_id, at DESC, id DESC);
