-- Revisions of the AI Act's duty dates (`assessments/wizard/dates.toml`) the municipality loaded,
-- kept as written. A version, once loaded, never changes: a revision is a new file with a new
-- version.
CREATE TABLE duty_dates_files (
    version   TEXT PRIMARY KEY NOT NULL,
    file_name TEXT NOT NULL,
    source    TEXT NOT NULL,
    loaded_at TEXT NOT NULL
) STRICT;

CREATE TRIGGER duty_dates_files_no_update BEFORE UPDATE ON duty_dates_files
BEGIN SELECT RAISE(ABORT, 'ai-toets: a loaded version of the duty dates is immutable'); END;
CREATE TRIGGER duty_dates_files_no_delete BEFORE DELETE ON duty_dates_files
BEGIN SELECT RAISE(ABORT, 'ai-toets: a loaded version of the duty dates is immutable'); END;
