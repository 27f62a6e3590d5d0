-- Yearly reports the committee adopts (report/signing.rs): the report's record as computed
-- (canonical JSON) with its SHA-256, and the signatures of chair and secretary over that hash.
-- Kept as written: no UPDATE, no DELETE, no REPLACE.
CREATE TABLE yearly_reports (
    id           TEXT PRIMARY KEY NOT NULL,
    period       TEXT NOT NULL CHECK (json_valid(period)),
    record       TEXT NOT NULL CHECK (json_valid(record)),
    content_hash TEXT NOT NULL CHECK (length(content_hash) = 64),
    adopted_at   TEXT NOT NULL,
    adopted_by   TEXT NOT NULL
) STRICT;

CREATE TABLE report_signatures (
    id        TEXT PRIMARY KEY NOT NULL,
    report_id TEXT NOT NULL REFERENCES yearly_reports (id),
    body      TEXT NOT NULL CHECK (json_valid(body)),
    signed_at TEXT NOT NULL
) STRICT;
CREATE INDEX report_signatures_by_report ON report_signatures (report_id, signed_at);

CREATE TRIGGER yearly_reports_no_update BEFORE UPDATE ON yearly_reports
BEGIN SELECT RAISE(ABORT, 'ai-toets: an adopted yearly report is kept as adopted'); END;
CREATE TRIGGER yearly_reports_no_delete BEFORE DELETE ON yearly_reports
BEGIN SELECT RAISE(ABORT, 'ai-toets: an adopted yearly report is kept as adopted'); END;
CREATE TRIGGER yearly_reports_no_replace BEFORE INSERT ON yearly_reports
WHEN EXISTS (SELECT 1 FROM yearly_reports WHERE id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'ai-toets: an adopted yearly report is kept as adopted'); END;
CREATE TRIGGER report_signatures_no_update BEFORE UPDATE ON report_signatures
BEGIN SELECT RAISE(ABORT, 'ai-toets: a signature on a yearly report is kept as signed'); END;
CREATE TRIGGER report_signatures_no_delete BEFORE DELETE ON report_signatures
BEGIN SELECT RAISE(ABORT, 'ai-toets: a signature on a yearly report is kept as signed'); END;
CREATE TRIGGER report_signatures_no_replace BEFORE INSERT ON report_signatures
WHEN EXISTS (SELECT 1 FROM report_signatures WHERE id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'ai-toets: a signature on a yearly report is kept as signed'); END;
