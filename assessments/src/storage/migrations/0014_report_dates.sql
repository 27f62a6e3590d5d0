-- When a decision wants the monitoring reports (JSON array of YYYY-MM-DD); NULL when none were
-- set (one report, by the evaluation date). The lock triggers of 0001 cover the whole row.
ALTER TABLE decisions ADD COLUMN report_dates TEXT CHECK (report_dates IS NULL OR json_valid(report_dates));
