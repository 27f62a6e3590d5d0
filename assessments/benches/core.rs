//! The core's benchmarks, printed as a table (not timed tests: nothing here fails on a slow
//! machine). Run in a release build:
//!
//! ```text
//! cargo bench -p assessments --features sample --bench core                 # 10,000 pilots
//! cargo bench -p assessments --features sample --bench core -- --pilots 500 # a quicker look
//! ```
//!
//! 1. Export of one full assessment (every area answered, conditions, three signatures) to the
//!    archival PDF (PDF/A-3b with the signed record attached).
//! 2. A database of generated pilots, each reviewed, decided and signed by three members
//!    (made once, kept in the target folder): open it, list the overview, search by name, open
//!    one pilot, and verify every signature and the audit chain.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use assessments::framework::Framework;
use assessments::{Assessments, SqliteStore};
use time::OffsetDateTime;

struct Row {
    what: String,
    runs: usize,
    median: Duration,
    worst: Duration,
    goal: Duration,
}

/// Runs `f` `runs` times (after one warm-up run) and keeps the median and the slowest.
fn measure<T>(what: &str, runs: usize, goal: Duration, mut f: impl FnMut() -> T) -> Row {
    std::hint::black_box(f());
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(f());
            start.elapsed()
        })
        .collect();
    times.sort();
    Row { what: what.into(), runs, median: times[times.len() / 2], worst: times[times.len() - 1], goal }
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

fn now() -> OffsetDateTime {
    time::macros::datetime!(2026-11-28 10:00 UTC)
}

fn framework() -> Framework {
    assessments::sample::framework(now()).expect("framework")
}

/// The sample database with `count` pilots, made once per count and schema.
fn database(count: usize) -> PathBuf {
    made_once(&format!("pilots-{count}-v6"), &format!("{count} signed pilots"), |store| {
        assessments::sample::fill(store, &framework(), count, now())
    })
}

/// A database of `count` pilots spread over the three years before [`now`] (`sample::fill_years`),
/// made once per count.
fn years_database(count: usize) -> PathBuf {
    made_once(&format!("years-{count}-v1"), &format!("{count} pilots over three years"), |store| {
        assessments::sample::fill_years(store, count, now())
    })
}

/// The database `name` in the target folder, filled by `fill` the first time.
fn made_once(name: &str, what: &str, fill: impl FnOnce(&mut SqliteStore) -> assessments::Result<()>) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("bench");
    std::fs::create_dir_all(&dir).expect("bench dir");
    let path = dir.join(format!("{name}.sqlite3"));
    if !path.exists() {
        let partial = path.with_extension("partial");
        let _ = std::fs::remove_file(&partial);
        eprintln!("Making a database of {what} (once) …");
        let start = Instant::now();
        let mut store = SqliteStore::open(&partial).expect("open");
        fill(&mut store).expect("fill");
        drop(store);
        for suffix in ["-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", partial.display()));
        }
        std::fs::rename(&partial, &path).expect("keep");
        eprintln!("… made in {:.0} s", start.elapsed().as_secs_f64());
    }
    path
}

/// 3. The yearly report and the dashboard over pilots spread over three years.
fn report_and_dashboard(count: usize, rows: &mut Vec<Row>) {
    let years = years_database(1_000);
    let mut service = Assessments::with_clock(Box::new(SqliteStore::open(&years).expect("open")), now);
    let request = assessments::report::PeriodRequest { year: 2025, kind: assessments::report::PeriodKind::Year };
    let r = service.yearly_report(request, &mut |_| {}).expect("report");
    assert!(r.portfolio.len() > 100, "{} pilots in the portfolio", r.portfolio.len());
    rows.push(measure("Yearly report over 1,000 pilots (figures)", 5, Duration::from_secs(2), || {
        service.yearly_report(request, &mut |_| {}).expect("report")
    }));
    rows.push(measure("Yearly report over 1,000 pilots as PDF/A-3b", 5, Duration::from_secs(2), || {
        let r = service.yearly_report(request, &mut |_| {}).expect("report");
        assessments::pdf::report::render(&r, assessments::pdf::Conformance::A3b).expect("pdf")
    }));
    let dashboard = years_database(count);
    let mut service = Assessments::with_clock(Box::new(SqliteStore::open(&dashboard).expect("open")), now);
    let start = Instant::now();
    let first = service.dashboard().expect("dashboard");
    eprintln!("Dashboard over {count} pilots, first time (every pilot read): {}", ms(start.elapsed()));
    assert!(first.key_figures.iter().any(|f| f.now.unwrap_or(0) > 0));
    rows.push(measure(
        &format!("Dashboard figures over {count} pilots (after the first)"),
        10,
        Duration::from_millis(100),
        || service.dashboard().expect("dashboard"),
    ));
}

/// The transfer package of 100 signed decisions for the archive, and its check (what
/// `ai-toets-verify --bag` does).
fn transfer_package(rows: &mut Vec<Row>) {
    let dir = tempfile::tempdir().expect("dir");
    let copy = dir.path().join("transfer.sqlite3");
    std::fs::copy(database(100), &copy).expect("copy");
    let mut service = Assessments::with_clock(Box::new(SqliteStore::open(&copy).expect("open")), now);
    let settings = assessments::archive::ArchiveSettings {
        category_code: "1.1".into(),
        category_label: "Bench".into(),
        ..Default::default()
    };
    service.set_archive_settings(settings, "Bench").expect("settings");
    let request = assessments::report::PeriodRequest { year: 2026, kind: assessments::report::PeriodKind::Year };
    let mut n = 0;
    let mut last = PathBuf::new();
    rows.push(measure(
        "Transfer package of 100 signed decisions, then its check (as the app does)",
        5,
        Duration::from_secs(4),
        || {
            n += 1;
            last = dir.path().join(format!("pakket-{n}"));
            let made = service.export_transfer_package(request, "Bench", &last, &mut |_| {}).expect("package");
            assert_eq!(made.summary.decisions, 100);
            // The sample committee has no roster log: the signers are not confirmed, nothing else.
            assert!(made.problems.iter().all(|p| p.contains("geen ledenlijst")), "{:?}", made.problems);
        },
    ));
    let package = dir.path().join("pakket-1");
    rows.push(measure("Verify that package (ai-toets-verify --bag)", 5, Duration::from_secs(2), || {
        let report = assessments::archive::package::verify(&package, None, &mut |_| {}).expect("verify");
        assert_eq!(report.decisions.len(), 100);
    }));
    // The package alone, without the check the app runs after writing it.
    let entries = dir.path().join("alleen");
    let mut m = 0;
    rows.push(measure(
        "Transfer package of 100 signed decisions (PDF/A-2b, validation, MDTO, BagIt)",
        5,
        Duration::from_secs(2),
        || {
            m += 1;
            let target = entries.join(format!("pakket-{m}"));
            std::fs::create_dir_all(&entries).expect("dir");
            service.write_transfer_package(request, "Bench", &target, &mut |_| {}).expect("package")
        },
    ));
}

/// Moving the database of `count` signed pilots into an empty PostgreSQL database and back into
/// a new file, each move checked whole before and after (`Assessments::move_data`). Needs a
/// test server: `AI_TOETS_TEST_POSTGRES` (see `scripts/postgres/test-server`).
fn move_to_postgres(count: usize, rows: &mut Vec<Row>) {
    let Some(admin) = std::env::var("AI_TOETS_TEST_POSTGRES").ok().filter(|a| !a.is_empty()) else {
        eprintln!("Move to PostgreSQL skipped: set AI_TOETS_TEST_POSTGRES");
        return;
    };
    use assessments::storage::postgres::Location;
    let (address, _database) = assessments::sample::postgres_database(&admin).expect("test database");
    let (from, to) = (Location::File(database(count)), Location::Server(address));
    let start = Instant::now();
    let there = Assessments::move_data(&from, &to).expect("moved into PostgreSQL, checked before and after");
    let into = start.elapsed();
    let dir = tempfile::tempdir().expect("dir");
    let back = Location::File(dir.path().join("terug.sqlite3"));
    let start = Instant::now();
    let returned = Assessments::move_data(&to, &back).expect("moved back, checked before and after");
    let out = start.elapsed();
    assert_eq!((returned.entries, &returned.head), (there.entries, &there.head), "the same trail, end to end");
    eprintln!("Moved {count} pilots ({} audit entries) into PostgreSQL and back: the same head", there.entries);
    let goal = Duration::from_secs(600);
    rows.push(Row {
        what: format!("Move {count} pilots into PostgreSQL (checked before and after)"),
        runs: 1,
        median: into,
        worst: into,
        goal,
    });
    rows.push(Row {
        what: "Move them back into a new file (checked before and after)".to_string(),
        runs: 1,
        median: out,
        worst: out,
        goal,
    });
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.iter().any(|a| a == "--transfer-only") {
        let mut rows = Vec::new();
        transfer_package(&mut rows);
        print_rows(&rows);
        return;
    }
    let count = args
        .iter()
        .position(|a| a == "--pilots")
        .and_then(|i| args.get(i + 1))
        .and_then(|n| n.parse().ok())
        .unwrap_or(10_000);
    if args.iter().any(|a| a == "--move-only") {
        let mut rows = Vec::new();
        move_to_postgres(count, &mut rows);
        print_rows(&rows);
        return;
    }
    let mut rows = Vec::new();

    // 1. One full assessment to the archival PDF.
    {
        let dir = tempfile::tempdir().expect("dir");
        let mut store = SqliteStore::open(&dir.path().join("one.sqlite3")).expect("open");
        assessments::sample::fill(&mut store, &framework(), 1, now()).expect("fill");
        let mut service = Assessments::new(Box::new(store));
        let id = service.list().expect("list")[0].id;
        let view = service.get(id).expect("view");
        assert_eq!(view.pilot.signatures.len(), 3);
        assert!(view.signature_checks.iter().all(|c| c.valid));
        let pdf = assessments::pdf::render(&view, assessments::pdf::Conformance::A3b).expect("pdf");
        eprintln!("One full assessment: {} pages worth, {} kB", view.framework.areas.len(), pdf.len() / 1024);
        rows.push(measure("Export one full assessment to PDF/A-3b", 30, Duration::from_millis(50), || {
            assessments::pdf::render(&view, assessments::pdf::Conformance::A3b).expect("pdf")
        }));
    }

    // 2. A database of `count` pilots.
    let path = database(count);
    let goal = Duration::from_millis(50);
    rows.push(measure(&format!("Open the database ({count} pilots)"), 10, goal, || {
        Assessments::new(Box::new(SqliteStore::open(&path).expect("open")))
    }));
    let mut service = Assessments::new(Box::new(SqliteStore::open(&path).expect("open")));
    let listed = service.list().expect("list");
    assert_eq!(listed.len(), count);
    rows.push(measure("List the overview", 10, goal, || service.list().expect("list")));
    let found = service.search("brieven 0000").expect("search");
    assert!(!found.is_empty() && found.iter().all(|p| p.title.contains("brieven 0000")), "{found:?}");
    rows.push(measure("Search by name", 10, goal, || service.search("vertaalhulp 01").expect("search")));
    let one = listed[count / 2].id;
    rows.push(measure("Open one pilot (with its checks)", 10, goal, || service.get(one).expect("get")));
    // The sample pilots are signed with conditions: every signed decision is read for what is due.
    rows.push(measure("What is due (start screen)", 10, goal, || service.due().expect("due")));
    if std::env::var_os("BENCH_BREAKDOWN").is_some() {
        use assessments::Store;
        let mut store = SqliteStore::open(&path).expect("open");
        let all = store.load_batch(None, count).expect("all").pilots;
        let roster = assessments::committee::roster_log::RosterState::unsigned(&store.list_members().expect("roster"));
        rows.push(measure("(breakdown) load every pilot", 3, goal, || {
            store.load_batch(None, count).expect("all").pilots
        }));
        rows.push(measure("(breakdown) state hash of every pilot", 3, goal, || {
            all.iter()
                .map(|(_, p)| assessments::audit::state_hash(p.as_ref().expect("p")).expect("h"))
                .collect::<Vec<_>>()
        }));
        rows.push(measure("(breakdown) canonical record of every pilot", 3, goal, || {
            all.iter()
                .map(|(_, p)| assessments::pilot::signing::canonical_record(p.as_ref().expect("p")).expect("h"))
                .collect::<Vec<_>>()
        }));
        rows.push(measure("(breakdown) verify signatures of every pilot", 3, goal, || {
            all.iter()
                .map(|(_, p)| assessments::pilot::signing::verify(p.as_ref().expect("p"), &roster).expect("h"))
                .collect::<Vec<_>>()
        }));
        rows.push(measure("(breakdown) audit log read + chain", 3, goal, || {
            let log = store.audit_log().expect("log");
            assessments::audit::first_broken(&log)
        }));
    }
    let report = service.integrity().expect("integrity");
    assert!(report.intact, "{report:?}");
    rows.push(measure(
        &format!("Verify every signature ({}) and the audit chain", count * 3),
        3,
        Duration::from_secs(1),
        || service.integrity().expect("integrity"),
    ));

    report_and_dashboard(count, &mut rows);
    transfer_package(&mut rows);
    move_to_postgres(count, &mut rows);
    print_rows(&rows);
}

fn print_rows(rows: &[Row]) {
    println!();
    println!("| Measurement | Runs | Median | Slowest | Goal | |");
    println!("|---|---:|---:|---:|---:|---|");
    for r in rows {
        let verdict = if r.median <= r.goal { "ok" } else { "OVER GOAL" };
        println!("| {} | {} | {} | {} | < {} | {verdict} |", r.what, r.runs, ms(r.median), ms(r.worst), ms(r.goal));
    }
}
