-- Vexil schema 4 for SQLite: outgoing notifications (chat announcements, end-to-end test triggers, webhooks).
-- Times are UTC text 'yyyy-MM-ddTHH:mm:ss.ffffffZ' (see SqliteTime), so they compare in order.

-- The outbox. A trigger queues every audit event here in the transaction that writes it, so a committed change
-- cannot miss its notifications, whatever happens to the process right after the commit. The notification planner
-- turns each row into deliveries and removes it, in one transaction. The event ids point at audit_events without a
-- foreign key, as in the PostgreSQL schema (audit events are never removed).
CREATE TABLE notification_outbox (
    event_id  INTEGER NOT NULL PRIMARY KEY,
    queued_at TEXT    NOT NULL
);

CREATE TRIGGER audit_events_queue_notifications AFTER INSERT ON audit_events
BEGIN
    INSERT INTO notification_outbox (event_id, queued_at) VALUES (NEW.id, NEW.occurred_at);
END;

-- One message for one receiver about one change. target names the receiver in configuration (its URL and secret stay
-- there, never here); (event_id, target) is unique, so planning a change twice queues nothing twice. A pending
-- delivery is tried at next_attempt_at; a worker that claims it leases it until leased_until, and claims nothing else for
-- the same target meanwhile.
CREATE TABLE notification_deliveries (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id         INTEGER NOT NULL,
    environment      TEXT    NOT NULL,
    flag             TEXT    NOT NULL,
    kind             TEXT    NOT NULL CHECK (kind IN ('slack', 'end_to_end', 'webhook')),
    target           TEXT    NOT NULL CHECK (length(target) > 0),
    payload          TEXT    NOT NULL,
    status           TEXT    NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'dead_lettered')),
    attempts         INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    created_at       TEXT    NOT NULL,
    next_attempt_at  TEXT,
    leased_until     TEXT,
    last_attempt_at  TEXT,
    last_status_code INTEGER,
    last_error       TEXT,
    delivered_at     TEXT,
    UNIQUE (event_id, target),
    CHECK ((status = 'pending') = (next_attempt_at IS NOT NULL))
);

CREATE INDEX notification_deliveries_due ON notification_deliveries (status, next_attempt_at);

-- A claim skips receivers that already have a delivery under lease (one request at a time per receiver).
CREATE INDEX notification_deliveries_by_target ON notification_deliveries (target, status);
