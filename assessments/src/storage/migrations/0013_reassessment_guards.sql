-- More guards for the rounds of migration 0011, and the round in the overview's narrow table.
-- (IF NOT EXISTS: a database made while these stood in 0011 has them already.)
-- Also against REPLACE (a delete and an insert under one id) and DELETE of a round.
CREATE TRIGGER IF NOT EXISTS pilots_reassesses_no_replace BEFORE INSERT ON pilots
WHEN EXISTS (SELECT 1 FROM pilots WHERE id = NEW.id AND reassesses IS NOT NEW.reassesses)
BEGIN SELECT RAISE(ABORT, 'ai-toets: the round a re-assessment reviews never changes'); END;
CREATE TRIGGER IF NOT EXISTS pilots_reassesses_no_delete BEFORE DELETE ON pilots
WHEN OLD.reassesses IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'ai-toets: the round a re-assessment reviews never changes'); END;

-- The overview shows the round from its narrow table, so listing keeps to the covering index
-- of 0006 (kept with every save, like the name).
ALTER TABLE pilot_names ADD COLUMN round INTEGER NOT NULL DEFAULT 1 CHECK (round >= 1);
UPDATE pilot_names SET round = (SELECT json_extract(p.reassesses, '$.round') FROM pilots p WHERE p.id = pilot_id)
WHERE pilot_id IN (SELECT id FROM pilots WHERE reassesses IS NOT NULL);
