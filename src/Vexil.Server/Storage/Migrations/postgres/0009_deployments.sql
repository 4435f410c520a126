-- Vexil schema 9 for PostgreSQL: deployments reported by CI, a fifth token kind 'deployments' that may only record and
-- list them, and two delivery kinds for GitLab (notes on rollout issues, issues in the feature-flag log project).

-- One deployment of a commit to an environment. environment is the canonical name (aliases are resolved before
-- storing); sha is the full 40-hex commit, lower case.
CREATE TABLE deployments (
    id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    environment text        NOT NULL CHECK (length(environment) > 0),
    sha         text        NOT NULL CHECK (sha ~ '^[0-9a-f]{40}$'),
    ref         text        NOT NULL CHECK (length(ref) > 0),
    status      text        NOT NULL CHECK (status IN ('success', 'failed', 'running')),
    finished_at timestamptz NOT NULL,
    url         text,
    recorded_by text        NOT NULL
);

-- Lists are newest first, per environment or per sha; the deployment check asks for an environment's last success.
CREATE INDEX deployments_by_time ON deployments (finished_at DESC, id DESC);
CREATE INDEX deployments_by_environment ON deployments (environment, status, finished_at DESC, id DESC);
CREATE INDEX deployments_by_sha ON deployments (sha);

-- tokens_kind_check is the name PostgreSQL gave the column's CHECK in schema 2 (kept by schema 7).
ALTER TABLE tokens DROP CONSTRAINT tokens_kind_check;
ALTER TABLE tokens ADD CONSTRAINT tokens_kind_check CHECK (kind IN ('read', 'write', 'admin', 'metrics', 'deployments'));

-- notification_deliveries_kind_check is the name PostgreSQL gave the column's CHECK in schema 4.
ALTER TABLE notification_deliveries DROP CONSTRAINT notification_deliveries_kind_check;
ALTER TABLE notification_deliveries ADD CONSTRAINT notification_deliveries_kind_check
    CHECK (kind IN ('slack', 'end_to_end', 'webhook', 'gitlab_note', 'gitlab_issue'));
