-- Vexil schema 4 for PostgreSQL: outgoing notifications (chat announcements, end-to-end test triggers, webhooks).

-- The outbox. A trigger queues every audit event here in the transaction that writes it, so a committed change
-- cannot miss its notifications, whatever happens to the process right after the commit. The notification planner
-- turns each row into deliveries and removes it, in one transaction. The event ids point at audit_events without a
-- foreign key: audit events are never removed, and a reference would make PostgreSQL refuse a TRUNCATE of the audit log
-- with its own message before the append-only trigger can say why.
CREATE TABLE notification_outbox (
    event_id  bigint      NOT NULL PRIMARY KEY,
    queued_at timestamptz NOT NULL
);

CREATE FUNCTION vexil_queue_notifications() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO notification_outbox (event_id, queued_at) VALUES (NEW.id, NEW.occurred_at);
    RETURN NULL;
END;
$$;

CREATE TRIGGER audit_events_queue_notifications
    AFTER INSERT ON audit_events
    FOR EACH ROW EXECUTE FUNCTION vexil_queue_notifications();

-- One message for one receiver about one change. target names the receiver in configuration (its URL and secret stay
-- there, never here); (event_id, target) is unique, so planning a change twice queues nothing twice. A pending
-- delivery is tried at next_attempt_at; a worker that claims it leases it until leased_until, and claims nothing else for
-- the same target meanwhile.
CREATE TABLE notification_deliveries (
    id               bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id         bigint      NOT NULL,
    environment      text        NOT NULL,
    flag             text        NOT NULL,
    kind             text        NOT NULL CHECK (kind IN ('slack', 'end_to_end', 'webhook')),
    target           text        NOT NULL CHECK (length(target) > 0),
    payload          text        NOT NULL,
    status           text        NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'dead_lettered')),
    attempts         integer     NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    created_at       timestamptz NOT NULL,
    next_attempt_at  timestamptz,
    leased_until     timestamptz,
    last_attempt_at  timestamptz,
    last_status_code integer,
    last_error       text,
    delivered_at     timestamptz,
    UNIQUE (event_id, target),
    CHECK ((status = 'pending') = (next_attempt_at IS NOT NULL))
);

CREATE INDEX notification_deliveries_due ON notification_deliveries (status, next_attempt_at);

-- A claim skips receivers that already have a delivery under lease (one request at a time per receiver).
CREATE INDEX notification_deliveries_by_target ON notification_deliveries (target, status);
