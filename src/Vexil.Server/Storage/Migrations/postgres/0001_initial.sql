-- Vexil schema 1 for PostgreSQL. Applied once by the migration runner, inside its transaction and under its advisory
-- lock, after it has created vexil_meta and vexil_schema_migrations. Names are unqualified: they land in the
-- connection's current schema.

-- One row per environment that has ever been written; sequence counts its accepted changes, and its row lock
-- serializes the writers of one environment.
CREATE TABLE environments (
    name        text        NOT NULL PRIMARY KEY,
    sequence    bigint      NOT NULL DEFAULT 0 CHECK (sequence >= 0),
    created_at  timestamptz NOT NULL DEFAULT now()
);

-- The gate values of every persisted flag, as FlagStateJson.
CREATE TABLE flags (
    environment text        NOT NULL REFERENCES environments (name),
    name        text        NOT NULL,
    state       jsonb       NOT NULL,
    updated_at  timestamptz NOT NULL,
    PRIMARY KEY (environment, name)
);

-- The append-only audit log, which is also the change feed: one row per accepted change.
CREATE TABLE audit_events (
    id           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    environment  text        NOT NULL,
    sequence     bigint      NOT NULL,
    occurred_at  timestamptz NOT NULL,
    flag         text        NOT NULL,
    action       text        NOT NULL,
    before_state jsonb,
    after_state  jsonb,
    user_name    text        NOT NULL,
    via          text        NOT NULL,
    origin       text,
    reason       text,
    request_id   text,
    title        text,
    details      jsonb       NOT NULL DEFAULT '{}'::jsonb,
    UNIQUE (environment, sequence)
);

CREATE INDEX audit_events_by_time ON audit_events (occurred_at, id);
CREATE INDEX audit_events_by_flag ON audit_events (flag, occurred_at);
CREATE INDEX audit_events_by_user ON audit_events (user_name, occurred_at);

-- The audit log is evidence: nothing may rewrite or remove it, not even a hand-typed statement.
CREATE FUNCTION vexil_audit_events_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_events is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER audit_events_no_update_or_delete
    BEFORE UPDATE OR DELETE ON audit_events
    FOR EACH ROW EXECUTE FUNCTION vexil_audit_events_append_only();

CREATE TRIGGER audit_events_no_truncate
    BEFORE TRUNCATE ON audit_events
    FOR EACH STATEMENT EXECUTE FUNCTION vexil_audit_events_append_only();
