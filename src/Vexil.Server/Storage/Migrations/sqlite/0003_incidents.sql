-- Vexil schema 3 for SQLite: incidents and change locks, which the production check consults before a change to a
-- protected environment. Times are UTC text 'yyyy-MM-ddTHH:mm:ss.ffffffZ' (see SqliteTime), so they compare in order.

-- An incident is open while closed_at is NULL; severity 1 and 2 block production changes.
CREATE TABLE incidents (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    title      TEXT    NOT NULL CHECK (length(title) > 0),
    severity   INTEGER NOT NULL CHECK (severity BETWEEN 1 AND 4),
    opened_by  TEXT    NOT NULL,
    opened_at  TEXT    NOT NULL,
    closed_by  TEXT,
    closed_at  TEXT,
    CHECK ((closed_at IS NULL) = (closed_by IS NULL))
);

CREATE INDEX incidents_open ON incidents (closed_at, severity);

-- A change lock holds protected environments for a time window [starts_at, ends_at). environments is a JSON array of
-- canonical names; an empty array means every protected environment.
CREATE TABLE change_locks (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    reason       TEXT    NOT NULL CHECK (length(reason) > 0),
    starts_at    TEXT    NOT NULL,
    ends_at      TEXT    NOT NULL,
    environments TEXT    NOT NULL DEFAULT '[]',
    created_by   TEXT    NOT NULL,
    created_at   TEXT    NOT NULL,
    CHECK (ends_at > starts_at)
);

CREATE INDEX change_locks_by_end ON change_locks (ends_at);
