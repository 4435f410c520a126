-- Vexil schema 10 for SQLite: guarded rollout plans. The plan's steps (planned and actual times), checks, baselines
-- and latest readings live in body, JSON written and read by the rollout store; the columns are what the database
-- must see: the status, and at most one active plan per flag and environment, enforced here so that two requests
-- (or two replicas) racing to start a plan cannot both win. version grows with every save, so two writers (a person pausing,
-- the leader stepping) cannot overwrite each other unseen.
CREATE TABLE rollout_plans (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    flag        TEXT    NOT NULL,
    environment TEXT    NOT NULL,
    status      TEXT    NOT NULL CHECK (status IN ('running', 'paused', 'verifying', 'completed', 'aborted')),
    created_at  TEXT    NOT NULL,
    updated_at  TEXT    NOT NULL,
    version     INTEGER NOT NULL DEFAULT 0,
    body        TEXT    NOT NULL
);

CREATE UNIQUE INDEX rollout_plans_one_active ON rollout_plans (flag, environment)
    WHERE status IN ('running', 'paused', 'verifying');

CREATE INDEX rollout_plans_by_status ON rollout_plans (status, id);
