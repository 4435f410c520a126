-- Vexil schema 3 for PostgreSQL: incidents and change locks, which the production check consults before a change to
-- a protected environment.

-- An incident is open while closed_at is NULL; severity 1 and 2 block production changes.
CREATE TABLE incidents (
    id         bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    title      text        NOT NULL CHECK (length(title) > 0),
    severity   integer     NOT NULL CHECK (severity BETWEEN 1 AND 4),
    opened_by  text        NOT NULL,
    opened_at  timestamptz NOT NULL,
    closed_by  text,
    closed_at  timestamptz,
    CHECK ((closed_at IS NULL) = (closed_by IS NULL))
);

CREATE INDEX incidents_open ON incidents (closed_at, severity);

-- A change lock holds protected environments for a time window [starts_at, ends_at). environments is a JSON array of
-- canonical names; an empty array means every protected environment.
CREATE TABLE change_locks (
    id           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    reason       text        NOT NULL CHECK (length(reason) > 0),
    starts_at    timestamptz NOT NULL,
    ends_at      timestamptz NOT NULL,
    environments jsonb       NOT NULL DEFAULT '[]'::jsonb,
    created_by   text        NOT NULL,
    created_at   timestamptz NOT NULL,
    CHECK (ends_at > starts_at)
);

CREATE INDEX change_locks_by_end ON change_locks (ends_at);
