//! Two apps, two windows, one shared PostgreSQL server (issue 17): the project lead hands in a
//! proposal in window A; window B, the committee's, lists it by itself within seconds (its
//! screens ask the server for changes every few seconds); the committee is founded, reviews and
//! decides; the chair signs in A and the secretary in B, each window seeing the other's
//! signature by itself; the PDF exported from A is valid by `ai-toets-verify` with the roster.
//!
//! The server is the one in `AI_TOETS_TEST_POSTGRES` (libpq key=value, a superuser, as
//! `scripts/postgres/test-server start` makes it and `scripts/test` exports). The test makes a
//! database of its own with the administrator's script `scripts/postgres/setup.sql` and drops
//! it afterwards. Without the variable the test is skipped, except under CI, where it fails.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use fantoccini::Locator;
use serde_json::json;

use crate::harness::{
    answer_wizard, artifacts, fill_required_intake, found_committee, member_id, ok, verify_command, wizard_answers,
    App, Display, Res, PASSPHRASE,
};

const TITLE: &str = "Parkeerverwijzing ‘Centrum’ — één kaart voor Overbetuwe";
const CHAIR: &str = "Marieke de Vries";
const SECRETARY: &str = "Joost Ëlberts";
/// How long a window may take to show what the other one did, by itself: the screens ask
/// every 3 seconds, so this is three chances and the time to load.
const LIVE: Duration = Duration::from_secs(10);

#[tokio::test]
async fn two_windows_on_one_shared_server_from_proposal_to_verified_pdf() -> Res {
    let Some(server) = ServerDatabase::create()? else { return Ok(()) };
    let started = Instant::now();
    let display = Display::get();
    let (dir_a, dir_b) = (tempfile::tempdir()?, tempfile::tempdir()?);
    let save_dir = artifacts();
    let pdf_path = save_dir.join(assessments::base::files::pdf_file_name(TITLE));
    let _ = std::fs::remove_file(&pdf_path);

    let database = ("AI_TOETS_DATABASE", server.address.as_str());
    let a = App::launch_env(&display, dir_a.path(), &save_dir, &[database]).await?;
    let b =
        App::launch_env(&display, dir_b.path(), &save_dir, &[database, ("AI_TOETS_E2E_SECOND_WINDOW", "1")]).await?;
    for (app, name) in [(&a, "gedeeld-01a-venster-a-leeg"), (&b, "gedeeld-01b-venster-b-leeg")] {
        both_on_the_server(app, &server).await?;
        app.screenshot(name).await?;
    }

    let handed_in = hand_in_the_proposal(&a).await?;
    let seen = b_sees_the_proposal_by_itself(&b, handed_in).await?;
    found_and_review(&b).await?;
    decide(&a).await?;
    let hash = sign_one_in_each_window(&a, &b).await?;
    export_and_verify(&a, &pdf_path, &hash).await?;

    // Everything is on the server: neither app kept a database file of its own.
    for dir in [dir_a.path(), dir_b.path()] {
        assert!(!dir.join("ai-toets.sqlite3").exists(), "a local database file in {}", dir.display());
    }
    assert_eq!(server.query("SELECT count(*) FROM ai_toets.pilots")?, "1");
    assert_eq!(server.query("SELECT count(*) FROM ai_toets.signatures")?, "2");
    settings_on_the_server(&a).await?;
    a.quit().await?;
    b.quit().await?;
    eprintln!(
        "shared server: B listed A's proposal after {:.1} s; the whole test took {:.0} s",
        seen.as_secs_f64(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// Both windows say they work on the server chosen by `AI_TOETS_DATABASE`, and start empty.
async fn both_on_the_server(app: &App, server: &ServerDatabase) -> Res {
    let where_ = ok(app, "database", json!({})).await?;
    assert_eq!(where_["server"], json!(true), "{where_}");
    assert_eq!(where_["fromEnvironment"], json!(true), "{where_}");
    assert!(where_["shown"].as_str().unwrap_or_default().contains(&server.name), "{where_}");
    app.wait_text("main", "Er zijn nog geen pilots").await?;
    Ok(())
}

/// The settings say where the data is (the server, chosen by AI_TOETS_DATABASE, so not to be
/// changed here) and that the server's administrator makes the backups.
async fn settings_on_the_server(a: &App) -> Res {
    a.click("[data-nav=settings]").await?;
    a.wait_text("[data-database-now=server]", "127.0.0.1").await?;
    a.wait_text("[data-database-fixed]", "AI_TOETS_DATABASE").await?;
    a.wait_text("[data-backup-on-server]", "beheerder van de server").await?;
    a.screenshot("gedeeld-10-venster-a-instellingen").await?;
    Ok(())
}

/// Window A, the project lead's: the municipality's name, then the proposal, handed in. When
/// A showed it handed in.
async fn hand_in_the_proposal(a: &App) -> Res<Instant> {
    a.click("[data-action=save-municipality]").await?;
    a.wait_text("[data-first-step=municipality]", "Gemeente Overbetuwe").await?;
    a.click("[data-action=new-proposal]").await?;
    a.type_into("#proposal-title", TITLE).await?;
    for (field, text) in [
        ("projectLead", "Anouk van den Brïnk"),
        ("department", "Mobiliteit"),
        ("description", "Een kaart wijst bezoekers naar een vrije plek, ook ’s avonds."),
        ("purpose", "Minder zoekverkeer in het centrum."),
        ("dataUsed", "Tellingen van lussen in de weg, zonder kentekens."),
    ] {
        a.type_into(&format!("#proposal-{field}"), text).await?;
    }
    fill_required_intake(a).await?;
    answer_wizard(a, &wizard_answers("chatbot-inwoners")).await?;
    a.wait_text("[data-risk-class]", "Transparantieverplichting").await?;
    a.click("[data-action=submit-proposal]").await?;
    a.wait_text("[data-pilot-risk-class]", "Transparantieverplichting").await?;
    let handed_in = Instant::now();
    a.screenshot("gedeeld-02-venster-a-ingediend").await?;
    Ok(handed_in)
}

/// Window B has shown its overview since it started; without a reload or a click it lists
/// the proposal A handed in (at `handed_in`). How long after that.
async fn b_sees_the_proposal_by_itself(b: &App, handed_in: Instant) -> Res<Duration> {
    let seen = within(b, "[data-pilot]", TITLE, handed_in).await?;
    b.wait_text("[data-status]", "Ingediend").await?;
    b.screenshot("gedeeld-03-venster-b-ziet-voorstel").await?;
    Ok(seen)
}

/// Window B, the committee's: the committee founded, the review started and every question
/// that applies answered *voldoet*.
async fn found_and_review(b: &App) -> Res {
    let (chair_key, secretary_key) = found_committee(b, (CHAIR, PASSPHRASE), (SECRETARY, PASSPHRASE)).await?;
    assert_ne!(chair_key, secretary_key);
    b.click("[data-nav=overview]").await?;
    b.click("[data-pilot]").await?;
    b.click("[data-next-step=start-review]").await?;
    b.wait_text("[data-step=inReview]", "In behandeling").await?;
    b.click("[data-tab=review]").await?;
    let areas: Vec<String> = serde_json::from_value(
        b.client
            .execute("return Array.from(document.querySelectorAll('[data-area]')).map(e => e.dataset.area)", vec![])
            .await?,
    )?;
    assert_eq!(areas.len(), 8, "{areas:?}");
    for area in &areas {
        b.click(&format!("[data-area='{area}']")).await?;
        let questions: Vec<String> = serde_json::from_value(
            b.client
                .execute(
                    "return Array.from(document.querySelectorAll('[data-question]:not(.not-applicable)')).map(e => e.dataset.question)",
                    vec![],
                )
                .await?,
        )?;
        for q in &questions {
            let card = format!("[data-question='{q}']");
            b.click(&format!("{card} input[data-verdict=complies]")).await?;
            b.wait_text(&format!("{card} [data-save-state]"), "Opgeslagen").await?;
        }
        b.wait_text(&format!("[data-area='{area}'] .progress"), "✓").await?;
    }
    b.screenshot("gedeeld-04-venster-b-beoordeeld").await?;
    Ok(())
}

/// Window A decides: it opens the pilot the committee reviewed in B.
async fn decide(a: &App) -> Res {
    a.click("[data-nav=overview]").await?;
    a.wait_text("[data-status]", "In behandeling").await?;
    a.click("[data-pilot]").await?;
    a.click("[data-tab=decision]").await?;
    a.click("input[data-outcome=positive]").await?;
    a.type_into("#decision-reasons", "De pilot helpt bezoekers; de kaart gebruikt geen persoonsgegevens.").await?;
    a.set_value("#decision-evaluation", "2027-06-01").await?;
    a.click("[data-action=decide]").await?;
    a.wait_text("[data-notice=ok]", "Het besluit is vastgelegd").await?;
    a.screenshot("gedeeld-05-venster-a-besluit").await?;
    Ok(())
}

/// The chair signs in A while B shows the signing tab; B shows the chair's signature by
/// itself, then the secretary signs there; A shows the signed decision by itself, with the
/// same content hash. That hash.
async fn sign_one_in_each_window(a: &App, b: &App) -> Res<String> {
    b.click("[data-nav=overview]").await?;
    b.wait_text("[data-status]", "Besloten").await?;
    b.click("[data-pilot]").await?;
    b.wait_css("[data-content-hash]").await?;
    assert!(b.texts("tr[data-signature]").await?.is_empty(), "nobody has signed yet");

    a.click("[data-tab=signing]").await?;
    a.set_value("#signer", &member_id(a, CHAIR).await?).await?;
    a.type_into("#signer-passphrase", PASSPHRASE).await?;
    a.click("[data-action=sign]").await?;
    a.wait_css("tr[data-signature=chair]").await?;
    let chair_signed = Instant::now();
    a.screenshot("gedeeld-06-venster-a-voorzitter-tekent").await?;

    let seen = within(b, "tr[data-signature=chair]", CHAIR, chair_signed).await?;
    eprintln!("shared server: B showed the chair's signature after {:.1} s", seen.as_secs_f64());
    b.set_value("#signer", &member_id(b, SECRETARY).await?).await?;
    b.type_into("#signer-passphrase", PASSPHRASE).await?;
    b.click("[data-action=sign]").await?;
    b.wait_text("[data-notice=ok]", "ondertekend en kan niet meer worden gewijzigd").await?;
    let secretary_signed = Instant::now();
    assert_eq!(b.texts("tr[data-signature] .badge").await?, ["Klopt", "Klopt"]);
    b.screenshot("gedeeld-07-venster-b-secretaris-tekent").await?;
    let hash = b.wait_css("[data-content-hash]").await?.text().await?;
    assert_eq!(hash.len(), 64);

    let seen = within(a, "[data-notice=ok]", "ondertekend en kan niet meer worden gewijzigd", secretary_signed).await?;
    eprintln!("shared server: A showed the signed decision after {:.1} s", seen.as_secs_f64());
    assert_eq!(a.texts("tr[data-signature] .badge").await?, ["Klopt", "Klopt"]);
    assert_eq!(a.wait_css("[data-content-hash]").await?.text().await?, hash, "one decision, one hash");
    a.screenshot("gedeeld-08-venster-a-ziet-ondertekend").await?;
    Ok(hash)
}

/// Window A exports the PDF; `ai-toets-verify` finds it valid with the committee's roster,
/// both signatures confirmed.
async fn export_and_verify(a: &App, pdf_path: &Path, hash: &str) -> Res {
    a.click("[data-tab=export]").await?;
    a.click("[data-action=export-pdf]").await?;
    a.wait_text("[data-notice=ok]", "De PDF is opgeslagen").await?;
    a.screenshot("gedeeld-09-venster-a-exporteren").await?;
    let text = Command::new("pdftotext").arg(pdf_path).arg("-").output()?;
    let text = String::from_utf8(text.stdout)?.split_whitespace().collect::<Vec<_>>().join(" ");
    for expected in [TITLE, CHAIR, SECRETARY, hash] {
        assert!(text.contains(expected), "the PDF lacks {expected:?}");
    }
    let roster = ok(a, "export_roster", json!({})).await?;
    let roster = roster.as_str().ok_or("the roster's path")?.to_string();
    let verified = Command::new(verify_command()).arg("--roster").arg(&roster).arg(pdf_path).output()?;
    let report = String::from_utf8(verified.stdout)?;
    assert!(verified.status.success(), "ai-toets-verify rejects the export with its roster:\n{report}");
    for expected in [format!("{CHAIR} (voorzitter) — klopt"), format!("{SECRETARY} (secretaris) — klopt")] {
        assert!(report.contains(&expected), "verify output lacks {expected:?}:\n{report}");
    }
    Ok(())
}

/// Waits, touching nothing, until an element matching `css` shows `needle`, at most [`LIVE`]
/// after the other window made the change (at `changed`); how long after. A window that does
/// not update by itself fails here.
async fn within(app: &App, css: &str, needle: &str, changed: Instant) -> Res<Duration> {
    loop {
        for el in app.client.find_all(Locator::Css(css)).await.unwrap_or_default() {
            if el.text().await.is_ok_and(|t| t.contains(needle)) {
                return Ok(changed.elapsed());
            }
        }
        if changed.elapsed() > LIVE {
            app.failure_screenshot().await;
            return Err(format!("{LIVE:?} after the change, without a reload, {css} does not show {needle:?}").into());
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

/// A database of its own on the test server, set up by the administrator's script and
/// dropped when the test ends (also when it fails).
struct ServerDatabase {
    /// The superuser's libpq key=value connection (`AI_TOETS_TEST_POSTGRES`).
    admin: String,
    name: String,
    /// What `AI_TOETS_DATABASE` gets: the app role, no password (the test server trusts).
    address: String,
}

impl ServerDatabase {
    /// `None` (with a note) when no test server is configured; an error under CI.
    fn create() -> Res<Option<Self>> {
        let admin = match std::env::var("AI_TOETS_TEST_POSTGRES") {
            Ok(v) if !v.is_empty() => v,
            _ if std::env::var_os("CI").is_some() => {
                return Err("CI runs the shared-server test: set AI_TOETS_TEST_POSTGRES (scripts/test does)".into())
            }
            _ => {
                eprintln!("shared_server skipped: AI_TOETS_TEST_POSTGRES is not set (scripts/postgres/test-server)");
                return Ok(None);
            }
        };
        let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH)?.subsec_nanos();
        let name = format!("e2e_{}_{nanos}", std::process::id());
        psql(&admin, "postgres", &["-c", &format!("CREATE DATABASE {name}")])?;
        let key = |k: &str| admin.split_whitespace().find_map(|kv| kv.strip_prefix(k)?.strip_prefix('='));
        let address = format!(
            "postgres://ai_toets_app@{}:{}/{name}?sslmode=disable",
            key("host").unwrap_or("127.0.0.1"),
            key("port").unwrap_or("5432")
        );
        let db = Self { admin: admin.clone(), name, address };
        let setup = Path::new(env!("CARGO_MANIFEST_DIR")).join("../scripts/postgres/setup.sql");
        let setup = setup.to_str().ok_or("setup.sql's path")?;
        psql(&admin, &db.name, &["-v", "owner=ai_toets_owner", "-v", "app=ai_toets_app", "-f", setup])?;
        Ok(Some(db))
    }

    /// One value, asked as the superuser.
    fn query(&self, sql: &str) -> Res<String> {
        Ok(psql(&self.admin, &self.name, &["-A", "-t", "-c", sql])?.trim().to_string())
    }
}

impl Drop for ServerDatabase {
    fn drop(&mut self) {
        let _ = psql(&self.admin, "postgres", &["-c", &format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name)]);
    }
}

/// Runs psql as the administrator does; what it printed.
fn psql(admin: &str, database: &str, args: &[&str]) -> Res<String> {
    let out = Command::new("psql")
        .args(["-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", &format!("{admin} dbname={database}")])
        .args(args)
        .output()
        .map_err(|e| format!("psql is needed (apt-get install postgresql-client): {e}"))?;
    if !out.status.success() {
        return Err(format!("psql {args:?}: {}", String::from_utf8_lossy(&out.stderr)).into());
    }
    Ok(String::from_utf8(out.stdout)?)
}
