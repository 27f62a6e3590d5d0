//! Backup and restore, each promise attacked: a backup made while another connection saves in a
//! loop holds every save acknowledged before it started and passes the full check; a damaged,
//! truncated, foreign or tampered backup is refused and the current file stays byte for byte
//! as it was; the replaced file is kept and still opens; the reminder comes with a signature
//! and goes with a backup.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use assessments::{Answer, Assessments, SqliteStore, Verdict};
use uuid::Uuid;

use crate::support::{conditional_decision, now, reviewed, sign_as, signed, without_triggers, TestDb, CHAIR};

/// Another connection saving in a loop, as the app does while a backup is made: an answer's
/// notes `save <n>` on one pilot, and a new pilot every fifth save.
struct Saver {
    stop: Arc<AtomicBool>,
    /// The last save that returned.
    saved: Arc<AtomicUsize>,
    /// The pilots whose creation returned.
    created: Arc<Mutex<Vec<Uuid>>>,
    thread: std::thread::JoinHandle<()>,
}

impl Saver {
    fn start(path: PathBuf, pilot: Uuid, question: String) -> Self {
        let stop = Arc::new(AtomicBool::new(false));
        let saved = Arc::new(AtomicUsize::new(0));
        let created = Arc::new(Mutex::new(Vec::new()));
        let (s, n, c) = (Arc::clone(&stop), Arc::clone(&saved), Arc::clone(&created));
        let thread = std::thread::spawn(move || {
            let mut service = Assessments::new(Box::new(SqliteStore::open(&path).expect("open")));
            let mut count = 1;
            while !s.load(Ordering::SeqCst) {
                let answer =
                    Answer { verdict: Some(Verdict::Complies), notes: format!("save {count}"), conditions: vec![] };
                service.set_answer(pilot, &question, answer).expect("save");
                n.store(count, Ordering::SeqCst);
                if count % 5 == 0 {
                    let id = service.create(crate::support::proposal()).expect("create").pilot.id;
                    c.lock().expect("lock").push(id);
                }
                count += 1;
            }
        });
        Self { stop, saved, created, thread }
    }

    /// Waits until at least `n` saves returned.
    fn wait_for(&self, n: usize) {
        let started = std::time::Instant::now();
        while self.saved.load(Ordering::SeqCst) < n {
            assert!(started.elapsed().as_secs() < 60, "the saver is stuck");
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
    }

    fn finish(self) -> usize {
        self.stop.store(true, Ordering::SeqCst);
        self.thread.join().expect("the saver ran without a failure");
        self.saved.load(Ordering::SeqCst)
    }
}

/// The number in `save <n>` of the answer to `question`.
fn last_save(service: &mut Assessments, pilot: Uuid, question: &str) -> usize {
    let v = service.get(pilot).expect("get");
    v.pilot.answers[question].notes.strip_prefix("save ").and_then(|n| n.parse().ok()).expect("a save's notes")
}

/// The database at `path`, opened as the app opens it.
fn open(path: &Path) -> Assessments {
    Assessments::new(Box::new(SqliteStore::open(path).expect("open")))
}

/// A pilot under review and one of its questions; a signed decision beside it.
fn under_review(service: &mut Assessments) -> (Uuid, String) {
    signed(service);
    let v = reviewed(service, Verdict::Complies);
    let question = v.framework.areas[0].questions[0].id.clone();
    (v.pilot.id, question)
}

/// Every file in `dir`, by name, with its bytes.
fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .expect("dir")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.is_file())
        .map(|p| (p.file_name().expect("name").to_string_lossy().into_owned(), std::fs::read(&p).expect("read")))
        .collect();
    out.sort();
    out
}

#[test]
fn a_backup_made_while_another_connection_saves_holds_every_acknowledged_save_and_restores() {
    let mut db = TestDb::new();
    let (pilot, question) = under_review(&mut db.service);
    let saver = Saver::start(db.path(), pilot, question.clone());
    let out = tempfile::tempdir().expect("out");
    let mut backups = Vec::new();
    for round in 1..=4 {
        saver.wait_for(round * 15);
        // Everything acknowledged before the backup starts.
        let before = saver.saved.load(Ordering::SeqCst);
        let created: Vec<Uuid> = saver.created.lock().expect("lock").clone();
        let target = out.path().join(format!("back-up-{round}.sqlite3"));
        let record = Assessments::make_backup(&db.path(), &target, now()).expect("backup while saving");
        assert_eq!(record.file, target.display().to_string());
        assert_eq!(record.bytes, std::fs::metadata(&target).expect("the backup").len());
        backups.push((target, before, created, record));
    }
    let last = saver.finish();
    assert!(last >= 60, "the saver kept saving during the backups: {last}");
    for (target, before, created, record) in &backups {
        let report = Assessments::check_file(target).expect("check");
        assert!(report.intact, "{report:?}");
        assert_eq!(report.entries, record.checkpoint.entries, "the record names the trail the backup holds");
        // Restored into a new folder, as on a new laptop.
        let fresh = tempfile::tempdir().expect("fresh");
        let database = fresh.path().join("ai-toets.sqlite3");
        let restored = Assessments::prepare_restore(&database, target)
            .expect("a sound backup is taken")
            .put_in_place(&database, now())
            .expect("restore");
        assert_eq!(restored.kept, None, "there was nothing to keep");
        let mut service = open(&database);
        assert!(last_save(&mut service, pilot, &question) >= *before, "a save acknowledged before is in the backup");
        for id in created {
            service.get(*id).expect("a pilot created before the backup is in it");
        }
        assert!(service.integrity().expect("integrity").intact);
    }
    // The current data holds every save: the backups took nothing from it.
    assert_eq!(last_save(&mut db.service, pilot, &question), last);
    assert!(db.service.integrity().expect("integrity").intact);
}

#[test]
fn a_restore_keeps_the_replaced_file_which_still_opens_with_everything_it_held() {
    let mut db = TestDb::new();
    let (pilot, question) = under_review(&mut db.service);
    let out = tempfile::tempdir().expect("out");
    let target = out.path().join("ai-toets-back-up.sqlite3");
    Assessments::make_backup(&db.path(), &target, now()).expect("backup");
    // Work after the backup: only in the replaced file.
    let later = db.service.create(crate::support::proposal()).expect("create").pilot.id;
    let before_restore = db.service.audit_log().expect("log").len();
    let prepared = Assessments::prepare_restore(&db.path(), &target).expect("checked");
    let TestDb { dir, service } = db;
    drop(service); // The app closes its connections before the file is replaced.
    let database = dir.path().join("ai-toets.sqlite3");
    let restored = prepared.put_in_place(&database, now()).expect("restore");
    let kept = PathBuf::from(restored.kept.expect("the replaced file is kept"));
    assert_eq!(kept.parent(), Some(dir.path()), "beside the database");
    assert!(kept
        .file_name()
        .expect("name")
        .to_string_lossy()
        .starts_with("ai-toets.sqlite3.vervangen-2026-11-28T10-15-"));
    let mut back = open(&database);
    assert!(back.get(later).is_err(), "the restored data is the backup's");
    back.get(pilot).expect("the backup's pilot");
    assert!(back.integrity().expect("integrity").intact);
    let mut old = open(&kept);
    old.get(later).expect("the replaced file keeps the work after the backup");
    assert_eq!(old.audit_log().expect("log").len(), before_restore);
    assert!(old.integrity().expect("integrity").intact);
    let _ = question;
}

/// A good backup of a database with a signed decision, in `out`.
fn good_backup(db: &mut TestDb, out: &Path) -> PathBuf {
    signed(&mut db.service);
    let target = out.join("goed.sqlite3");
    Assessments::make_backup(&db.path(), &target, now()).expect("backup");
    target
}

/// A copy of `good` at `out/name`, changed by `damage`.
fn damaged(good: &Path, out: &Path, name: &str, damage: impl FnOnce(&mut Vec<u8>)) -> PathBuf {
    let mut bytes = std::fs::read(good).expect("read");
    damage(&mut bytes);
    let path = out.join(name);
    std::fs::write(&path, bytes).expect("write");
    path
}

/// Every place `needle` appears in `haystack`.
fn positions(haystack: &[u8], needle: &[u8]) -> Vec<usize> {
    haystack.windows(needle.len()).enumerate().filter(|(_, w)| *w == needle).map(|(i, _)| i).collect()
}

#[test]
fn a_damaged_backup_is_refused_and_the_current_file_is_left_byte_for_byte() {
    let mut db = TestDb::new();
    let out = tempfile::tempdir().expect("out");
    let good = good_backup(&mut db, out.path());
    let page = 4096;
    let bad = [
        // A letter of the signed decision's reasons: the pages stay sound, the record does not.
        damaged(&good, out.path(), "letter.sqlite3", |b| {
            let at = positions(b, "De pilot is zinvol".as_bytes());
            assert!(!at.is_empty(), "the reasons are in the file");
            for i in at {
                b[i + 7] = b'Z';
            }
        }),
        // The second half of the file overwritten, page by page: a disk that went bad.
        damaged(&good, out.path(), "pages.sqlite3", |b| {
            for start in (b.len() / 2..b.len()).step_by(page) {
                b[start..start + 8].fill(0xFF);
            }
        }),
        damaged(&good, out.path(), "half.sqlite3", |b| b.truncate(b.len() / 2)),
        damaged(&good, out.path(), "header.sqlite3", |b| b.truncate(50)),
        damaged(&good, out.path(), "leeg.sqlite3", Vec::clear),
        damaged(&good, out.path(), "tekst.sqlite3", |b| *b = b"%PDF-1.7 dit is geen database".repeat(200)),
    ];
    let before = files(db.dir.path());
    for file in &bad {
        let e = Assessments::prepare_restore(&db.path(), file).expect_err("a damaged backup is refused");
        assert_eq!(e.kind(), "badFile", "{file:?}: {e}");
        let name = file.file_name().expect("name").to_string_lossy().into_owned();
        assert!(e.message().nl.contains(&name) && e.message().en.contains(&name), "{e}");
        assert!(e.message().nl.contains("niet teruggezet") || e.message().nl.contains("geen database"), "{e}");
        assert_eq!(files(db.dir.path()), before, "{name}: nothing in the data folder changed, nothing was left");
    }
    assert!(Assessments::prepare_restore(&db.path(), &good).is_ok(), "the good one is taken");
}

#[test]
fn a_backup_with_a_signed_record_edited_behind_the_apps_back_is_refused_naming_it() {
    let mut db = TestDb::new();
    let out = tempfile::tempdir().expect("out");
    let good = good_backup(&mut db, out.path());
    let edited = out.path().join("bewerkt.sqlite3");
    std::fs::copy(&good, &edited).expect("copy");
    let raw = rusqlite::Connection::open(&edited).expect("raw");
    without_triggers(&raw, |c| {
        c.execute("UPDATE decisions SET reasons = 'Anders besloten.'", []).expect("edit");
    });
    // The trigger stays dropped, too: that is found on its own.
    raw.execute_batch("DROP TRIGGER pilots_signed_no_update").expect("drop");
    drop(raw);
    let before = files(db.dir.path());
    let e = Assessments::prepare_restore(&db.path(), &edited).expect_err("refused");
    let message = e.message();
    assert!(message.nl.contains("buiten AI-toets gewijzigd") && message.nl.contains("afvalwijzer"), "{message:?}");
    assert!(message.nl.contains("pilots_signed_no_update"), "{message:?}");
    assert!(message.en.contains("changed outside AI-toets") && message.en.contains("unchanged"), "{message:?}");
    assert_eq!(files(db.dir.path()), before);
}

#[test]
fn a_backup_of_a_newer_version_or_another_program_is_refused() {
    let mut db = TestDb::new();
    let out = tempfile::tempdir().expect("out");
    let good = good_backup(&mut db, out.path());
    let newer = out.path().join("nieuwer.sqlite3");
    std::fs::copy(&good, &newer).expect("copy");
    rusqlite::Connection::open(&newer).expect("raw").pragma_update(None, "user_version", 9999).expect("version");
    let other = out.path().join("ander.sqlite3");
    rusqlite::Connection::open(&other).expect("raw").execute_batch("CREATE TABLE t (x)").expect("table");
    let before = files(db.dir.path());
    let e = Assessments::prepare_restore(&db.path(), &newer).expect_err("newer");
    assert!(e.message().nl.contains("nieuwere opbouw"), "{e}");
    let e = Assessments::prepare_restore(&db.path(), &other).expect_err("another program's");
    assert!(e.message().nl.contains("niet van AI-toets"), "{e}");
    assert_eq!(files(db.dir.path()), before);
}

#[test]
fn the_database_itself_is_neither_a_target_nor_a_backup() {
    let mut db = TestDb::new();
    signed(&mut db.service);
    let before = files(db.dir.path());
    for name in ["ai-toets.sqlite3", "ai-toets.sqlite3-wal", "ai-toets.sqlite3-shm", "laatste-back-up.json"] {
        let e = Assessments::make_backup(&db.path(), &db.dir.path().join(name), now()).expect_err(name);
        assert!(e.message().nl.contains("waarin AI-toets nu werkt"), "{e}");
    }
    let e = Assessments::prepare_restore(&db.path(), &db.path()).expect_err("itself");
    assert!(e.message().nl.contains("waarin AI-toets nu werkt"), "{e}");
    assert_eq!(files(db.dir.path()), before);
}

#[test]
fn a_failed_backup_leaves_the_file_under_the_chosen_name_as_it_was() {
    let db = TestDb::new();
    let out = tempfile::tempdir().expect("out");
    let target = out.path().join("ai-toets-back-up.sqlite3");
    std::fs::write(&target, b"een eerdere back-up").expect("write");
    let missing = db.dir.path().join("weg.sqlite3");
    assert!(Assessments::make_backup(&missing, &target, now()).is_err(), "no database to copy");
    assert!(!missing.exists(), "a backup never makes the database it reads");
    assert_eq!(files(out.path()), vec![("ai-toets-back-up.sqlite3".to_string(), b"een eerdere back-up".to_vec())]);
}

#[test]
fn the_reminder_comes_with_a_signed_decision_and_goes_with_a_backup() {
    let mut db = TestDb::new();
    let out = tempfile::tempdir().expect("out");
    let status = db.service.backup_status(&db.path()).expect("status");
    assert!(!status.needed && status.last.is_none(), "nothing signed, nothing to remind of");
    // A decision signed by the chair alone is not a signed decision yet.
    let v = reviewed(&mut db.service, Verdict::Complies);
    db.service.decide(v.pilot.id, conditional_decision()).expect("decide");
    sign_as(&mut db.service, v.pilot.id, CHAIR, assessments::Role::Chair).expect("chair signs");
    assert!(!db.service.backup_status(&db.path()).expect("status").needed);
    sign_as(&mut db.service, v.pilot.id, crate::support::SECRETARY, assessments::Role::Secretary).expect("signs");
    let status = db.service.backup_status(&db.path()).expect("status");
    assert!(status.needed, "a signed decision and no backup");
    assert!(status.signed_since.is_some());
    let record = Assessments::make_backup(&db.path(), &out.path().join("b.sqlite3"), now()).expect("backup");
    let status = db.service.backup_status(&db.path()).expect("status");
    assert!(!status.needed, "the backup holds it: {status:?}");
    assert_eq!(status.last, Some(record));
    // Work that is not a signature does not bring it back; the next signed decision does.
    db.service.create(crate::support::proposal()).expect("create");
    assert!(!db.service.backup_status(&db.path()).expect("status").needed);
    signed(&mut db.service);
    assert!(db.service.backup_status(&db.path()).expect("status").needed);
    Assessments::make_backup(&db.path(), &out.path().join("c.sqlite3"), now()).expect("backup");
    assert!(!db.service.backup_status(&db.path()).expect("status").needed);
}

#[test]
fn without_any_backup_a_signed_decision_without_signature_entries_still_brings_the_reminder() {
    // The sample data signs in one save ("beoordeeld en ondertekend"), as a decision signed
    // before the audit trail has no entry per signature either.
    let dir = tempfile::tempdir().expect("dir");
    let database = dir.path().join("ai-toets.sqlite3");
    let mut store = SqliteStore::open(&database).expect("open");
    let framework = assessments::sample::framework(now()).expect("framework");
    assessments::sample::fill(&mut store, &framework, 2, now()).expect("fill");
    drop(store);
    let mut service = open(&database);
    let status = service.backup_status(&database).expect("status");
    assert!(status.needed && status.signed_since.is_some(), "{status:?}");
    let out = tempfile::tempdir().expect("out");
    Assessments::make_backup(&database, &out.path().join("b.sqlite3"), now()).expect("backup");
    assert!(!service.backup_status(&database).expect("status").needed);
}

#[test]
fn a_record_of_other_data_does_not_silence_the_reminder() {
    let mut db = TestDb::new();
    let mut other = TestDb::new();
    let out = tempfile::tempdir().expect("out");
    signed(&mut other.service);
    signed(&mut other.service);
    Assessments::make_backup(&other.path(), &out.path().join("ander.sqlite3"), now()).expect("backup");
    signed(&mut db.service);
    let record = other.dir.path().join(assessments::backup::RECORD_FILE);
    std::fs::copy(record, db.dir.path().join(assessments::backup::RECORD_FILE)).expect("copy the record");
    let status = db.service.backup_status(&db.path()).expect("status");
    assert!(status.needed && status.last.is_none(), "{status:?}");
    std::fs::write(db.dir.path().join(assessments::backup::RECORD_FILE), b"{kapot").expect("damage");
    assert!(db.service.backup_status(&db.path()).expect("status").needed);
}

#[test]
fn after_a_restore_the_backup_restored_from_is_the_last_one() {
    let mut db = TestDb::new();
    let out = tempfile::tempdir().expect("out");
    let good = good_backup(&mut db, out.path());
    // A new laptop: nothing but the backup.
    let fresh = tempfile::tempdir().expect("fresh");
    let database = fresh.path().join("ai-toets.sqlite3");
    Assessments::prepare_restore(&database, &good).expect("checked").put_in_place(&database, now()).expect("restore");
    let mut service = open(&database);
    let status = service.backup_status(&database).expect("status");
    assert!(!status.needed, "the restored backup holds every signed decision: {status:?}");
    let last = status.last.expect("the record");
    assert_eq!(last.kind, assessments::backup::BackupKind::Restored);
    assert_eq!(last.file, good.display().to_string());
}

/// How long a backup (with its checks) and the reminder take on 1,000 signed sample pilots:
/// `cargo test -p assessments --test it measure_backup -- --ignored --nocapture`.
#[test]
#[ignore = "a measurement, run by hand"]
fn measure_backup_of_a_thousand_pilots() {
    let dir = tempfile::tempdir().expect("dir");
    let database = dir.path().join("ai-toets.sqlite3");
    let mut store = SqliteStore::open(&database).expect("open");
    let at = now();
    assessments::sample::fill(&mut store, &assessments::sample::framework(at).expect("framework"), 1000, at)
        .expect("fill");
    drop(store);
    let mut service = open(&database);
    let out = tempfile::tempdir().expect("out");
    let target = out.path().join("back-up.sqlite3");
    let started = std::time::Instant::now();
    let copy = assessments::backup::online_copy(&database, out.path()).expect("copy");
    let copied = started.elapsed();
    drop(copy);
    let started = std::time::Instant::now();
    let record = Assessments::make_backup(&database, &target, at).expect("backup");
    let made = started.elapsed();
    let started = std::time::Instant::now();
    let status = service.backup_status(&database).expect("status");
    let reminded = started.elapsed();
    let started = std::time::Instant::now();
    Assessments::prepare_restore(&database, &target).expect("checked");
    let prepared = started.elapsed();
    eprintln!(
        "1000 pilots: {} bytes, {} audit entries; online copy {copied:?}; backup with checks {made:?}; \
         reminder {reminded:?} (needed: {}); restore's check {prepared:?}",
        record.bytes, record.checkpoint.entries, status.needed
    );
}
