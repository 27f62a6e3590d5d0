-- The overview reads names and status without opening each proposal: a narrow table with the
-- pilot's name and department (kept with every save; the check on open compares it with the
-- proposal), and an index that covers the overview's order.

CREATE TABLE pilot_names (
    pilot_id   TEXT PRIMARY KEY NOT NULL REFERENCES pilots (id),
    title      TEXT NOT NULL,
    department TEXT NOT NULL
) STRICT;

INSERT INTO pilot_names (pilot_id, title, department)
SELECT id, json_extract(proposal, '$.title'), json_extract(proposal, '$.department') FROM pilots;

CREATE INDEX pilots_overview ON pilots (updated_at DESC, id, status);
