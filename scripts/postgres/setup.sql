-- AI-toets on a shared PostgreSQL server (15 or newer): makes or upgrades the schema ai_toets
-- and gives the app's role exactly what the app needs. For the database administrator.
--
-- Before: the two roles exist (once, as a role that may create roles):
--     CREATE ROLE ai_toets_owner NOLOGIN;   -- owns the schema, its tables and triggers
--     CREATE ROLE ai_toets_app LOGIN;       -- the app logs in with this one
--     \password ai_toets_app
--     GRANT ai_toets_owner TO <you>;        -- only if you are not a superuser
-- (and, if PUBLIC may not connect to the database: GRANT CONNECT ON DATABASE <db> TO ai_toets_app).
--
-- Then, as a superuser or as the database's owner who is a member of ai_toets_owner:
--     psql -v ON_ERROR_STOP=1 -v owner=ai_toets_owner -v app=ai_toets_app -d <database> \
--          -f scripts/postgres/setup.sql
-- Run it again after every AI-toets update: it applies the migrations the schema does not have
-- yet (assessments/src/storage/postgres/migrations/, each in its own transaction) and sets the
-- grants anew. Running it twice changes nothing.
--
-- The app role gets no more than: USAGE on the schema; SELECT and INSERT on the tables;
-- UPDATE on the columns the app changes and DELETE only where it deletes (see the list
-- below). It owns nothing, so it cannot drop, alter or disable the triggers that lock a signed
-- record, nor truncate. The owner role could: keep it NOLOGIN and give it to nobody who works
-- with the data.

\set ON_ERROR_STOP 1
\set QUIET on
\if :{?owner}
\else
    \warn 'setup.sql: give the roles: -v owner=ai_toets_owner -v app=ai_toets_app'
    DO $$ BEGIN RAISE EXCEPTION 'setup.sql: variable owner is not set'; END $$;
\endif
\if :{?app}
\else
    \warn 'setup.sql: give the roles: -v owner=ai_toets_owner -v app=ai_toets_app'
    DO $$ BEGIN RAISE EXCEPTION 'setup.sql: variable app is not set'; END $$;
\endif

-- The roles must exist, and the app role may not be able to do more than it is given here.
SELECT set_config('ai_toets_setup.owner', :'owner', false) AS owner_is,
       set_config('ai_toets_setup.app', :'app', false) AS app_is \gset
DO $$
DECLARE
    owner_role text := current_setting('ai_toets_setup.owner');
    app_role text := current_setting('ai_toets_setup.app');
    schema_owner text;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = owner_role) THEN
        RAISE EXCEPTION 'setup.sql: role % does not exist (CREATE ROLE % NOLOGIN;)', owner_role, owner_role;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = app_role) THEN
        RAISE EXCEPTION 'setup.sql: role % does not exist (CREATE ROLE % LOGIN;)', app_role, app_role;
    END IF;
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = app_role AND (rolsuper OR rolbypassrls)) THEN
        RAISE EXCEPTION 'setup.sql: the app role % may not be a superuser', app_role;
    END IF;
    IF app_role = owner_role OR pg_has_role(app_role, owner_role, 'MEMBER') THEN
        RAISE EXCEPTION 'setup.sql: the app role % may not be (a member of) the owner role %', app_role, owner_role;
    END IF;
    SELECT nspowner::regrole::text INTO schema_owner FROM pg_namespace WHERE nspname = 'ai_toets';
    IF schema_owner IS NOT NULL AND schema_owner <> quote_ident(owner_role) THEN
        RAISE EXCEPTION 'setup.sql: schema ai_toets belongs to %, not to %', schema_owner, owner_role;
    END IF;
END $$;

CREATE SCHEMA IF NOT EXISTS ai_toets AUTHORIZATION :"owner";
SET ROLE :"owner";
-- pg_temp last: no temporary table can stand in for one of ours while this runs.
SET search_path = ai_toets, pg_temp;

-- The migrations. 0001 makes schema_version; each file records its own number in it.
SELECT to_regclass('ai_toets.schema_version') IS NULL AS need \gset
\if :need
    BEGIN;
    \ir ../../assessments/src/storage/postgres/migrations/0001_initial.sql
    COMMIT;
\endif
SELECT coalesce(max(version), 0) > 15 AS newer FROM ai_toets.schema_version \gset
\if :newer
    \warn 'setup.sql: the schema is newer than this script: use the setup.sql of the newest AI-toets'
    DO $$ BEGIN RAISE EXCEPTION 'setup.sql: schema ai_toets is newer than this script'; END $$;
\endif
SELECT NOT EXISTS (SELECT 1 FROM ai_toets.schema_version WHERE version = 2) AS need \gset
\if :need
    BEGIN;
    \ir ../../assessments/src/storage/postgres/migrations/0002_frameworks.sql
    COMMIT;
\endif
SELECT NOT EXISTS (SELECT 1 FROM ai_toets.schema_version WHERE version = 3) AS need \gset
\if :need
    BEGIN;
    \ir ../../assessments/src/storage/postgres/migrations/0003_meetings.sql
    COMMIT;
\endif
SELECT NOT EXISTS (SELECT 1 FROM ai_toets.schema_version WHERE version = 4) AS need \gset
\if :need
    BEGIN;
    \ir ../../assessments/src/storage/postgres/migrations/0004_audit.sql
    COMMIT;
\endif
SELECT NOT EXISTS (SELECT 1 FROM ai_toets.schema_version WHERE version = 5) AS need \gset
\if :need
    BEGIN;
    \ir ../../assessments/src/storage/postgres/migrations/0005_roster.sql
    COMMIT;
\endif
SELECT NOT EXISTS (SELECT 1 FROM ai_toets.schema_version WHERE version = 6) AS need \gset
\if :need
    BEGIN;
    \ir ../../assessments/src/storage/postgres/migrations/0006_overview.sql
    COMMIT;
\endif
SELECT NOT EXISTS (SELECT 1 FROM ai_toets.schema_version WHERE version = 7) AS need \gset
\if :need
    BEGIN;
    \ir ../../assessments/src/storage/postgres/migrations/0007_roster_log.sql
    COMMIT;
\endif
SELECT NOT EXISTS (SELECT 1 FROM ai_toets.schema_version WHERE version = 8) AS need \gset
\if :need
    BEGIN;
    \ir ../../assessments/src/storage/postgres/migrations/0008_decision_ai_act.sql
    COMMIT;
\endif
SELECT NOT EXISTS (SELECT 1 FROM ai_toets.schema_version WHERE version = 9) AS need \gset
\if :need
    BEGIN;
    \ir ../../assessments/src/storage/postgres/migrations/0009_duty_dates.sql
    COMMIT;
\endif
SELECT NOT EXISTS (SELECT 1 FROM ai_toets.schema_version WHERE version = 10) AS need \gset
\if :need
    BEGIN;
    \ir ../../assessments/src/storage/postgres/migrations/0010_follow_up.sql
    COMMIT;
\endif
SELECT NOT EXISTS (SELECT 1 FROM ai_toets.schema_version WHERE version = 11) AS need \gset
\if :need
    BEGIN;
    \ir ../../assessments/src/storage/postgres/migrations/0011_reassessment.sql
    COMMIT;
\endif
SELECT NOT EXISTS (SELECT 1 FROM ai_toets.schema_version WHERE version = 12) AS need \gset
\if :need
    BEGIN;
    \ir ../../assessments/src/storage/postgres/migrations/0012_attachments.sql
    COMMIT;
\endif
SELECT NOT EXISTS (SELECT 1 FROM ai_toets.schema_version WHERE version = 13) AS need \gset
\if :need
    BEGIN;
    \ir ../../assessments/src/storage/postgres/migrations/0013_reassessment_guards.sql
    COMMIT;
\endif
SELECT NOT EXISTS (SELECT 1 FROM ai_toets.schema_version WHERE version = 14) AS need \gset
\if :need
    BEGIN;
    \ir ../../assessments/src/storage/postgres/migrations/0014_report_dates.sql
    COMMIT;
\endif
SELECT NOT EXISTS (SELECT 1 FROM ai_toets.schema_version WHERE version = 15) AS need \gset
\if :need
    BEGIN;
    \ir ../../assessments/src/storage/postgres/migrations/0015_yearly_reports.sql
    COMMIT;
\endif

-- The grants, anew each time (first everything off, then on), in one transaction, granted by
-- the owner. The app role reads every table and adds rows to every table; what else it may do
-- is what assessments/src/storage does:
BEGIN;
REVOKE ALL ON SCHEMA ai_toets FROM PUBLIC;
REVOKE ALL ON ALL TABLES IN SCHEMA ai_toets FROM PUBLIC;
REVOKE ALL ON ALL SEQUENCES IN SCHEMA ai_toets FROM PUBLIC;
REVOKE ALL ON ALL FUNCTIONS IN SCHEMA ai_toets FROM PUBLIC;
-- Nobody makes objects in public either (the default since PostgreSQL 15, not on a cluster
-- upgraded from an older one): a table or function there could stand in for one of ours.
DO $$ BEGIN
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = 'public') THEN
        EXECUTE 'REVOKE CREATE ON SCHEMA public FROM PUBLIC';
    END IF;
END $$;
REVOKE ALL ON SCHEMA ai_toets FROM :"app";
REVOKE ALL ON ALL TABLES IN SCHEMA ai_toets FROM :"app";
REVOKE ALL ON ALL SEQUENCES IN SCHEMA ai_toets FROM :"app";
REVOKE ALL ON ALL FUNCTIONS IN SCHEMA ai_toets FROM :"app";

GRANT USAGE ON SCHEMA ai_toets TO :"app";
GRANT SELECT, INSERT ON ALL TABLES IN SCHEMA ai_toets TO :"app";
-- Only this script (as the owner) records a migration.
REVOKE INSERT ON ai_toets.schema_version FROM :"app";
-- Saving a pilot: the pilot row (revision, status, proposal, time of change) ...
GRANT UPDATE (revision, status, proposal, updated_at) ON ai_toets.pilots TO :"app";
-- ... its overview copy and its answers (INSERT ... ON CONFLICT DO UPDATE) ...
GRANT UPDATE (title, department, round) ON ai_toets.pilot_names TO :"app";
GRANT UPDATE (verdict, notes, conditions) ON ai_toets.answers TO :"app";
-- ... and its decision (upsert; deleted while not signed when the pilot has none any more).
GRANT UPDATE (outcome, reasons, conditions, evaluation_date, decided_at, meeting, signed, required_signers,
              framework_hash, ai_act, attachments, report_dates) ON ai_toets.decisions TO :"app";
GRANT DELETE ON ai_toets.decisions TO :"app";
-- Meetings and roster members are saved whole (documents.rs), the settings upserted.
GRANT UPDATE (revision, date, body, updated_at) ON ai_toets.meetings TO :"app";
GRANT UPDATE (revision, name, body, updated_at) ON ai_toets.members TO :"app";
GRANT UPDATE (value) ON ai_toets.settings TO :"app";
-- Append-only, so neither UPDATE nor DELETE: signatures, audit_log, roster_events,
-- framework_files, duty_dates_files, follow_up_events, attachments, yearly_reports,
-- report_signatures. No sequence is granted: INSERT fills an identity column without one.
COMMIT;

RESET ROLE;
RESET search_path;
-- The app finds its tables without naming the schema. Needs CREATEROLE (or a superuser).
SELECT rolsuper OR rolcreaterole AS may_alter_role FROM pg_roles WHERE rolname = current_user \gset
\if :may_alter_role
    ALTER ROLE :"app" SET search_path = ai_toets;
\else
    \warn setup.sql: ask a role administrator to run: ALTER ROLE :"app" SET search_path = ai_toets;
\endif
