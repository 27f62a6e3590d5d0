-- Mirror of ../../migrations/0013_reassessment_guards.sql (how: see 0001_initial.sql).
-- More guards for the rounds of migration 0011, and the round in the overview's narrow table.
-- (SQLite says IF NOT EXISTS for databases made while these stood in its 0011; the PostgreSQL
-- 0011 never had them, so they are simply created here.)
-- Also against REPLACE (a delete and an insert under one id) and DELETE of a round.
CREATE FUNCTION pilots_reassesses_no_replace() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    hit boolean;
BEGIN
    EXECUTE format('SELECT EXISTS (SELECT 1 FROM %I.pilots WHERE id = $1 AND reassesses IS DISTINCT FROM $2)',
                   TG_TABLE_SCHEMA)
        INTO hit USING NEW.id, NEW.reassesses;
    IF hit THEN
        RAISE EXCEPTION 'ai-toets: the round a re-assessment reviews never changes';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER pilots_reassesses_no_replace BEFORE INSERT ON pilots
FOR EACH ROW EXECUTE FUNCTION pilots_reassesses_no_replace();

CREATE FUNCTION pilots_reassesses_no_delete() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF OLD.reassesses IS NOT NULL THEN
        RAISE EXCEPTION 'ai-toets: the round a re-assessment reviews never changes';
    END IF;
    RETURN OLD;
END $$;
CREATE TRIGGER pilots_reassesses_no_delete BEFORE DELETE ON pilots
FOR EACH ROW EXECUTE FUNCTION pilots_reassesses_no_delete();

-- The overview shows the round from its narrow table, so listing keeps to the covering index
-- of 0006 (kept with every save, like the name).
ALTER TABLE pilot_names ADD COLUMN round bigint NOT NULL DEFAULT 1 CHECK (round >= 1);
UPDATE pilot_names SET round = (SELECT (p.reassesses::json ->> 'round')::bigint FROM pilots p WHERE p.id = pilot_id)
WHERE pilot_id IN (SELECT id FROM pilots WHERE reassesses IS NOT NULL);

INSERT INTO schema_version VALUES (13);
