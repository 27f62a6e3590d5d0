-- The audit trail: append-only, each entry chained to the one before by hash (see audit.rs).
CREATE TABLE audit_log (
    seq        INTEGER PRIMARY KEY NOT NULL CHECK (seq > 0),
    at         TEXT NOT NULL,
    actor      TEXT NOT NULL,
    subject    TEXT NOT NULL,
    action     TEXT NOT NULL,
    state_hash TEXT NOT NULL,
    prev_hash  TEXT NOT NULL,
    entry_hash TEXT NOT NULL UNIQUE
) STRICT;
CREATE INDEX audit_by_subject ON audit_log (subject, seq);

CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'ai-toets: the audit trail is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'ai-toets: the audit trail is append-only'); END;
CREATE TRIGGER audit_no_replace BEFORE INSERT ON audit_log
WHEN EXISTS (SELECT 1 FROM audit_log WHERE seq = NEW.seq)
BEGIN SELECT RAISE(ABORT, 'ai-toets: the audit trail is append-only'); END;
