-- Attachments (attachments.rs): files kept with their SHA-256, where they belong (the proposal,
-- the evidence of a condition, a monitoring report), who added them and when. Kept as added:
-- no UPDATE, no DELETE, no REPLACE. The decision names those of the proposal it relied on by
-- their hash (decisions.attachments), which the signatures then cover.
CREATE TABLE attachments (
    id         TEXT PRIMARY KEY NOT NULL,
    pilot_id   TEXT NOT NULL REFERENCES pilots (id),
    place      TEXT NOT NULL CHECK (json_valid(place)),
    name       TEXT NOT NULL,
    media_type TEXT NOT NULL,
    size       INTEGER NOT NULL CHECK (size > 0),
    sha256     TEXT NOT NULL CHECK (length(sha256) = 64),
    content    BLOB NOT NULL,
    added_at   TEXT NOT NULL,
    added_by   TEXT NOT NULL
) STRICT;
CREATE INDEX attachments_by_pilot ON attachments (pilot_id, added_at);

CREATE TRIGGER attachments_no_update BEFORE UPDATE ON attachments
BEGIN SELECT RAISE(ABORT, 'ai-toets: an attachment is kept as added (append-only)'); END;
CREATE TRIGGER attachments_no_delete BEFORE DELETE ON attachments
BEGIN SELECT RAISE(ABORT, 'ai-toets: an attachment is kept as added (append-only)'); END;
CREATE TRIGGER attachments_no_replace BEFORE INSERT ON attachments
WHEN EXISTS (SELECT 1 FROM attachments WHERE id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'ai-toets: an attachment is kept as added (append-only)'); END;

-- The attachments a decision relied on (JSON array of {id, name, mediaType, size, sha256});
-- NULL when none. The lock triggers of 0001 cover the whole row.
ALTER TABLE decisions ADD COLUMN attachments TEXT CHECK (attachments IS NULL OR json_valid(attachments));
