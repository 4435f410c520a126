-- Vexil schema 8 for PostgreSQL: evaluation counts the SDKs report (POST /api/v1/metrics), per flag and environment,
-- for the native API and for stale-flag detection. No foreign key to flags: a flag that is only defined (never
-- persisted) is evaluated too.
CREATE TABLE flag_evaluations (
    environment       text        NOT NULL,
    flag              text        NOT NULL,
    true_count        bigint      NOT NULL DEFAULT 0 CHECK (true_count >= 0),
    false_count       bigint      NOT NULL DEFAULT 0 CHECK (false_count >= 0),
    last_evaluated_at timestamptz NOT NULL,
    PRIMARY KEY (environment, flag)
);

CREATE INDEX flag_evaluations_flag ON flag_evaluations (flag);
