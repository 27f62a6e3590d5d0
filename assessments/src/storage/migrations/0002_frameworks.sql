-- Framework files the municipality loaded (revisions of the review framework). A version,
-- once loaded, never changes: a revision is a new file with a new version.
CREATE TABLE framework_files (
    framework_id TEXT NOT NULL,
    version      TEXT NOT NULL,
    file_name    TEXT NOT NULL,
    source       TEXT NOT NULL,
    loaded_at    TEXT NOT NULL,
    PRIMARY KEY (framework_id, version)
) STRICT;

CREATE TRIGGER framework_files_no_update BEFORE UPDATE ON framework_files
BEGIN SELECT RAISE(ABORT, 'ai-toets: a loaded framework version is immutable'); END;
CREATE TRIGGER framework_files_no_delete BEFORE DELETE ON framework_files
BEGIN SELECT RAISE(ABORT, 'ai-toets: a loaded framework version is immutable'); END;
