-- Mirror of ../../migrations/0008_decision_ai_act.sql (how: see 0001_initial.sql).
-- The AI Act conclusion a decision was taken with (wizard version, duty dates' version, class,
-- duties, instruments, reasons), so a later build cannot change what a signed decision shows.
-- NULL in decisions taken before it was kept. The lock triggers of 0001 cover the whole row.
ALTER TABLE decisions ADD COLUMN ai_act text CHECK (ai_act IS NULL OR ai_act::json IS NOT NULL);

INSERT INTO schema_version VALUES (8);
