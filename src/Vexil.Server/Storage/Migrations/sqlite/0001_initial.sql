-- Vexil schema 1 for SQLite. Applied once by the migration runner, inside its transaction, after it has created
-- vexil_meta and vexil_schema_migrations.

-- One row per environment that has ever been written; sequence counts its accepted changes.
CREATE TABLE environments (
    name        TEXT    NOT NULL PRIMARY KEY,
    sequence    INTEGER NOT NULL DEFAULT 0 CHECK (sequence >= 0),
    created_at  TEXT    NOT NULL
);

-- The gate values of every persisted flag, as FlagStateJson text.
CREATE TABLE flags (
    environment TEXT NOT NULL REFERENCES environments (name),
    name        TEXT NOT NULL,
    state       TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    PRIMARY KEY (environment, name)
) WITHOUT ROWID;

-- The append-only audit log, which is also the change feed: one row per accepted change.
-- Times are UTC text 'yyyy-MM-ddTHH:mm:ss.ffffffZ', which sorts and compares in time order.
CREATE TABLE audit_events (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    environment  TEXT    NOT NULL,
    sequence     INTEGER NOT NULL,
    occurred_at  TEXT    NOT NULL,
    flag         TEXT    NOT NULL,
    action       TEXT    NOT NULL,
    before_state TEXT,
    after_state  TEXT,
    user_name    TEXT    NOT NULL,
    via          TEXT    NOT NULL,
    origin       TEXT,
    reason       TEXT,
    request_id   TEXT,
    title        TEXT,
    details      TEXT    NOT NULL DEFAULT '{}',
    UNIQUE (environment, sequence)
);

CREATE INDEX audit_events_by_time ON audit_events (occurred_at, id);
CREATE INDEX audit_events_by_flag ON audit_events (flag, occurred_at);
CREATE INDEX audit_events_by_user ON audit_events (user_name, occurred_at);

-- The audit log is evidence: nothing may rewrite or remove it, not even a hand-typed statement.
CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
BEGIN
    SELECT RAISE(ABORT, 'audit_events is append-only: UPDATE is not allowed');
END;

CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
BEGIN
    SELECT RAISE(ABORT, 'audit_events is append-only: DELETE is not allowed');
END;
