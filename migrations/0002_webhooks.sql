-- Webhooks (worker/webhooks/): the events the gateway sent a partner, and every attempt to deliver one.
-- An event holds what its receiver got (the verdict, its signed token; never media or a secret), kept so the
-- operator can redeliver it; a delivery attempt holds only its outcome, never the body, the answer or a secret.
-- Both are deleted after the session records' retention (SESSION_RETENTION_DAYS).
CREATE TABLE webhook_events (
  -- The Standard Webhooks `webhook-id`: the same for every attempt and redelivery of the event.
  webhook_id TEXT PRIMARY KEY,
  partner_id TEXT NOT NULL,
  type TEXT NOT NULL,
  -- The JSON body as it is signed and sent.
  payload TEXT NOT NULL,
  -- ISO 8601 in UTC (Date#toISOString), so text order is time order.
  created_at TEXT NOT NULL
);
CREATE INDEX webhook_events_by_time ON webhook_events (created_at);

CREATE TABLE webhook_deliveries (
  delivery_id TEXT PRIMARY KEY,
  webhook_id TEXT NOT NULL,
  partner_id TEXT NOT NULL,
  event TEXT NOT NULL,
  -- 1 for the first attempt of a delivery; retries count up.
  attempt INTEGER NOT NULL CHECK (attempt >= 1),
  at TEXT NOT NULL,
  -- The receiver's HTTP status; NULL when there was no answer.
  status INTEGER,
  latency_ms INTEGER NOT NULL,
  -- NULL when the receiver accepted (2xx); else why not.
  error TEXT CHECK (error IN ('http_status', 'redirect', 'timeout', 'network', 'url_refused', 'no_endpoint')),
  CHECK ((error IS NULL) = (status BETWEEN 200 AND 299))
);
CREATE INDEX webhook_deliveries_by_partner_time ON webhook_deliveries (partner_id, at DESC);
CREATE INDEX webhook_deliveries_by_time ON webhook_deliveries (at);
