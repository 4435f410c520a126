-- Vexil schema 2 for PostgreSQL: API tokens. Applied once by the migration runner, inside its transaction and under
-- its advisory lock.

-- Tokens are kept only as the SHA-256 of their secret (TokenHasher): the secret is shown once, when the token is
-- made, and never stored. environments is a JSON array of canonical environment names; [] means every environment.
CREATE TABLE tokens (
    id           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name         text        NOT NULL,
    kind         text        NOT NULL CHECK (kind IN ('read', 'write', 'admin')),
    token_hash   text        NOT NULL UNIQUE CHECK (token_hash ~ '^[0-9a-f]{64}$'),
    environments jsonb       NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(environments) = 'array'),
    created_by   text        NOT NULL,
    created_at   timestamptz NOT NULL,
    last_used_at timestamptz,
    expires_at   timestamptz,
    revoked_at   timestamptz
);
