-- The AI Act conclusion a decision was taken with (wizard version, duty dates' version, class,
-- duties, instruments, reasons), so a later build cannot change what a signed decision shows.
-- NULL in decisions taken before it was kept. The lock triggers of 0001 cover the whole row.
ALTER TABLE decisions ADD COLUMN ai_act TEXT CHECK (ai_act IS NULL OR json_valid(ai_act));
