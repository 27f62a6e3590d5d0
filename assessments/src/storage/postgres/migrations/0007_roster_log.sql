-- Mirror of ../../migrations/0007_roster_log.sql (how: see 0001_initial.sql).
-- The signed roster log (see roster_log.rs): every change to the committee's members, roles,
-- keys and signing policy is one event, signed by its approvers, chained by hash. Append-only:
-- no UPDATE, DELETE or REPLACE, whoever runs it. `seq` is SQLite's INTEGER PRIMARY KEY (its
-- rowid): no extra rowid column.
CREATE TABLE roster_events (
    seq        bigint PRIMARY KEY NOT NULL CHECK (seq > 0),
    body       text NOT NULL CHECK (body::json IS NOT NULL),
    event_hash text NOT NULL UNIQUE
);

CREATE FUNCTION roster_events_no_update() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    RAISE EXCEPTION 'ai-toets: the audit trail is append-only';
END $$;
CREATE TRIGGER roster_events_no_update BEFORE UPDATE ON roster_events
FOR EACH ROW EXECUTE FUNCTION roster_events_no_update();

CREATE FUNCTION roster_events_no_delete() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    RAISE EXCEPTION 'ai-toets: the audit trail is append-only';
END $$;
CREATE TRIGGER roster_events_no_delete BEFORE DELETE ON roster_events
FOR EACH ROW EXECUTE FUNCTION roster_events_no_delete();

CREATE FUNCTION roster_events_no_replace() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    hit boolean;
BEGIN
    EXECUTE format('SELECT EXISTS (SELECT 1 FROM %I.roster_events WHERE seq = $1)', TG_TABLE_SCHEMA)
        INTO hit USING NEW.seq;
    IF hit THEN
        RAISE EXCEPTION 'ai-toets: the audit trail is append-only';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER roster_events_no_replace BEFORE INSERT ON roster_events
FOR EACH ROW EXECUTE FUNCTION roster_events_no_replace();

CREATE TRIGGER roster_events_no_truncate BEFORE TRUNCATE ON roster_events
FOR EACH STATEMENT EXECUTE FUNCTION ai_toets_no_truncate('ai-toets: the audit trail is append-only');

-- The hash of the framework version a decision was reviewed against (NULL before it was kept).
ALTER TABLE decisions ADD COLUMN framework_hash text;

-- The audit checkpoint a signature signs (statement format v2); NULL for format v1.
ALTER TABLE signatures ADD COLUMN checkpoint text CHECK (checkpoint IS NULL OR checkpoint::json IS NOT NULL);
-- The committee a signature names (the hash of its roster log's founding event); NULL before.
ALTER TABLE signatures ADD COLUMN committee text;

INSERT INTO schema_version VALUES (7);
