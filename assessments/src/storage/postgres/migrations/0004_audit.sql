-- Mirror of ../../migrations/0004_audit.sql (how: see 0001_initial.sql).
-- The audit trail: append-only, each entry chained to the one before by hash (see audit.rs).
-- `seq` is SQLite's INTEGER PRIMARY KEY (its rowid): no extra rowid column. Beyond SQLite:
-- one entry per prev_hash, so the database itself refuses a fork of the chain.
CREATE TABLE audit_log (
    seq        bigint PRIMARY KEY NOT NULL CHECK (seq > 0),
    at         text NOT NULL,
    actor      text NOT NULL,
    subject    text NOT NULL,
    action     text NOT NULL,
    state_hash text NOT NULL,
    prev_hash  text NOT NULL,
    entry_hash text NOT NULL UNIQUE,
    CONSTRAINT audit_log_prev_hash_unique UNIQUE (prev_hash)
);
CREATE INDEX audit_by_subject ON audit_log (subject, seq);

CREATE FUNCTION audit_no_update() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    RAISE EXCEPTION 'ai-toets: the audit trail is append-only';
END $$;
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit_log
FOR EACH ROW EXECUTE FUNCTION audit_no_update();

CREATE FUNCTION audit_no_delete() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    RAISE EXCEPTION 'ai-toets: the audit trail is append-only';
END $$;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit_log
FOR EACH ROW EXECUTE FUNCTION audit_no_delete();

CREATE FUNCTION audit_no_replace() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    hit boolean;
BEGIN
    EXECUTE format('SELECT EXISTS (SELECT 1 FROM %I.audit_log WHERE seq = $1)', TG_TABLE_SCHEMA)
        INTO hit USING NEW.seq;
    IF hit THEN
        RAISE EXCEPTION 'ai-toets: the audit trail is append-only';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER audit_no_replace BEFORE INSERT ON audit_log
FOR EACH ROW EXECUTE FUNCTION audit_no_replace();

CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
FOR EACH STATEMENT EXECUTE FUNCTION ai_toets_no_truncate('ai-toets: the audit trail is append-only');

INSERT INTO schema_version VALUES (4);
