-- Vexil schema 10 for PostgreSQL: guarded rollout plans. The plan's steps (planned and actual times), checks,
-- baselines and latest readings live in body, JSON written and read by the rollout store; the columns are what the
-- database must see: the status, and at most one active plan per flag and environment, enforced here so that two
-- requests (or two replicas) racing to start a plan cannot both win. version grows with every save, so two writers (a person pausing,
-- the leader stepping) cannot overwrite each other unseen.
CREATE TABLE rollout_plans (
    id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    flag        text        NOT NULL,
    environment text        NOT NULL,
    status      text        NOT NULL CHECK (status IN ('running', 'paused', 'verifying', 'completed', 'aborted')),
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    version     integer NOT NULL DEFAULT 0,
    body        jsonb       NOT NULL
);

CREATE UNIQUE INDEX rollout_plans_one_active ON rollout_plans (flag, environment)
    WHERE status IN ('running', 'paused', 'verifying');

CREATE INDEX rollout_plans_by_status ON rollout_plans (status, id);
