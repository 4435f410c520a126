-- Vexil schema 8 for SQLite: evaluation counts the SDKs report (POST /api/v1/metrics), per flag and environment, for
-- the native API and for stale-flag detection. Times are UTC text 'yyyy-MM-ddTHH:mm:ss.ffffffZ' (see SqliteTime).
-- No foreign key to flags: a flag that is only defined (never persisted) is evaluated too.
CREATE TABLE flag_evaluations (
    environment       TEXT    NOT NULL,
    flag              TEXT    NOT NULL,
    true_count        INTEGER NOT NULL DEFAULT 0 CHECK (true_count >= 0),
    false_count       INTEGER NOT NULL DEFAULT 0 CHECK (false_count >= 0),
    last_evaluated_at TEXT    NOT NULL,
    PRIMARY KEY (environment, flag)
);

CREATE INDEX flag_evaluations_flag ON flag_evaluations (flag);
