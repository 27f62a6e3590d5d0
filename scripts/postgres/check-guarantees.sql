-- Checks, as the app's role, that the PostgreSQL schema of AI-toets (scripts/postgres/setup.sql)
-- keeps its promises: the app can do what it does, and cannot change a signed record, the
-- audit trail or any append-only table, nor switch off what guards them.
--     psql -X -v ON_ERROR_STOP=1 -h <host> -p <port> -U ai_toets_app -d <database> \
--          -f scripts/postgres/check-guarantees.sql
-- (against the throw-away server of scripts/postgres/test-server: -h 127.0.0.1 -p 54329).
-- Exit status 0 and the last line "check-guarantees: all hold" when every check holds; else
-- psql stops at the first that does not, with an error saying which. Everything happens in one
-- transaction that is rolled back at the end: it leaves nothing behind, also in a database in
-- use. It needs the TEMP privilege (PostgreSQL gives it to everyone by default) for its helper.

\set ON_ERROR_STOP 1
\set QUIET on
\o /dev/null
BEGIN;

-- must_fail(what, statement, SQLSTATE, message LIKE pattern): the statement must be refused
-- with that error; its effects are rolled back (a subtransaction).
CREATE FUNCTION pg_temp.must_fail(what text, stmt text, state text, msg text DEFAULT '%') RETURNS void
LANGUAGE plpgsql AS $f$
DECLARE
    got_state text;
    got_msg text;
BEGIN
    BEGIN
        EXECUTE stmt;
    EXCEPTION WHEN OTHERS THEN
        GET STACKED DIAGNOSTICS got_state = RETURNED_SQLSTATE, got_msg = MESSAGE_TEXT;
        IF got_state <> state OR got_msg NOT LIKE msg THEN
            RAISE EXCEPTION 'check-guarantees: % was refused, but not as expected (% %): % %',
                what, state, msg, got_state, got_msg;
        END IF;
        RETURN;
    END;
    RAISE EXCEPTION 'check-guarantees: % was NOT refused: %', what, stmt;
END $f$;
-- A trigger's refusal (SQLSTATE P0001, message starting with "ai-toets: ") and a missing privilege.
CREATE FUNCTION pg_temp.locked(what text, stmt text) RETURNS void LANGUAGE sql
AS $f$ SELECT pg_temp.must_fail(what, stmt, 'P0001', 'ai-toets: %') $f$;
CREATE FUNCTION pg_temp.denied(what text, stmt text) RETURNS void LANGUAGE sql
AS $f$ SELECT pg_temp.must_fail(what, stmt, '42501') $f$;

-- 1. The schema is complete: versions 1 to at least 15, none missing.
DO $$
BEGIN
    IF (SELECT count(*) <> max(version) OR min(version) <> 1 OR max(version) < 15 FROM schema_version) THEN
        RAISE EXCEPTION 'check-guarantees: schema_version is not 1..N with N >= 15';
    END IF;
END $$;

-- 2. The role has no more than setup.sql gives: no TRUNCATE, REFERENCES or TRIGGER anywhere,
-- UPDATE and DELETE only where the app needs them, no CREATE in the schema, owns nothing.
DO $$
DECLARE
    t regclass;
    may_change text[] := ARRAY['pilots', 'pilot_names', 'answers', 'decisions', 'meetings', 'members', 'settings'];
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = current_user AND (rolsuper OR rolbypassrls)) THEN
        RAISE EXCEPTION 'check-guarantees: run this as the app role, not as a superuser';
    END IF;
    IF has_schema_privilege(current_schema(), 'CREATE') THEN
        RAISE EXCEPTION 'check-guarantees: % may create objects in schema %', current_user, current_schema();
    END IF;
    -- A trigger function that used the caller's search_path could be fooled by an operator or
    -- table of the same name in a schema the caller puts first.
    IF EXISTS (SELECT 1 FROM pg_proc WHERE pronamespace = current_schema()::regnamespace
               AND prorettype = 'trigger'::regtype
               AND NOT coalesce('search_path=pg_catalog, pg_temp' = ANY (proconfig), false)) THEN
        RAISE EXCEPTION 'check-guarantees: a trigger function does not fix its search_path';
    END IF;
    FOR t IN SELECT c.oid FROM pg_class c
             WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r' LOOP
        IF pg_has_role((SELECT relowner FROM pg_class WHERE oid = t), 'MEMBER') THEN
            RAISE EXCEPTION 'check-guarantees: % can act as the owner of %', current_user, t;
        END IF;
        IF has_table_privilege(t, 'TRUNCATE') OR has_table_privilege(t, 'REFERENCES')
           OR has_table_privilege(t, 'TRIGGER') THEN
            RAISE EXCEPTION 'check-guarantees: % has TRUNCATE, REFERENCES or TRIGGER on %', current_user, t;
        END IF;
        IF NOT has_table_privilege(t, 'SELECT') THEN
            RAISE EXCEPTION 'check-guarantees: % cannot read %', current_user, t;
        END IF;
        IF has_table_privilege(t, 'INSERT') = (t::text = 'schema_version') THEN
            RAISE EXCEPTION 'check-guarantees: INSERT on % is wrong', t;
        END IF;
        IF has_any_column_privilege(t, 'UPDATE') <> (t::text = ANY (may_change)) THEN
            RAISE EXCEPTION 'check-guarantees: UPDATE on % is wrong', t;
        END IF;
        IF has_table_privilege(t, 'DELETE') <> (t::text = 'decisions') THEN
            RAISE EXCEPTION 'check-guarantees: DELETE on % is wrong', t;
        END IF;
    END LOOP;
END $$;

-- 3. What the app does works (its statements, as in assessments/src/storage).
INSERT INTO pilots (id, revision, status, framework_id, framework_version, proposal, created_at, updated_at, reassesses)
VALUES ('00000000-c4ec-4000-8000-000000000001', 1, 'draft', 'fw', '1', '{"title":"Getekend","department":"Zorg"}',
        '2030-01-01T00:00:00Z', '2030-01-01T00:00:00Z', NULL),
       ('00000000-c4ec-4000-8000-000000000002', 1, 'draft', 'fw', '1', '{"title":"Concept","department":"Zorg"}',
        '2030-01-01T00:00:00Z', '2030-01-01T00:00:00Z', NULL);
INSERT INTO pilot_names (pilot_id, title, department, round)
SELECT id, proposal::json ->> 'title', proposal::json ->> 'department', 1 FROM pilots WHERE id LIKE '00000000-c4ec-%';
INSERT INTO answers (pilot_id, question_id, verdict, notes, conditions)
VALUES ('00000000-c4ec-4000-8000-000000000001', 'q1', NULL, '', '[]')
ON CONFLICT (pilot_id, question_id) DO UPDATE SET
  verdict = excluded.verdict, notes = excluded.notes, conditions = excluded.conditions
WHERE answers.verdict IS DISTINCT FROM excluded.verdict OR answers.notes IS DISTINCT FROM excluded.notes
  OR answers.conditions IS DISTINCT FROM excluded.conditions;
INSERT INTO decisions (pilot_id, outcome, reasons, conditions, decided_at, signed)
VALUES ('00000000-c4ec-4000-8000-000000000001', 'negative', 'Eerst', '[]', '2030-01-02T00:00:00Z', 0),
       ('00000000-c4ec-4000-8000-000000000002', 'negative', 'Eerst', '[]', '2030-01-02T00:00:00Z', 0);
DELETE FROM decisions WHERE pilot_id = '00000000-c4ec-4000-8000-000000000002';
INSERT INTO settings (key, value) VALUES ('check-guarantees', '1') ON CONFLICT (key) DO UPDATE SET value = excluded.value;
INSERT INTO settings (key, value) VALUES ('check-guarantees', '2') ON CONFLICT (key) DO UPDATE SET value = excluded.value;
INSERT INTO meetings (id, revision, date, body, created_at, updated_at)
VALUES ('00000000-c4ec-4000-8000-0000000000a1', 1, '2030-01-01', '{}', '2030-01-01T00:00:00Z', '2030-01-01T00:00:00Z');
UPDATE meetings SET revision = revision + 1, date = '2030-01-02', body = '{}', updated_at = '2030-01-02T00:00:00Z'
WHERE id = '00000000-c4ec-4000-8000-0000000000a1' AND revision = 1;
INSERT INTO members (id, revision, name, body, created_at, updated_at)
VALUES ('00000000-c4ec-4000-8000-0000000000b1', 1, 'Lid', '{}', '2030-01-01T00:00:00Z', '2030-01-01T00:00:00Z');
UPDATE members SET revision = revision + 1, name = 'Lid B', body = '{}', updated_at = '2030-01-02T00:00:00Z'
WHERE id = '00000000-c4ec-4000-8000-0000000000b1' AND revision = 1;
INSERT INTO framework_files (framework_id, version, file_name, source, loaded_at)
VALUES ('check-guarantees', '1', 'f.toml', 'x', '2030-01-01T00:00:00Z');
INSERT INTO duty_dates_files (version, file_name, source, loaded_at) VALUES ('check-guarantees', 'd.toml', 'x', '2030-01-01T00:00:00Z');
INSERT INTO follow_up_events (id, pilot_id, body, recorded_at)
VALUES ('00000000-c4ec-4000-8000-0000000000c1', '00000000-c4ec-4000-8000-000000000001', '{}', '2030-01-01T00:00:00Z');
INSERT INTO attachments (id, pilot_id, place, name, media_type, size, sha256, content, added_at, added_by)
VALUES ('00000000-c4ec-4000-8000-0000000000d1', '00000000-c4ec-4000-8000-000000000001', '{"proposal":null}', 'a.txt',
        'text/plain', 1, repeat('a', 64), '\x61', '2030-01-01T00:00:00Z', 'check');
INSERT INTO yearly_reports (id, period, record, content_hash, adopted_at, adopted_by)
VALUES ('00000000-c4ec-4000-8000-0000000000e1', '{}', '{}', repeat('b', 64), '2030-01-01T00:00:00Z', 'check');
INSERT INTO report_signatures (id, report_id, body, signed_at)
VALUES ('00000000-c4ec-4000-8000-0000000000e2', '00000000-c4ec-4000-8000-0000000000e1', '{}', '2030-01-01T00:00:00Z');
INSERT INTO roster_events (seq, body, event_hash)
SELECT coalesce(max(seq), 0) + 1, '{}', 'check-guarantees-' || gen_random_uuid() FROM roster_events;
INSERT INTO audit_log (seq, at, actor, subject, action, state_hash, prev_hash, entry_hash)
SELECT coalesce(max(seq), 0) + 1, '2030-01-01T00:00:00Z', 'check', 'check', 'check', 'h',
       'check-guarantees-prev', 'check-guarantees-entry' FROM audit_log;

-- Signing, in the app's order: the pilot row, answers, signatures, the decision last.
UPDATE pilots SET revision = revision + 1, status = 'signed', proposal = proposal, updated_at = '2030-01-03T00:00:00Z'
WHERE id = '00000000-c4ec-4000-8000-000000000001';
INSERT INTO signatures (id, pilot_id, signer_name, role, signed_at, content_hash, proof, member_id, checkpoint, committee)
SELECT '00000000-c4ec-4000-8000-0000000000f1', '00000000-c4ec-4000-8000-000000000001', 'Voorzitter', 'chair',
       '2030-01-03T00:00:00Z', 'hash', '{}', '00000000-c4ec-4000-8000-0000000000b1', NULL, NULL
WHERE NOT EXISTS (SELECT 1 FROM signatures WHERE id = '00000000-c4ec-4000-8000-0000000000f1');
INSERT INTO decisions (pilot_id, outcome, reasons, conditions, evaluation_date, decided_at, meeting, signed,
                       required_signers, framework_hash, ai_act, attachments, report_dates)
VALUES ('00000000-c4ec-4000-8000-000000000001', 'positive', 'Goed', '[]', NULL, '2030-01-03T00:00:00Z', NULL, 1,
        '["chair"]', NULL, NULL, NULL, NULL)
ON CONFLICT (pilot_id) DO UPDATE SET outcome = excluded.outcome, reasons = excluded.reasons,
  conditions = excluded.conditions, evaluation_date = excluded.evaluation_date,
  decided_at = excluded.decided_at, meeting = excluded.meeting, signed = excluded.signed,
  required_signers = excluded.required_signers, framework_hash = excluded.framework_hash,
  ai_act = excluded.ai_act, attachments = excluded.attachments, report_dates = excluded.report_dates;

-- 4. The signed record cannot change, whatever the app role tries.
SELECT pg_temp.locked('UPDATE of a signed pilot',
    $$UPDATE pilots SET proposal = '{"title":"Anders","department":"Zorg"}' WHERE id = '00000000-c4ec-4000-8000-000000000001'$$);
SELECT pg_temp.locked('UPDATE of a signed pilot''s revision only',
    $$UPDATE pilots SET revision = revision + 1 WHERE id = '00000000-c4ec-4000-8000-000000000001'$$);
SELECT pg_temp.denied('DELETE of a signed pilot', $$DELETE FROM pilots WHERE id = '00000000-c4ec-4000-8000-000000000001'$$);
SELECT pg_temp.locked('INSERT ... ON CONFLICT (id) DO UPDATE of a signed pilot',
    $$INSERT INTO pilots (id, revision, status, framework_id, framework_version, proposal, created_at, updated_at)
      VALUES ('00000000-c4ec-4000-8000-000000000001', 1, 'draft', 'fw', '1', '{}', 'x', 'x')
      ON CONFLICT (id) DO UPDATE SET status = excluded.status, proposal = excluded.proposal$$);
SELECT pg_temp.locked('INSERT ... ON CONFLICT DO NOTHING over a signed pilot',
    $$INSERT INTO pilots (id, revision, status, framework_id, framework_version, proposal, created_at, updated_at)
      VALUES ('00000000-c4ec-4000-8000-000000000001', 1, 'draft', 'fw', '1', '{}', 'x', 'x') ON CONFLICT DO NOTHING$$);
SELECT pg_temp.locked('UPDATE of a signed decision',
    $$UPDATE decisions SET signed = 0 WHERE pilot_id = '00000000-c4ec-4000-8000-000000000001'$$);
SELECT pg_temp.locked('DELETE of a signed decision',
    $$DELETE FROM decisions WHERE pilot_id = '00000000-c4ec-4000-8000-000000000001'$$);
SELECT pg_temp.locked('INSERT ... ON CONFLICT (pilot_id) DO UPDATE of a signed decision',
    $$INSERT INTO decisions (pilot_id, outcome, reasons, conditions, decided_at, signed)
      VALUES ('00000000-c4ec-4000-8000-000000000001', 'negative', 'Anders', '[]', 'x', 0)
      ON CONFLICT (pilot_id) DO UPDATE SET outcome = excluded.outcome, signed = excluded.signed$$);
SELECT pg_temp.locked('INSERT ... ON CONFLICT DO NOTHING over a signed decision',
    $$INSERT INTO decisions (pilot_id, outcome, reasons, conditions, decided_at, signed)
      VALUES ('00000000-c4ec-4000-8000-000000000001', 'negative', 'Anders', '[]', 'x', 0) ON CONFLICT DO NOTHING$$);
SELECT pg_temp.locked('UPDATE of an answer of a signed pilot',
    $$UPDATE answers SET notes = 'Anders' WHERE pilot_id = '00000000-c4ec-4000-8000-000000000001'$$);
SELECT pg_temp.locked('a new answer on a signed pilot',
    $$INSERT INTO answers (pilot_id, question_id, notes) VALUES ('00000000-c4ec-4000-8000-000000000001', 'q2', '')$$);
SELECT pg_temp.locked('INSERT ... ON CONFLICT DO UPDATE of an answer of a signed pilot',
    $$INSERT INTO answers (pilot_id, question_id, notes) VALUES ('00000000-c4ec-4000-8000-000000000001', 'q1', 'Anders')
      ON CONFLICT (pilot_id, question_id) DO UPDATE SET notes = excluded.notes$$);
SELECT pg_temp.denied('DELETE of an answer', $$DELETE FROM answers WHERE pilot_id = '00000000-c4ec-4000-8000-000000000001'$$);
SELECT pg_temp.locked('a new signature on a signed pilot',
    $$INSERT INTO signatures (id, pilot_id, signer_name, role, signed_at, content_hash, proof)
      VALUES ('00000000-c4ec-4000-8000-0000000000f2', '00000000-c4ec-4000-8000-000000000001', 'X', 'member', 'x', 'h', '{}')$$);
SELECT pg_temp.denied('UPDATE of a signature', $$UPDATE signatures SET signer_name = 'X'$$);
SELECT pg_temp.denied('DELETE of a signature', $$DELETE FROM signatures$$);
-- Temporary tables of the same names (searched first by default) do not fool the triggers
-- that look at other rows: each statement below names the real table, the triggers must too.
-- DISCARD PLANS: the functions' plans cached so far are made again, with the temporary tables.
CREATE TEMP TABLE pilots (id text, status text, reassesses text);
CREATE TEMP TABLE decisions (pilot_id text, signed bigint);
CREATE TEMP TABLE signatures (id text);
CREATE TEMP TABLE audit_log (seq bigint);
CREATE TEMP TABLE follow_up_events (id text);
DISCARD PLANS;
SELECT pg_temp.locked('with temporary tables in the way: ' || what, format(stmt, current_schema()))
FROM (VALUES
    ('an answer of a signed pilot changed', $$UPDATE %I.answers SET notes = 'Anders'
      WHERE pilot_id = '00000000-c4ec-4000-8000-000000000001'$$),
    ('an answer added to a signed pilot', $$INSERT INTO %I.answers (pilot_id, question_id, notes)
      VALUES ('00000000-c4ec-4000-8000-000000000001', 'q3', '')$$),
    ('a signature added to a signed pilot', $$INSERT INTO %I.signatures (id, pilot_id, signer_name, role, signed_at,
      content_hash, proof) VALUES ('00000000-c4ec-4000-8000-0000000000f3', '00000000-c4ec-4000-8000-000000000001',
      'X', 'member', 'x', 'h', '{}')$$),
    ('a signed pilot inserted again', $$INSERT INTO %I.pilots (id, revision, status, framework_id, framework_version,
      proposal, created_at, updated_at) VALUES ('00000000-c4ec-4000-8000-000000000001', 1, 'draft', 'fw', '1', '{}',
      'x', 'x') ON CONFLICT DO NOTHING$$),
    ('a signed decision inserted again', $$INSERT INTO %I.decisions (pilot_id, outcome, reasons, conditions,
      decided_at, signed) VALUES ('00000000-c4ec-4000-8000-000000000001', 'negative', 'Anders', '[]', 'x', 0)
      ON CONFLICT DO NOTHING$$),
    ('an audit entry inserted again', $$INSERT INTO %1$I.audit_log (seq, at, actor, subject, action, state_hash,
      prev_hash, entry_hash) SELECT max(seq), 'x', 'x', 'x', 'x', 'x', 'x', 'x' FROM %1$I.audit_log
      ON CONFLICT DO NOTHING$$),
    ('a follow-up event inserted again', $$INSERT INTO %1$I.follow_up_events (id, pilot_id, body, recorded_at)
      SELECT id, pilot_id, body, recorded_at FROM %1$I.follow_up_events
      WHERE id = '00000000-c4ec-4000-8000-0000000000c1' ON CONFLICT DO NOTHING$$)
) AS v (what, stmt);
DROP TABLE pg_temp.pilots, pg_temp.decisions, pg_temp.signatures, pg_temp.audit_log, pg_temp.follow_up_events;
-- Switching the guards off, or around them.
SELECT pg_temp.denied('TRUNCATE ' || t, format('TRUNCATE %I', t))
FROM unnest(ARRAY['pilots', 'answers', 'decisions', 'signatures', 'pilot_names', 'audit_log']) AS t;
SELECT pg_temp.denied('TRUNCATE pilots CASCADE', 'TRUNCATE pilots CASCADE');
SELECT pg_temp.denied('ALTER TABLE pilots DISABLE TRIGGER ALL', 'ALTER TABLE pilots DISABLE TRIGGER ALL');
SELECT pg_temp.denied('ALTER TABLE pilots DISABLE TRIGGER pilots_signed_no_update',
    'ALTER TABLE pilots DISABLE TRIGGER pilots_signed_no_update');
SELECT pg_temp.denied('ALTER TABLE decisions DISABLE TRIGGER USER', 'ALTER TABLE decisions DISABLE TRIGGER USER');
SELECT pg_temp.denied('SET session_replication_role = replica', 'SET session_replication_role = replica');
SELECT pg_temp.denied('set_config(session_replication_role)', $$SELECT set_config('session_replication_role', 'replica', true)$$);
SELECT pg_temp.denied('ALTER ROLE ... SET session_replication_role',
    'ALTER ROLE CURRENT_USER SET session_replication_role = replica');
SELECT pg_temp.denied('DROP TRIGGER pilots_signed_no_update', 'DROP TRIGGER pilots_signed_no_update ON pilots');
SELECT pg_temp.denied('CREATE OR REPLACE FUNCTION pilots_signed_no_update',
    format($$CREATE OR REPLACE FUNCTION %I.pilots_signed_no_update() RETURNS trigger LANGUAGE plpgsql
             AS 'BEGIN RETURN NEW; END'$$, current_schema()));
SELECT pg_temp.denied('CREATE OR REPLACE FUNCTION decisions_signed_no_update',
    format($$CREATE OR REPLACE FUNCTION %I.decisions_signed_no_update() RETURNS trigger LANGUAGE plpgsql
             AS 'BEGIN RETURN NEW; END'$$, current_schema()));
SELECT pg_temp.denied('ALTER FUNCTION ... RENAME', 'ALTER FUNCTION pilots_signed_no_update() RENAME TO gone');
SELECT pg_temp.denied('DROP FUNCTION ... CASCADE', 'DROP FUNCTION pilots_signed_no_update() CASCADE');
SELECT pg_temp.denied('DROP TABLE pilots CASCADE', 'DROP TABLE pilots CASCADE');
SELECT pg_temp.denied('ALTER TABLE ... DROP CONSTRAINT', 'ALTER TABLE audit_log DROP CONSTRAINT audit_log_prev_hash_unique');
SELECT pg_temp.denied('CREATE TABLE in the schema', format('CREATE TABLE %I.mine (x int)', current_schema()));
SELECT pg_temp.denied('SET ROLE to the owner',
    format('SET ROLE %I', (SELECT tableowner FROM pg_tables WHERE schemaname = current_schema() AND tablename = 'pilots')));
SELECT pg_temp.denied('changing the round a pilot re-assesses', $$UPDATE pilots SET reassesses = NULL$$);

-- 5. The audit trail is append-only and cannot fork.
SELECT pg_temp.denied('UPDATE of the audit trail', $$UPDATE audit_log SET actor = 'X'$$);
SELECT pg_temp.denied('DELETE of the audit trail', $$DELETE FROM audit_log$$);
SELECT pg_temp.denied('INSERT ... ON CONFLICT DO UPDATE on the audit trail',
    $$INSERT INTO audit_log (seq, at, actor, subject, action, state_hash, prev_hash, entry_hash)
      SELECT max(seq), 'x', 'x', 'x', 'x', 'x', 'x', 'x' FROM audit_log ON CONFLICT (seq) DO UPDATE SET actor = 'X'$$);
SELECT pg_temp.locked('a second audit entry with the same seq',
    $$INSERT INTO audit_log (seq, at, actor, subject, action, state_hash, prev_hash, entry_hash)
      SELECT max(seq), 'x', 'x', 'x', 'x', 'x', 'check-guarantees-other', 'check-guarantees-other' FROM audit_log
      ON CONFLICT DO NOTHING$$);
SELECT pg_temp.must_fail('a fork of the audit chain (a second entry after the same one)',
    $$INSERT INTO audit_log (seq, at, actor, subject, action, state_hash, prev_hash, entry_hash)
      SELECT max(seq) + 1, 'x', 'x', 'x', 'x', 'x', 'check-guarantees-prev', 'check-guarantees-fork' FROM audit_log$$,
    '23505', '%audit_log_prev_hash_unique%');
SELECT pg_temp.denied('UPDATE of the roster log', $$UPDATE roster_events SET body = '{}'$$);
SELECT pg_temp.locked('a second roster event with the same seq',
    $$INSERT INTO roster_events (seq, body, event_hash) SELECT max(seq), '{}', 'x' FROM roster_events ON CONFLICT DO NOTHING$$);

-- 6. Every other append-only table: no UPDATE, no DELETE, no second row under one key.
SELECT pg_temp.denied('UPDATE ' || t, format('UPDATE %I SET %I = %I', t, c, c)),
       pg_temp.denied('DELETE ' || t, format('DELETE FROM %I', t))
FROM (VALUES ('framework_files', 'source'), ('duty_dates_files', 'source'), ('follow_up_events', 'body'),
             ('attachments', 'name'), ('yearly_reports', 'record'), ('report_signatures', 'body'),
             ('roster_events', 'body')) AS v (t, c);
SELECT pg_temp.locked('a follow-up event again',
    $$INSERT INTO follow_up_events (id, pilot_id, body, recorded_at) SELECT id, pilot_id, body, recorded_at
      FROM follow_up_events WHERE id = '00000000-c4ec-4000-8000-0000000000c1' ON CONFLICT DO NOTHING$$);
SELECT pg_temp.locked('an attachment again',
    $$INSERT INTO attachments (id, pilot_id, place, name, media_type, size, sha256, content, added_at, added_by)
      SELECT id, pilot_id, place, name, media_type, size, sha256, content, added_at, added_by
      FROM attachments WHERE id = '00000000-c4ec-4000-8000-0000000000d1' ON CONFLICT DO NOTHING$$);
SELECT pg_temp.locked('a yearly report again',
    $$INSERT INTO yearly_reports (id, period, record, content_hash, adopted_at, adopted_by)
      SELECT id, period, '{"other":1}', content_hash, adopted_at, adopted_by
      FROM yearly_reports WHERE id = '00000000-c4ec-4000-8000-0000000000e1' ON CONFLICT DO NOTHING$$);
SELECT pg_temp.locked('a signature on a yearly report again',
    $$INSERT INTO report_signatures (id, report_id, body, signed_at) SELECT id, report_id, body, signed_at
      FROM report_signatures WHERE id = '00000000-c4ec-4000-8000-0000000000e2' ON CONFLICT DO NOTHING$$);
SELECT pg_temp.denied('DELETE of a member', $$DELETE FROM members$$);
SELECT pg_temp.must_fail('JSON that does not parse', $$UPDATE settings SET value = '{' WHERE key = 'check-guarantees'$$,
    '22P02');

-- 7. Re-assessments: one per round.
INSERT INTO pilots (id, revision, status, framework_id, framework_version, proposal, created_at, updated_at, reassesses)
VALUES ('00000000-c4ec-4000-8000-000000000003', 1, 'draft', 'fw', '1', '{}', 'x', 'x',
        '{"earlier":"00000000-c4ec-4000-8000-000000000001","round":2}');
SELECT pg_temp.must_fail('a second re-assessment of the same round',
    $$INSERT INTO pilots (id, revision, status, framework_id, framework_version, proposal, created_at, updated_at, reassesses)
      VALUES ('00000000-c4ec-4000-8000-000000000004', 1, 'draft', 'fw', '1', '{}', 'x', 'x',
              '{"earlier":"00000000-c4ec-4000-8000-000000000001","round":2}')$$, '23505', '%pilots_one_reassessment%');

-- 8. A pilot that is not signed can still be changed, and so can its decision.
DO $$
DECLARE
    n bigint;
BEGIN
    UPDATE pilots SET revision = revision + 1, status = 'decided', proposal = '{"title":"Nieuw","department":"Zorg"}',
           updated_at = '2030-01-04T00:00:00Z'
    WHERE id = '00000000-c4ec-4000-8000-000000000002';
    GET DIAGNOSTICS n = ROW_COUNT;
    INSERT INTO decisions (pilot_id, outcome, reasons, conditions, decided_at, signed)
    VALUES ('00000000-c4ec-4000-8000-000000000002', 'postponed', 'Later', '[]', 'x', 0)
    ON CONFLICT (pilot_id) DO UPDATE SET outcome = excluded.outcome;
    INSERT INTO decisions (pilot_id, outcome, reasons, conditions, decided_at, signed)
    VALUES ('00000000-c4ec-4000-8000-000000000002', 'negative', 'Nee', '[]', 'x', 0)
    ON CONFLICT (pilot_id) DO UPDATE SET outcome = excluded.outcome, reasons = excluded.reasons;
    UPDATE pilot_names SET title = 'Nieuw' WHERE pilot_id = '00000000-c4ec-4000-8000-000000000002';
    IF n <> 1 OR (SELECT outcome FROM decisions WHERE pilot_id = '00000000-c4ec-4000-8000-000000000002') <> 'negative' THEN
        RAISE EXCEPTION 'check-guarantees: an unsigned pilot could not be changed';
    END IF;
    IF (SELECT status FROM pilots WHERE id = '00000000-c4ec-4000-8000-000000000001') <> 'signed'
       OR (SELECT reasons FROM decisions WHERE pilot_id = '00000000-c4ec-4000-8000-000000000001') <> 'Goed' THEN
        RAISE EXCEPTION 'check-guarantees: the signed pilot changed';
    END IF;
END $$;

ROLLBACK;
\o
\echo check-guarantees: all hold
