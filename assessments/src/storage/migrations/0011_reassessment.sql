-- A re-assessment (herbeoordeling) is a new round of the same pilot: a pilot row that names the
-- earlier round it reviews again (JSON: earlier, earlierHash, dossier, round, reason,
-- explanation). NULL for a first assessment. Set when the round is made, never changed.
ALTER TABLE pilots ADD COLUMN reassesses TEXT CHECK (reassesses IS NULL OR json_valid(reassesses));

-- One re-assessment per round: the database itself refuses a second (a fork of the pilot's
-- history), whatever the app does.
CREATE UNIQUE INDEX pilots_one_reassessment ON pilots (json_extract(reassesses, '$.earlier'))
WHERE reassesses IS NOT NULL;

CREATE TRIGGER pilots_reassesses_fixed BEFORE UPDATE OF reassesses ON pilots
WHEN OLD.reassesses IS NOT NEW.reassesses
BEGIN SELECT RAISE(ABORT, 'ai-toets: the round a re-assessment reviews never changes'); END;
