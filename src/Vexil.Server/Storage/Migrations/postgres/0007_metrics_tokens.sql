-- Vexil schema 7 for PostgreSQL: a fourth token kind, 'metrics', that may only read /metrics (Prometheus's scrape).
-- Applied once by the migration runner, inside its transaction and under its advisory lock.

-- tokens_kind_check is the name PostgreSQL gave the column's CHECK in schema 2.
ALTER TABLE tokens DROP CONSTRAINT tokens_kind_check;
ALTER TABLE tokens ADD CONSTRAINT tokens_kind_check CHECK (kind IN ('read', 'write', 'admin', 'metrics'));
