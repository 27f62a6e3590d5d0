-- Mirror of ../../migrations/0011_reassessment.sql (how: see 0001_initial.sql).
-- A re-assessment (herbeoordeling) is a new round of the same pilot: a pilot row that names the
-- earlier round it reviews again (JSON: earlier, earlierHash, dossier, round, reason,
-- explanation). NULL for a first assessment. Set when the round is made, never changed.
ALTER TABLE pilots ADD COLUMN reassesses text CHECK (reassesses IS NULL OR reassesses::json IS NOT NULL);

-- One re-assessment per round: the database itself refuses a second (a fork of the pilot's
-- history), whatever the app does.
CREATE UNIQUE INDEX pilots_one_reassessment ON pilots ((reassesses::json ->> 'earlier'))
WHERE reassesses IS NOT NULL;

-- SQLite's `IS NOT` is PostgreSQL's `IS DISTINCT FROM`.
CREATE FUNCTION pilots_reassesses_fixed() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF OLD.reassesses IS DISTINCT FROM NEW.reassesses THEN
        RAISE EXCEPTION 'ai-toets: the round a re-assessment reviews never changes';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER pilots_reassesses_fixed BEFORE UPDATE OF reassesses ON pilots
FOR EACH ROW EXECUTE FUNCTION pilots_reassesses_fixed();

INSERT INTO schema_version VALUES (11);
