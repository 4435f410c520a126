-- Placeholder for schema 8, which another branch (the SDK work) adds: the real file will CREATE its own tables. This
-- one exists only so this branch's schema 9 is contiguous on its own; delete it when the branches are merged.
SELECT 1;
