-- Vexil schema 5 for PostgreSQL: the audit facts that are not changes. Refused attempts (a guard rail said no), tokens
-- created and revoked, incidents opened and closed, change locks added and removed. They never get a sequence number
-- and never enter the change feed or a snapshot, so they live beside audit_events, not in it.
CREATE TABLE audit_records (
    id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind        text        NOT NULL CHECK (length(kind) > 0),
    occurred_at timestamptz NOT NULL,
    environment text,
    flag        text,
    action      text,
    user_name   text        NOT NULL,
    via         text        NOT NULL,
    origin      text,
    request_id  text,
    title       text,
    refusal     text,
    details     jsonb       NOT NULL DEFAULT '{}'::jsonb
);

CREATE INDEX audit_records_by_time ON audit_records (occurred_at, id);
CREATE INDEX audit_records_by_flag ON audit_records (flag, occurred_at);

-- Evidence, like audit_events: nothing may rewrite or remove it.
CREATE FUNCTION vexil_audit_records_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_records is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER audit_records_no_update_or_delete
    BEFORE UPDATE OR DELETE ON audit_records
    FOR EACH ROW EXECUTE FUNCTION vexil_audit_records_append_only();

CREATE TRIGGER audit_records_no_truncate
    BEFORE TRUNCATE ON audit_records
    FOR EACH STATEMENT EXECUTE FUNCTION vexil_audit_records_append_only();
