-- Vexil schema 5 for SQLite: replayed chat requests are refused, and token names tell tokens apart. Applied once by
-- the migration runner, inside its transaction.

-- The Slack requests accepted recently, by signature. A signed request is accepted for 5 minutes either side of its
-- timestamp; its signature is kept until that window has closed (expires_at), so the same request sent again, to this
-- server or to another one on this database, finds its row and is refused. The primary key makes the insert itself
-- the check: of two servers receiving one replay at the same moment, exactly one inserts. Rows well past their window
-- are removed as new requests come in (ChatOps/Replays). Times are UTC text like the audit log's.
CREATE TABLE chat_seen_requests (
    platform    TEXT NOT NULL,
    request_key TEXT NOT NULL,
    expires_at  TEXT NOT NULL,
    PRIMARY KEY (platform, request_key)
) WITHOUT ROWID;

CREATE INDEX chat_seen_requests_expiry ON chat_seen_requests (expires_at);

-- Token names are unique among tokens that are not revoked, ignoring case, so an audit event's "who" names one token.
-- Tokens made before this rule may share a name: every one but the oldest gets its id added to its name (they keep
-- working, and can be told apart), and so does an active token named like the bootstrap token, which is reserved.
UPDATE tokens
SET name = name || ' (' || id || ')'
WHERE revoked_at IS NULL
  AND (lower(name) = 'bootstrap-admin'
       OR EXISTS (SELECT 1 FROM tokens AS older
                  WHERE older.revoked_at IS NULL AND lower(older.name) = lower(tokens.name) AND older.id < tokens.id));

-- The rule itself, race-safe: two servers making the same name at once cannot both succeed.
CREATE UNIQUE INDEX tokens_active_name ON tokens (lower(name)) WHERE revoked_at IS NULL;
