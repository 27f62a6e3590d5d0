-- The signed roster log (see roster_log.rs): every change to the committee's members, roles,
-- keys and signing policy is one event, signed by its approvers, chained by hash. Append-only:
-- no UPDATE, DELETE or REPLACE, whoever runs it.
CREATE TABLE roster_events (
    seq        INTEGER PRIMARY KEY NOT NULL CHECK (seq > 0),
    body       TEXT NOT NULL CHECK (json_valid(body)),
    event_hash TEXT NOT NULL UNIQUE
) STRICT;

CREATE TRIGGER roster_events_no_update BEFORE UPDATE ON roster_events
BEGIN SELECT RAISE(ABORT, 'ai-toets: the audit trail is append-only'); END;
CREATE TRIGGER roster_events_no_delete BEFORE DELETE ON roster_events
BEGIN SELECT RAISE(ABORT, 'ai-toets: the audit trail is append-only'); END;
CREATE TRIGGER roster_events_no_replace BEFORE INSERT ON roster_events
WHEN EXISTS (SELECT 1 FROM roster_events WHERE seq = NEW.seq)
BEGIN SELECT RAISE(ABORT, 'ai-toets: the audit trail is append-only'); END;

-- The hash of the framework version a decision was reviewed against (NULL before it was kept).
ALTER TABLE decisions ADD COLUMN framework_hash TEXT;

-- The audit checkpoint a signature signs (statement format v2); NULL for format v1.
ALTER TABLE signatures ADD COLUMN checkpoint TEXT CHECK (checkpoint IS NULL OR json_valid(checkpoint));
-- The committee a signature names (the hash of its roster log's founding event); NULL before.
ALTER TABLE signatures ADD COLUMN committee TEXT;
