-- PLACEHOLDER on the `commands` branch only. Version 2 belongs to the tokens branch (0002_tokens.sql), which was
-- being written at the same time; the migration catalog requires versions 1, 2, 3 without gaps, so 0003_incidents
-- needs a version 2 to exist here. When tokens and commands are merged, DELETE THIS FILE and keep 0002_tokens.sql
-- (the catalog refuses two version-2 scripts, so a forgotten placeholder fails every test loudly).
-- It CREATEs nothing.
SELECT 1;
