-- Mirror of ../../migrations/0014_report_dates.sql (how: see 0001_initial.sql).
-- When a decision wants the monitoring reports (JSON array of YYYY-MM-DD); NULL when none were
-- set (one report, by the evaluation date). The lock triggers of 0001 cover the whole row.
ALTER TABLE decisions ADD COLUMN report_dates text CHECK (report_dates IS NULL OR report_dates::json IS NOT NULL);

INSERT INTO schema_version VALUES (14);
