//! One store suite, run against both stores: the embedded SQLite file and a real PostgreSQL
//! server (`both!` makes a `sqlite` and a `postgres` test of each case). The server comes from
//! `AI_TOETS_TEST_POSTGRES` (libpq key=value, a superuser: `host=127.0.0.1 port=54329
//! user=postgres`, as `scripts/postgres/test-server start` makes it); each test gets a database
//! of its own, set up by the administrator's own script (`scripts/postgres/setup.sql`) and
//! used as the app role. Without the variable the PostgreSQL half is skipped, except under CI,
//! where it fails.

use assessments::storage::postgres::{Location, ServerAddress};
use assessments::storage::PostgresStore;
use assessments::{Assessments, Error, Store};

/// Which store a test runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Sqlite,
    Postgres,
}

/// A fresh, empty database of either kind.
pub struct AnyDb {
    _dir: tempfile::TempDir,
    pub location: Location,
    server: Option<assessments::sample::TestDatabase>,
}

/// The test server's superuser connection, if one is configured (a failure under CI if not).
pub fn test_server() -> Option<String> {
    match std::env::var("AI_TOETS_TEST_POSTGRES") {
        Ok(v) if !v.is_empty() => Some(v),
        _ if std::env::var_os("CI").is_some() => {
            panic!("CI runs the store suite on PostgreSQL too: set AI_TOETS_TEST_POSTGRES (scripts/test does)")
        }
        _ => {
            eprintln!("PostgreSQL half skipped: AI_TOETS_TEST_POSTGRES is not set");
            None
        }
    }
}

impl AnyDb {
    /// `None` when the kind is PostgreSQL and no test server is configured.
    pub fn new(kind: Kind) -> Option<Self> {
        let dir = tempfile::tempdir().expect("temp dir");
        match kind {
            Kind::Sqlite => {
                let location = Location::File(dir.path().join("ai-toets.sqlite3"));
                Some(Self { _dir: dir, location, server: None })
            }
            Kind::Postgres => {
                let (address, server) = assessments::sample::postgres_database(&test_server()?).expect("test database");
                let location = Location::Server(address);
                Some(Self { _dir: dir, location, server: Some(server) })
            }
        }
    }

    /// A new connection to the database, as the app opens one.
    pub fn store(&self) -> Box<dyn Store> {
        Assessments::open_location(&self.location).expect("open the store")
    }

    /// The app's core over a new connection, on the tests' clock.
    pub fn service(&self) -> Assessments {
        Assessments::with_clock(self.store(), crate::support::ticking)
    }

    /// Runs `sql` (no parameters) as the app would reach the database behind its back: a plain
    /// `sqlite3`-like connection to the file, or the app role on the server.
    pub fn raw(&self, sql: &str) -> Result<u64, String> {
        match &self.location {
            Location::File(path) => {
                let conn = rusqlite::Connection::open(path).map_err(|e| e.to_string())?;
                conn.execute_batch(sql).map(|()| 0).map_err(|e| e.to_string())
            }
            Location::Server(_) => {
                let mut client = self.app_client();
                client.batch_execute(sql).map(|()| 0).map_err(|e| pg_message(&e))
            }
        }
    }

    /// A plain connection as the app role (PostgreSQL only).
    pub fn app_client(&self) -> postgres::Client {
        let server = self.server.as_ref().expect("a server database");
        let conninfo = format!("{} user=ai_toets_app", strip_user(&server.admin_conninfo()));
        postgres::Client::connect(&conninfo, postgres::NoTls).expect("app role connects")
    }

    /// A superuser connection to this test database (PostgreSQL only).
    pub fn admin_client(&self) -> postgres::Client {
        let conninfo = self.server.as_ref().expect("a server database").admin_conninfo();
        let mut client = postgres::Client::connect(&conninfo, postgres::NoTls).expect("admin connects");
        client.batch_execute("SET search_path = ai_toets").expect("search path");
        client
    }
}

/// The server's own words for a refusal.
pub fn pg_message(e: &postgres::Error) -> String {
    e.as_db_error().map_or_else(|| e.to_string(), |d| format!("{} ({})", d.message(), d.code().code()))
}

fn strip_user(conninfo: &str) -> String {
    conninfo.split_whitespace().filter(|kv| !kv.starts_with("user=")).collect::<Vec<_>>().join(" ")
}

/// Makes a `sqlite` and a `postgres` test of each generic case `fn(Kind)`.
macro_rules! both {
    ($($case:ident),* $(,)?) => {
        $(
            mod $case {
                #[test]
                fn sqlite() {
                    super::$case(super::Kind::Sqlite);
                }
                #[test]
                fn postgres() {
                    super::$case(super::Kind::Postgres);
                }
            }
        )*
    };
}

both!(
    the_whole_path_to_a_signed_decision_verifies,
    a_stale_save_is_refused_as_changed_by_someone_else,
    the_database_refuses_to_change_a_signed_record,
    a_second_connection_sees_what_the_first_saved,
    a_forged_audit_entry_or_an_edited_record_is_named_on_open,
);

use crate::support::{proposal, signed};

fn the_whole_path_to_a_signed_decision_verifies(kind: Kind) {
    let Some(db) = AnyDb::new(kind) else { return };
    let mut s = db.service();
    crate::support::found(&mut s);
    let v = signed(&mut s);
    assert_eq!(v.pilot.status, assessments::Status::Signed);
    let mut again = db.service();
    let reloaded = again.get(v.pilot.id).expect("reload");
    assert_eq!(reloaded.pilot, v.pilot, "{kind:?}: the record comes back exactly as signed");
    let report = again.integrity().expect("check on open");
    assert!(report.intact, "{kind:?}: {report:?}");
    assert!(report.entries > 5, "{kind:?}: every write has its audit entry ({})", report.entries);
    assert!(report.schema_problems.is_empty(), "{kind:?}: {:?}", report.schema_problems);
}

fn a_stale_save_is_refused_as_changed_by_someone_else(kind: Kind) {
    let Some(db) = AnyDb::new(kind) else { return };
    let id = db.service().create(proposal()).expect("create").pilot.id;
    let (mut a, mut b) = (db.store(), db.store());
    let mut pa = a.load(id).expect("load a");
    let mut pb = b.load(id).expect("load b");
    pa.proposal.department = "Eerst".into();
    a.save(&mut pa, &change()).expect("the first save wins");
    pb.proposal.department = "Later".into();
    assert!(matches!(b.save(&mut pb, &change()), Err(Error::Conflict)), "{kind:?}: the second is refused");
    assert_eq!(db.store().load(id).expect("load").proposal.department, "Eerst", "{kind:?}: no lost update");
}

fn a_second_connection_sees_what_the_first_saved(kind: Kind) {
    let Some(db) = AnyDb::new(kind) else { return };
    let mut one = db.service();
    let mut other = db.service();
    let before = other.audit_head().expect("head");
    let id = one.create(proposal()).expect("create").pilot.id;
    assert!(other.list().expect("list").iter().any(|p| p.id == id), "{kind:?}: the other window lists it");
    assert_ne!(other.audit_head().expect("head"), before, "{kind:?}: the other window sees the trail move");
}

fn the_database_refuses_to_change_a_signed_record(kind: Kind) {
    let Some(db) = AnyDb::new(kind) else { return };
    let mut s = db.service();
    let v = signed(&mut s);
    let id = v.pilot.id;
    let attacks = [
        format!("UPDATE decisions SET outcome = 'positive' WHERE pilot_id = '{id}'"),
        format!("DELETE FROM decisions WHERE pilot_id = '{id}'"),
        format!(
            "INSERT INTO decisions (pilot_id, outcome, reasons, conditions, decided_at, signed)
             VALUES ('{id}', 'positive', 'vervalst', '[]', '2026-01-01T00:00:00Z', 0)
             ON CONFLICT (pilot_id) DO UPDATE SET reasons = excluded.reasons"
        ),
        format!("UPDATE answers SET notes = 'vervalst' WHERE pilot_id = '{id}'"),
        format!("DELETE FROM answers WHERE pilot_id = '{id}'"),
        format!("UPDATE pilots SET status = 'draft' WHERE id = '{id}'"),
        format!("DELETE FROM pilots WHERE id = '{id}'"),
        format!(
            "INSERT INTO pilots (id, revision, status, framework_id, framework_version, proposal, created_at, updated_at)
             VALUES ('{id}', 9, 'draft', 'x', '1', '{{}}', '', '')
             ON CONFLICT (id) DO UPDATE SET status = excluded.status"
        ),
        format!("UPDATE signatures SET signer_name = 'vervalst' WHERE pilot_id = '{id}'"),
        format!("DELETE FROM signatures WHERE pilot_id = '{id}'"),
        "UPDATE audit_log SET actor = 'vervalst' WHERE seq = 1".to_string(),
        "DELETE FROM audit_log WHERE seq = 1".to_string(),
    ];
    for sql in &attacks {
        let err = db.raw(sql).expect_err(sql);
        // The app role on the server has no DELETE where the app never deletes: refused sooner.
        let refused = err.contains("ai-toets: ") || (kind == Kind::Postgres && err.contains("permission denied"));
        assert!(refused, "{kind:?}: {sql}: {err}");
    }
    if kind == Kind::Postgres {
        for table in ["pilots", "decisions", "answers", "signatures", "audit_log", "roster_events", "members"] {
            let err = db.raw(&format!("TRUNCATE {table} CASCADE")).expect_err(table);
            assert!(err.contains("ai-toets: ") || err.contains("permission denied"), "{table}: {err}");
        }
    }
    let mut store = db.store();
    assert_eq!(store.load(id).expect("load"), v.pilot, "{kind:?}: the record is untouched");
    assert!(db.service().integrity().expect("check").intact, "{kind:?}");
}

fn a_forged_audit_entry_or_an_edited_record_is_named_on_open(kind: Kind) {
    let Some(db) = AnyDb::new(kind) else { return };
    let mut s = db.service();
    let id = s.create(proposal()).expect("create").pilot.id;
    s.create(proposal()).expect("another");
    // An unsigned record edited behind the app's back, without an audit entry.
    db.raw(&format!("UPDATE pilots SET proposal = replace(proposal, 'Chatbot', 'Robot') WHERE id = '{id}'"))
        .expect("an unsigned record can be edited in the database");
    let report = db.service().integrity().expect("check");
    assert!(!report.intact, "{kind:?}");
    assert_eq!(report.changed_outside.len(), 1, "{kind:?}: the one record, by its name: {report:?}");
}

pub fn change() -> assessments::audit::Change {
    assessments::audit::Change::new("test", "rechtstreeks opgeslagen")
}

/// The PostgreSQL store only: what the app role cannot do, and the database refusing a fork.
mod postgres_only {
    use super::*;

    fn db() -> Option<AnyDb> {
        AnyDb::new(Kind::Postgres)
    }

    #[test]
    fn the_app_role_cannot_disable_drop_or_replace_a_trigger() {
        let Some(db) = db() else { return };
        let mut s = db.service();
        signed(&mut s);
        for sql in [
            "ALTER TABLE pilots DISABLE TRIGGER ALL",
            "ALTER TABLE decisions DISABLE TRIGGER decisions_signed_no_update",
            "DROP TRIGGER decisions_signed_no_update ON decisions",
            "SET session_replication_role = replica",
            "ALTER TABLE decisions DROP CONSTRAINT IF EXISTS decisions_signed_check",
            "DROP TABLE audit_log",
            "SET ROLE ai_toets_owner",
        ] {
            let err = db.raw(sql).expect_err(sql);
            assert!(
                err.contains("must be owner") || err.contains("permission denied") || err.contains("superuser"),
                "{sql}: {err}"
            );
        }
        assert!(db.service().integrity().expect("check").intact);
    }

    #[test]
    fn the_database_refuses_a_fork_of_the_audit_chain() {
        let Some(db) = db() else { return };
        let mut s = db.service();
        s.create(proposal()).expect("create");
        s.create(proposal()).expect("another");
        let mut app = db.app_client();
        let err = app
            .batch_execute(
                "INSERT INTO audit_log (seq, at, actor, subject, action, state_hash, prev_hash, entry_hash)
                 SELECT 99, at, actor, subject, action, state_hash, prev_hash, 'fork' FROM audit_log WHERE seq = 2",
            )
            .expect_err("a second entry after entry 1");
        assert!(pg_message(&err).contains("audit_log_prev_hash_unique"), "{err:?}");
    }

    #[test]
    fn a_trigger_disabled_by_the_owner_is_named_on_open() {
        let Some(db) = db() else { return };
        let mut s = db.service();
        signed(&mut s);
        // The owner could (that is why nobody should log in as the owner): the check on open says so.
        let mut admin = db.admin_client();
        admin.batch_execute("ALTER TABLE decisions DISABLE TRIGGER decisions_signed_no_update").expect("owner");
        let report = db.service().integrity().expect("check");
        assert!(!report.intact);
        assert!(
            report.schema_problems.iter().any(|p| p.contains("decisions_signed_no_update")),
            "{:?}",
            report.schema_problems
        );
        admin.batch_execute("ALTER TABLE decisions ENABLE TRIGGER decisions_signed_no_update").expect("owner");
        admin.batch_execute("DROP TRIGGER answers_signed_no_update ON answers").expect("owner");
        let report = db.service().integrity().expect("check");
        assert!(
            report.schema_problems.iter().any(|p| p.contains("answers_signed_no_update") && p.contains("ontbreekt")),
            "{:?}",
            report.schema_problems
        );
    }

    #[test]
    fn the_guards_file_is_what_a_fresh_schema_has() {
        let Some(db) = db() else { return };
        let mut admin = db.admin_client();
        let guards = assessments::storage::postgres::guards(&mut admin).expect("guards");
        let mut lines: Vec<String> = guards.iter().map(|(k, v)| format!("{k} {v}")).collect();
        lines.sort();
        let text = lines.join("\n") + "\n";
        let file = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/storage/postgres/guards.txt");
        if std::env::var("UPDATE_GOLDEN").is_ok_and(|v| v.split(',').any(|p| p == "guards")) {
            std::fs::write(&file, &text).expect("write guards.txt");
        }
        assert_eq!(assessments::storage::postgres::GUARDS, text, "run UPDATE_GOLDEN=guards after a migration change");
        assert!(lines.iter().filter(|l| l.starts_with("trigger ")).count() >= 38, "{}", lines.len());
    }

    #[test]
    fn a_server_that_does_not_answer_is_refused_clearly_and_never_replaced_by_a_file() {
        let address =
            ServerAddress::parse("postgres://ai_toets_app@127.0.0.1:9/aitoets?sslmode=disable").expect("address");
        let Err(err) = PostgresStore::connect(&address) else { panic!("nothing listens on port 9") };
        assert_eq!(err.kind(), "unreachable", "{err:?}");
        assert!(err.message().nl.contains("niet bereikbaar"), "{}", err.message().nl);
        assert!(err.message().nl.contains("127.0.0.1:9/aitoets"), "{}", err.message().nl);
    }
}

#[test]
fn the_move_list_names_every_table_and_column_of_both_schemas() {
    let db = AnyDb::new(Kind::Sqlite).expect("sqlite");
    drop(db.store());
    let Location::File(path) = &db.location else { unreachable!() };
    let conn = rusqlite::Connection::open(path).expect("open");
    let mut stmt = conn
        .prepare(
            "SELECT m.name, group_concat(p.name, ', ') FROM sqlite_schema m JOIN pragma_table_info(m.name) p
             WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name <> 'rusqlite_migration' GROUP BY m.name",
        )
        .expect("prepare");
    let tables: std::collections::BTreeMap<String, String> =
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).expect("query").map(|r| r.expect("row")).collect();
    let listed: std::collections::BTreeMap<String, String> =
        assessments::storage::sql::copy::TABLES.iter().map(|(t, c, _)| ((*t).to_string(), (*c).to_string())).collect();
    assert_eq!(listed, tables, "SQLite: every table and column, in the schema's order");
    let Some(db) = AnyDb::new(Kind::Postgres) else { return };
    let mut admin = db.admin_client();
    let rows = admin
        .query(
            "SELECT table_name::text, string_agg(column_name::text, ', ' ORDER BY ordinal_position) FROM information_schema.columns
             WHERE table_schema = 'ai_toets' AND column_name <> 'rowid' AND table_name <> 'schema_version' GROUP BY table_name",
            &[],
        )
        .expect("columns");
    let tables: std::collections::BTreeMap<String, String> = rows.iter().map(|r| (r.get(0), r.get(1))).collect();
    assert_eq!(listed, tables, "PostgreSQL: every table and column");
}

both!(twenty_writers_at_once_lose_nothing_and_never_fork_the_chain);

/// Load: 20 writers, each on its own connection, save five shared pilots in a loop for
/// `AI_TOETS_LOAD_SECONDS` (10 by default; CI runs 60 on PostgreSQL). Every save the store
/// acknowledged is there (each pilot's revision counts them exactly, its last one is stored),
/// a save on a stale revision is refused as changed by someone else (or, after a long wait for
/// its turn, as busy), never lost, and the audit
/// chain verifies: one entry per acknowledged write, no fork.
fn twenty_writers_at_once_lose_nothing_and_never_fork_the_chain(kind: Kind) {
    const WRITERS: usize = 20;
    let Some(db) = AnyDb::new(kind) else { return };
    let seconds: u64 = std::env::var("AI_TOETS_LOAD_SECONDS").ok().and_then(|s| s.parse().ok()).unwrap_or(10);
    let mut s = db.service();
    let pilots: Vec<uuid::Uuid> = (0..5).map(|_| s.create(proposal()).expect("create").pilot.id).collect();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(seconds);
    /// A save the store acknowledged: the pilot, the revision it made, the text it wrote.
    type Ack = (uuid::Uuid, i64, String);
    let (acks, conflicts): (Vec<Vec<Ack>>, Vec<usize>) = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..WRITERS)
            .map(|w| {
                let (db, pilots) = (&db, &pilots);
                scope.spawn(move || {
                    let mut store = db.store();
                    let (mut acks, mut conflicts, mut seed) = (Vec::new(), 0, w as u64 * 7919 + 1);
                    while std::time::Instant::now() < deadline {
                        seed ^= seed << 13;
                        seed ^= seed >> 7;
                        seed ^= seed << 17;
                        let id = pilots[(seed % pilots.len() as u64) as usize];
                        let mut pilot = store.load(id).expect("load");
                        let text = format!("schrijver {w}, opslag {}", acks.len());
                        pilot.proposal.description = text.clone();
                        match store.save(&mut pilot, &change()) {
                            Ok(()) => acks.push((id, pilot.revision, text)),
                            Err(Error::Conflict) => conflicts += 1,
                            // A writer that waited too long for its turn hears "busy, try again"
                            // (SQLite's busy timeout, the server's lock timeout): nothing kept.
                            Err(e) if e.message().nl.contains("bezet") => conflicts += 1,
                            Err(e) => panic!("{kind:?}: writer {w}: {e:?}"),
                        }
                    }
                    (acks, conflicts)
                })
            })
            .collect();
        workers.into_iter().map(|h| h.join().expect("writer")).unzip()
    });
    let acks: Vec<_> = acks.into_iter().flatten().collect();
    let mut store = db.store();
    for id in &pilots {
        let mine: Vec<_> = acks.iter().filter(|(p, _, _)| p == id).collect();
        let mut revisions: Vec<i64> = mine.iter().map(|(_, r, _)| *r).collect();
        revisions.sort_unstable();
        let expected: Vec<i64> = (2..2 + mine.len() as i64).collect();
        assert_eq!(revisions, expected, "{kind:?}: each acknowledged save is one revision, none twice");
        let stored = store.load(*id).expect("load");
        assert_eq!(stored.revision, 1 + mine.len() as i64, "{kind:?}: no lost update");
        if let Some((_, _, text)) = mine.iter().max_by_key(|(_, r, _)| *r) {
            assert_eq!(&stored.proposal.description, text, "{kind:?}: the last acknowledged save is stored");
        }
    }
    let report = db.service().integrity().expect("check on open");
    assert!(report.intact, "{kind:?}: {report:?}");
    assert_eq!(report.entries as usize, pilots.len() + acks.len(), "{kind:?}: one audit entry per write");
    eprintln!(
        "{kind:?}: {WRITERS} writers, {seconds} s: {} saves ({:.0} per second), {} refused as changed by someone else or busy",
        acks.len(),
        acks.len() as f64 / seconds as f64,
        conflicts.iter().sum::<usize>()
    );
    assert!(acks.len() > WRITERS, "{kind:?}: the writers got work done");
}

#[test]
fn every_record_moves_into_postgres_and_back_and_verifies() {
    let Some(server) = AnyDb::new(Kind::Postgres) else { return };
    let file = AnyDb::new(Kind::Sqlite).expect("file");
    {
        // A committee's life: founded, a decision signed, a file attached, a framework loaded.
        let mut s = file.service();
        crate::support::found(&mut s);
        let id = signed(&mut s).pilot.id;
        s.attach(id, assessments::attachments::Place::Condition { condition: 0 }, "dpia.txt", b"DPIA", "FG")
            .expect("attach");
        s.create(proposal()).expect("a draft");
    }
    let report = Assessments::move_data(&file.location, &server.location).expect("moved in");
    assert!(report.entries > 10, "{report:?}");
    // A second move into the same (no longer empty) server is refused and changes nothing.
    let err = Assessments::move_data(&file.location, &server.location).expect_err("not empty");
    assert!(err.message().nl.contains("niet leeg"), "{}", err.message().nl);
    assert_eq!(db_head(&server), (report.entries, report.head.clone()));
    // And back into a new file: every table, row for row, as it was.
    let back_dir = tempfile::tempdir().expect("dir");
    let back = Location::File(back_dir.path().join("terug.sqlite3"));
    let returned = Assessments::move_data(&server.location, &back).expect("moved back");
    assert_eq!((returned.entries, &returned.head), (report.entries, &report.head));
    let (Location::File(a), Location::File(b)) = (&file.location, &back) else { unreachable!() };
    assert_eq!(dump(a), dump(b), "the round trip gives every row back as it was");
}

/// Every row of every table, in write order, as text.
fn dump(path: &std::path::Path) -> Vec<String> {
    let conn = rusqlite::Connection::open(path).expect("open");
    let mut out = Vec::new();
    for (table, columns, order) in assessments::storage::sql::copy::TABLES {
        let mut stmt = conn.prepare(&format!("SELECT {columns} FROM {table} ORDER BY {order}")).expect("select");
        let n = stmt.column_count();
        let mut rows = stmt.query([]).expect("rows");
        while let Some(r) = rows.next().expect("row") {
            let values: Vec<String> = (0..n).map(|i| format!("{:?}", r.get_ref(i).expect("value"))).collect();
            out.push(format!("{table}: {}", values.join(" | ")));
        }
    }
    out
}

fn db_head(db: &AnyDb) -> (i64, String) {
    let head = db.service().audit_head().expect("head");
    (head.entries, head.head)
}

both!(two_people_editing_one_answer_or_one_proposal_never_lose_each_others_work);

/// What the screens call: each edit names what it was based on. Two windows (two machines)
/// edit the same answer: the second hears that someone else changed it, and the first one's
/// answer stays; another question, or the same save repeated, goes through. The same for the
/// proposal.
fn two_people_editing_one_answer_or_one_proposal_never_lose_each_others_work(kind: Kind) {
    use assessments::{Answer, Verdict};
    let Some(db) = AnyDb::new(kind) else { return };
    let (mut a, mut b) = (db.service(), db.service());
    let draft = a.create(proposal()).expect("create").pilot;
    // The proposal: both open the draft, the lead saves first, a colleague's edit is refused.
    let mut lead = draft.proposal.clone();
    lead.purpose = "Door de projectleider aangescherpt.".into();
    a.update_proposal_based_on(draft.id, lead.clone(), draft.proposal.clone()).expect("first edit");
    let mut colleague = draft.proposal.clone();
    colleague.department = "Een andere afdeling".into();
    let err = b.update_proposal_based_on(draft.id, colleague, draft.proposal.clone()).expect_err("stale");
    assert!(matches!(err, Error::Conflict), "{kind:?}: {err:?}");
    a.update_proposal_based_on(draft.id, lead.clone(), draft.proposal.clone()).expect("the same save, repeated");
    assert_eq!(db.service().get(draft.id).expect("get").pilot.proposal, lead, "{kind:?}: the lead's edit stays");

    a.submit(draft.id).expect("submit");
    let v = a.start_review(draft.id).expect("review");
    let (q, other) = (v.unanswered[0].clone(), v.unanswered[1].clone());
    let empty = Answer { verdict: None, notes: String::new(), conditions: vec![] };
    let first = Answer { verdict: Some(Verdict::Complies), notes: "Eerste lid.".into(), conditions: vec![] };
    let second = Answer { verdict: Some(Verdict::DoesNotComply), notes: "Tweede lid.".into(), conditions: vec![] };
    a.set_answer_based_on(draft.id, &q, first.clone(), empty.clone()).expect("first answer");
    let err = b.set_answer_based_on(draft.id, &q, second.clone(), empty.clone()).expect_err("stale answer");
    assert!(matches!(err, Error::Conflict), "{kind:?}: {err:?}");
    b.set_answer_based_on(draft.id, &other, second.clone(), empty.clone()).expect("another question at once");
    a.set_answer_based_on(draft.id, &q, first.clone(), empty.clone()).expect("the same answer, repeated");
    b.set_answer_based_on(draft.id, &q, second.clone(), first.clone()).expect("on the stored answer: a choice");
    let stored = db.service().get(draft.id).expect("get").pilot.answers;
    assert_eq!((stored[&q].clone(), stored[&other].clone()), (second.clone(), second), "{kind:?}");
}
