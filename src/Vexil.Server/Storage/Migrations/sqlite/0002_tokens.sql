-- Vexil schema 2 for SQLite: API tokens. Applied once by the migration runner, inside its transaction.

-- Tokens are kept only as the SHA-256 of their secret (TokenHasher): the secret is shown once, when the token is
-- made, and never stored. environments is a JSON array of canonical environment names; [] means every environment.
-- Times are UTC text 'yyyy-MM-ddTHH:mm:ss.ffffffZ', like the audit log's.
CREATE TABLE tokens (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    name         TEXT    NOT NULL,
    kind         TEXT    NOT NULL CHECK (kind IN ('read', 'write', 'admin')),
    token_hash   TEXT    NOT NULL UNIQUE CHECK (length(token_hash) = 64 AND token_hash NOT GLOB '*[^0-9a-f]*'),
    environments TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid(environments) AND json_type(environments) = 'array'),
    created_by   TEXT    NOT NULL,
    created_at   TEXT    NOT NULL,
    last_used_at TEXT,
    expires_at   TEXT,
    revoked_at   TEXT
);
