-- Vexil schema 7 for SQLite: a fourth token kind, 'metrics', that may only read /metrics (Prometheus's scrape). Applied
-- once by the migration runner, inside its transaction.

-- SQLite cannot change a CHECK constraint in place: the table is rebuilt with the wider CHECK, its rows copied with
-- their ids, and its autoincrement counter carried over so that no id is ever handed out twice.
CREATE TABLE tokens_new (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    name         TEXT    NOT NULL,
    kind         TEXT    NOT NULL CHECK (kind IN ('read', 'write', 'admin', 'metrics')),
    token_hash   TEXT    NOT NULL UNIQUE CHECK (length(token_hash) = 64 AND token_hash NOT GLOB '*[^0-9a-f]*'),
    environments TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid(environments) AND json_type(environments) = 'array'),
    created_by   TEXT    NOT NULL,
    created_at   TEXT    NOT NULL,
    last_used_at TEXT,
    expires_at   TEXT,
    revoked_at   TEXT
);

INSERT INTO tokens_new (id, name, kind, token_hash, environments, created_by, created_at, last_used_at, expires_at, revoked_at)
SELECT id, name, kind, token_hash, environments, created_by, created_at, last_used_at, expires_at, revoked_at FROM tokens;

UPDATE sqlite_sequence
SET seq = (SELECT seq FROM sqlite_sequence WHERE name = 'tokens')
WHERE name = 'tokens_new' AND EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'tokens');

DROP TABLE tokens;
ALTER TABLE tokens_new RENAME TO tokens;

-- Dropped with the old table; the same rule as schema 6.
CREATE UNIQUE INDEX tokens_active_name ON tokens (lower(name)) WHERE revoked_at IS NULL;
