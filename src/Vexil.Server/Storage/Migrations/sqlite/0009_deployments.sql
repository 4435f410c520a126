-- Vexil schema 9 for SQLite: deployments reported by CI, a fifth token kind 'deployments' that may only record and list
-- them, and two delivery kinds for GitLab (notes on rollout issues, issues in the feature-flag log project).
-- Times are UTC text 'yyyy-MM-ddTHH:mm:ss.ffffffZ' (see SqliteTime), so they compare in order.

-- One deployment of a commit to an environment. environment is the canonical name (aliases are resolved before
-- storing); sha is the full 40-hex commit, lower case.
CREATE TABLE deployments (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    environment TEXT    NOT NULL CHECK (length(environment) > 0),
    sha         TEXT    NOT NULL CHECK (length(sha) = 40 AND sha NOT GLOB '*[^0-9a-f]*'),
    ref         TEXT    NOT NULL CHECK (length(ref) > 0),
    status      TEXT    NOT NULL CHECK (status IN ('success', 'failed', 'running')),
    finished_at TEXT    NOT NULL,
    url         TEXT,
    recorded_by TEXT    NOT NULL
);

-- Lists are newest first, per environment or per sha; the deployment check asks for an environment's last success.
CREATE INDEX deployments_by_time ON deployments (finished_at DESC, id DESC);
CREATE INDEX deployments_by_environment ON deployments (environment, status, finished_at DESC, id DESC);
CREATE INDEX deployments_by_sha ON deployments (sha);

-- SQLite cannot change a CHECK constraint in place: both tables are rebuilt with the wider CHECK, their rows copied
-- with their ids, and their autoincrement counters carried over so that no id is ever handed out twice (as schema 7).
CREATE TABLE tokens_new (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    name         TEXT    NOT NULL,
    kind         TEXT    NOT NULL CHECK (kind IN ('read', 'write', 'admin', 'metrics', 'deployments')),
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

CREATE UNIQUE INDEX tokens_active_name ON tokens (lower(name)) WHERE revoked_at IS NULL;

CREATE TABLE notification_deliveries_new (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id         INTEGER NOT NULL,
    environment      TEXT    NOT NULL,
    flag             TEXT    NOT NULL,
    kind             TEXT    NOT NULL CHECK (kind IN ('slack', 'end_to_end', 'webhook', 'gitlab_note', 'gitlab_issue')),
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

INSERT INTO notification_deliveries_new
SELECT id, event_id, environment, flag, kind, target, payload, status, attempts, created_at, next_attempt_at, leased_until,
       last_attempt_at, last_status_code, last_error, delivered_at
FROM notification_deliveries;

UPDATE sqlite_sequence
SET seq = (SELECT seq FROM sqlite_sequence WHERE name = 'notification_deliveries')
WHERE name = 'notification_deliveries_new' AND EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'notification_deliveries');

DROP TABLE notification_deliveries;
ALTER TABLE notification_deliveries_new RENAME TO notification_deliveries;

CREATE INDEX notification_deliveries_due ON notification_deliveries (status, next_attempt_at);
CREATE INDEX notification_deliveries_by_target ON notification_deliveries (target, status);
