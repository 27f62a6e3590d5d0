-- Committee meetings. The body is the meeting as JSON (members, quorum, agenda, conflicts,
-- votes, minority opinions); what a decision relies on is copied into the decision itself.
CREATE TABLE meetings (
    id         TEXT PRIMARY KEY NOT NULL,
    revision   INTEGER NOT NULL CHECK (revision > 0),
    date       TEXT NOT NULL,
    body       TEXT NOT NULL CHECK (json_valid(body)),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;
