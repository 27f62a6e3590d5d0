-- The follow-up of signed decisions (followup.rs): reports on conditions, the committee's
-- confirmations, the pilot's life after the decision. Each event points at the signed decision
-- by its content hash and never changes: no UPDATE, no DELETE, no REPLACE.
CREATE TABLE follow_up_events (
    id          TEXT PRIMARY KEY NOT NULL,
    pilot_id    TEXT NOT NULL REFERENCES pilots (id),
    body        TEXT NOT NULL CHECK (json_valid(body)),
    recorded_at TEXT NOT NULL
) STRICT;
CREATE INDEX follow_up_events_by_pilot ON follow_up_events (pilot_id, recorded_at);

CREATE TRIGGER follow_up_events_no_update BEFORE UPDATE ON follow_up_events
BEGIN SELECT RAISE(ABORT, 'ai-toets: the follow-up of a decision is append-only'); END;
CREATE TRIGGER follow_up_events_no_delete BEFORE DELETE ON follow_up_events
BEGIN SELECT RAISE(ABORT, 'ai-toets: the follow-up of a decision is append-only'); END;
CREATE TRIGGER follow_up_events_no_replace BEFORE INSERT ON follow_up_events
WHEN EXISTS (SELECT 1 FROM follow_up_events WHERE id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'ai-toets: the follow-up of a decision is append-only'); END;
