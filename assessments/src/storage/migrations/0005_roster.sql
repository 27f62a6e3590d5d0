-- The committee roster with members' keys, settings (the signing policy), the policy a
-- decision was taken under, and which roster member made each signature.

CREATE TABLE members (
    id         TEXT PRIMARY KEY NOT NULL,
    revision   INTEGER NOT NULL CHECK (revision > 0),
    name       TEXT NOT NULL,
    body       TEXT NOT NULL CHECK (json_valid(body)),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;
-- A member's keys check old signatures: a member is never deleted.
CREATE TRIGGER members_no_delete BEFORE DELETE ON members
BEGIN SELECT RAISE(ABORT, 'ai-toets: signed record is immutable'); END;

CREATE TABLE settings (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL CHECK (json_valid(value))
) STRICT;

ALTER TABLE decisions ADD COLUMN required_signers TEXT NOT NULL DEFAULT '["chair","secretary"]'
    CHECK (json_valid(required_signers));
ALTER TABLE signatures ADD COLUMN member_id TEXT NOT NULL DEFAULT '';
