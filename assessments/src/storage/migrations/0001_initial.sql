-- AI-toets schema, version 1.
-- A pilot is one row in `pilots` plus its answers, decision and signatures.
-- Once a decision is signed (`decisions.signed = 1`, `pilots.status = 'signed'`) the
-- triggers below refuse every UPDATE, DELETE and (REPLACE-)INSERT that touches the record,
-- whoever runs it: the app, or someone with the sqlite3 command line.

CREATE TABLE pilots (
    id                TEXT PRIMARY KEY NOT NULL,
    revision          INTEGER NOT NULL CHECK (revision > 0),
    status            TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'inReview', 'decided', 'signed')),
    framework_id      TEXT NOT NULL,
    framework_version TEXT NOT NULL,
    proposal          TEXT NOT NULL CHECK (json_valid(proposal)),
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL
) STRICT;

CREATE TABLE answers (
    pilot_id    TEXT NOT NULL REFERENCES pilots (id),
    question_id TEXT NOT NULL,
    verdict     TEXT CHECK (verdict IN ('complies', 'compliesWithConditions', 'doesNotComply', 'notApplicable')),
    notes       TEXT NOT NULL,
    conditions  TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(conditions)),
    PRIMARY KEY (pilot_id, question_id)
) STRICT;

CREATE TABLE decisions (
    pilot_id        TEXT PRIMARY KEY NOT NULL REFERENCES pilots (id),
    outcome         TEXT NOT NULL CHECK (outcome IN ('positive', 'positiveWithConditions', 'postponed', 'negative')),
    reasons         TEXT NOT NULL,
    conditions      TEXT NOT NULL CHECK (json_valid(conditions)),
    evaluation_date TEXT,
    decided_at      TEXT NOT NULL,
    meeting         TEXT CHECK (meeting IS NULL OR json_valid(meeting)),
    signed          INTEGER NOT NULL DEFAULT 0 CHECK (signed IN (0, 1))
) STRICT;

CREATE TABLE signatures (
    id           TEXT PRIMARY KEY NOT NULL,
    pilot_id     TEXT NOT NULL REFERENCES pilots (id),
    signer_name  TEXT NOT NULL,
    role         TEXT NOT NULL CHECK (role IN ('chair', 'secretary', 'member')),
    signed_at    TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    proof        TEXT NOT NULL CHECK (json_valid(proof))
) STRICT;
CREATE INDEX signatures_by_pilot ON signatures (pilot_id);

-- The lock. RAISE(ABORT) rolls back the statement; the message is matched in storage/sqlite.rs.
CREATE TRIGGER pilots_signed_no_update BEFORE UPDATE ON pilots WHEN OLD.status = 'signed'
BEGIN SELECT RAISE(ABORT, 'ai-toets: signed record is immutable'); END;
CREATE TRIGGER pilots_signed_no_delete BEFORE DELETE ON pilots WHEN OLD.status = 'signed'
BEGIN SELECT RAISE(ABORT, 'ai-toets: signed record is immutable'); END;
CREATE TRIGGER pilots_signed_no_replace BEFORE INSERT ON pilots
WHEN EXISTS (SELECT 1 FROM pilots WHERE id = NEW.id AND status = 'signed')
BEGIN SELECT RAISE(ABORT, 'ai-toets: signed record is immutable'); END;

CREATE TRIGGER decisions_signed_no_update BEFORE UPDATE ON decisions WHEN OLD.signed = 1
BEGIN SELECT RAISE(ABORT, 'ai-toets: signed record is immutable'); END;
CREATE TRIGGER decisions_signed_no_delete BEFORE DELETE ON decisions WHEN OLD.signed = 1
BEGIN SELECT RAISE(ABORT, 'ai-toets: signed record is immutable'); END;
CREATE TRIGGER decisions_signed_no_replace BEFORE INSERT ON decisions
WHEN EXISTS (SELECT 1 FROM decisions WHERE pilot_id = NEW.pilot_id AND signed = 1)
BEGIN SELECT RAISE(ABORT, 'ai-toets: signed record is immutable'); END;

CREATE TRIGGER answers_signed_no_insert BEFORE INSERT ON answers
WHEN EXISTS (SELECT 1 FROM decisions WHERE pilot_id = NEW.pilot_id AND signed = 1)
BEGIN SELECT RAISE(ABORT, 'ai-toets: signed record is immutable'); END;
CREATE TRIGGER answers_signed_no_update BEFORE UPDATE ON answers
WHEN EXISTS (SELECT 1 FROM decisions WHERE pilot_id = OLD.pilot_id AND signed = 1)
BEGIN SELECT RAISE(ABORT, 'ai-toets: signed record is immutable'); END;
CREATE TRIGGER answers_signed_no_delete BEFORE DELETE ON answers
WHEN EXISTS (SELECT 1 FROM decisions WHERE pilot_id = OLD.pilot_id AND signed = 1)
BEGIN SELECT RAISE(ABORT, 'ai-toets: signed record is immutable'); END;

-- Signatures are append-only, and none can be added to a completed record.
CREATE TRIGGER signatures_no_update BEFORE UPDATE ON signatures
BEGIN SELECT RAISE(ABORT, 'ai-toets: signed record is immutable'); END;
CREATE TRIGGER signatures_no_delete BEFORE DELETE ON signatures
BEGIN SELECT RAISE(ABORT, 'ai-toets: signed record is immutable'); END;
CREATE TRIGGER signatures_no_insert_when_signed BEFORE INSERT ON signatures
WHEN EXISTS (SELECT 1 FROM decisions WHERE pilot_id = NEW.pilot_id AND signed = 1)
  OR EXISTS (SELECT 1 FROM signatures WHERE id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'ai-toets: signed record is immutable'); END;
