-- Vexil schema 5 for SQLite: the audit facts that are not changes. Refused attempts (a guard rail said no), tokens
-- created and revoked, incidents opened and closed, change locks added and removed. They never get a sequence number
-- and never enter the change feed or a snapshot, so they live beside audit_events, not in it.
-- Times are UTC text 'yyyy-MM-ddTHH:mm:ss.ffffffZ' (see SqliteTime), so they compare in order with audit_events.
CREATE TABLE audit_records (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    kind        TEXT    NOT NULL CHECK (length(kind) > 0),
    occurred_at TEXT    NOT NULL,
    environment TEXT,
    flag        TEXT,
    action      TEXT,
    user_name   TEXT    NOT NULL,
    via         TEXT    NOT NULL,
    origin      TEXT,
    request_id  TEXT,
    title       TEXT,
    refusal     TEXT,
    details     TEXT    NOT NULL DEFAULT '{}'
);

CREATE INDEX audit_records_by_time ON audit_records (occurred_at, id);
CREATE INDEX audit_records_by_flag ON audit_records (flag, occurred_at);

-- Evidence, like audit_events: nothing may rewrite or remove it.
CREATE TRIGGER audit_records_no_update BEFORE UPDATE ON audit_records
BEGIN
    SELECT RAISE(ABORT, 'audit_records is append-only: UPDATE is not allowed');
END;

CREATE TRIGGER audit_records_no_delete BEFORE DELETE ON audit_records
BEGIN
    SELECT RAISE(ABORT, 'audit_records is append-only: DELETE is not allowed');
END;
