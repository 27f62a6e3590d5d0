//! The transfer package for the e-Depot in the real window: two decisions signed by a committee
//! founded in the app; the archivist opens Archief, sees them listed, saves the archive
//! settings, makes the package through the (e2e build's) folder dialog with its progress shown,
//! and reads "alles klopt". Then the archivist's own command checks the bag and writes a
//! validation record of one decision from it.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{json, Value};
use time::OffsetDateTime;

use crate::harness::{artifacts, committee_by_ipc, in_days, ok, signed_by_ipc, verify_command, App, Display, Res};

/// A pilot handed in, reviewed, decided with `outcome` and signed by everyone on `roster`,
/// through the page's IPC (set-up: the screens for this are tested in journey.rs).
async fn signed_decision(app: &App, roster: &Value, title: &str, outcome: &str) -> Res<String> {
    let conditions = if outcome == "positiveWithConditions" {
        json!([{ "text": "Inwoners informeren op de website", "kind": "suspensive", "owner": "Privacy officer", "deadline": in_days(60) }])
    } else {
        json!([])
    };
    let decision = json!({ "outcome": outcome, "reasons": "Zinvol en beheerst.", "conditions": conditions, "evaluationDate": in_days(180) });
    signed_by_ipc(app, roster, title, decision).await
}

/// The verifier's verdict on the whole: its last "Uitslag" line (each decision has its own too).
fn verdict(text: &str) -> &str {
    text.lines().rev().find(|l| l.starts_with("Uitslag / result:")).unwrap_or_default()
}

/// Waits until the window has painted what the page now shows (WebKit under Xvfb can hand
/// WebDriver the frame from before the last step), then saves it as `artifacts/e2e/<name>.png`,
/// from the top of the page or with `at` scrolled into view.
async fn screenshot(app: &App, at: Option<&str>, name: &str) -> Res {
    let painted = "const done = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(() => done(null)));";
    match at {
        Some(css) => {
            let el = app.wait_css(css).await?;
            app.client
                .execute("arguments[0].scrollIntoView({ block: 'start' })", vec![serde_json::to_value(&el)?])
                .await?;
        }
        None => {
            app.client.execute("window.scrollTo(0, 0)", vec![]).await?;
        }
    }
    app.client.execute_async(painted, vec![]).await?;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    match at {
        Some(css) => app.screenshot_at(css, name).await,
        None => app.screenshot(name).await,
    }
}

/// The folders directly in `dir`.
fn folders(dir: &Path) -> Res<Vec<PathBuf>> {
    let mut out: Vec<PathBuf> =
        std::fs::read_dir(dir)?.filter_map(Result::ok).map(|e| e.path()).filter(|p| p.is_dir()).collect();
    out.sort();
    Ok(out)
}

/// Runs `ai-toets-verify` with `args`; its output (stdout, then stderr) is kept as
/// `artifacts/e2e/<artifact>.txt` for a person to read. Returns the exit code and the output.
fn run_verifier(args: &[&std::ffi::OsStr], artifact: &str) -> Res<(Option<i32>, String)> {
    let out = Command::new(verify_command()).args(args).output()?;
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    let shown: Vec<String> = args
        .iter()
        .map(|a| a.to_string_lossy().to_string())
        .map(|a| if a.contains(' ') { format!("\"{a}\"") } else { a })
        .collect();
    std::fs::write(
        artifacts().join(format!("{artifact}.txt")),
        format!("$ ai-toets-verify {}\n(exit {:?})\n\n{text}", shown.join(" "), out.status.code()),
    )?;
    Ok((out.status.code(), text))
}

#[tokio::test]
async fn the_archivist_makes_a_transfer_package_that_the_verifier_accepts() -> Res {
    let display = Display::get();
    let data = tempfile::tempdir()?;
    let save = tempfile::tempdir()?;
    let out = tempfile::tempdir()?;
    let app = App::launch(&display, data.path(), save.path()).await?;
    let roster = committee_by_ipc(&app, "Marieke de Vries", "Joost Ëlberts", &[]).await?;
    let first = signed_decision(&app, &roster, "Chatbot voor vragen over afval", "positive").await?;
    let second = signed_decision(&app, &roster, "Slimme planning van de wijkteams", "positiveWithConditions").await?;

    list_and_save_the_settings(&app, &first, &second).await?;
    let done = make_the_package(&app).await?;
    let bag = folders(save.path())?.into_iter().next().ok_or("no package folder in the save folder")?;
    assert!(done.contains(&bag.display().to_string()), "{done}");
    let pdf = look_into_the_bag(&bag, &first, &second)?;
    check_with_the_verifier(&app, &bag, &pdf, out.path()).await?;
    app.quit().await?;
    Ok(())
}

/// Archief, this year: both decisions listed; the settings saved (category 1.1, kept for ever).
async fn list_and_save_the_settings(app: &App, first: &str, second: &str) -> Res {
    app.click("[data-nav=archive]").await?;
    let year = OffsetDateTime::now_utc().year().to_string();
    app.set_value("[data-transfer-year]", &year).await?;
    app.click("[data-transfer-kind=year]").await?;
    app.wait_css(&format!("[data-transfer-decision='{first}']")).await?;
    app.wait_css(&format!("[data-transfer-decision='{second}']")).await?;
    let listed = app.texts("[data-transfer-decision]").await?;
    assert!(listed.len() >= 2, "{listed:?}");
    assert!(
        listed.iter().any(|r| r.contains("Chatbot voor vragen over afval") && r.contains("Positief")),
        "{listed:?}"
    );
    let count = app.wait_text("[data-testid=transfer-count]", "ondertekende besluiten").await?;
    assert!(count.contains(&format!("heel {year}")), "{count}");

    app.type_into("#archive-category-code", "1.1").await?;
    app.type_into("#archive-category-label", "Test categorie").await?;
    app.click("[data-appraisal=keep]").await?;
    app.type_into("#archive-by", "A. Archivaris").await?;
    app.click("[data-action=save-archive-settings]").await?;
    app.wait_text("[data-testid=settings-saved]", "De archiefinstellingen zijn bewaard.").await?;
    screenshot(app, None, "50-archief").await?;
    screenshot(app, Some("[data-archive-settings]"), "50b-archief-instellingen").await?;
    Ok(())
}

/// The package: the progress shows while it is made and checked, then "alles klopt". Returns
/// what the result panel says.
async fn make_the_package(app: &App) -> Res<String> {
    app.type_into("#transfer-official", "A. Archivaris").await?;
    app.click("[data-action=export-transfer]").await?;
    let mut saw_progress = false;
    for _ in 0..1200 {
        if !app.client.find_all(fantoccini::Locator::Css("[data-testid=transfer-progress]")).await?.is_empty() {
            saw_progress = true;
        }
        if !app.client.find_all(fantoccini::Locator::Css("[data-testid=transfer-done]")).await?.is_empty() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
    }
    let done = app.wait_text("[data-testid=transfer-done]", "Het overdrachtspakket is gemaakt").await?;
    assert!(saw_progress, "the progress bar showed while the package was made");
    app.wait_text("[data-testid=transfer-verified]", "Gecontroleerd: alles klopt").await?;
    assert!(done.contains("ai-toets-verify --bag <map>"), "{done}");
    screenshot(app, Some("[data-transfer-export]"), "51-overdrachtspakket-gemaakt").await?;
    Ok(done)
}

/// The bag in the folder the dialog answered: the roster, a dossier per pilot and a folder per
/// decision with its transfer copy (PDF/A-2), record, validation record and metadata (with the
/// settings saved). Returns the first decision's transfer copy.
fn look_into_the_bag(bag: &Path, first: &str, second: &str) -> Res<PathBuf> {
    for name in ["bagit.txt", "bag-info.txt", "manifest-sha256.txt", "tagmanifest-sha256.txt", "data/ledenlijst.json"] {
        assert!(bag.join(name).is_file(), "{name} in the package");
    }
    let mut decisions = Vec::new();
    for dossier in folders(&bag.join("data"))? {
        assert!(dossier.join("dossier.mdto.xml").is_file(), "{}", dossier.display());
        decisions.extend(folders(&dossier)?);
    }
    assert!(decisions.len() >= 2, "{decisions:?}");
    for id in [first, second] {
        let folder = decisions.iter().find(|d| d.ends_with(id)).ok_or(format!("no folder for {id}"))?;
        for name in [
            "besluit.pdf",
            "ai-toets-besluit.json",
            "besluit.mdto.xml",
            "validatierapport.json",
            "validatierapport.xml",
            "validatierapport.pdf",
        ] {
            assert!(folder.join(name).is_file(), "{name} in {}", folder.display());
        }
        let mdto = std::fs::read_to_string(folder.join("besluit.mdto.xml"))?;
        assert!(mdto.contains("Test categorie") && mdto.contains("1.1"), "the settings in the metadata:\n{mdto}");
    }
    let decision = decisions.iter().find(|d| d.ends_with(first)).ok_or("first decision")?;
    let pdf = decision.join("besluit.pdf");
    let info = Command::new("pdfinfo").arg("-meta").arg(&pdf).output()?;
    assert!(
        String::from_utf8_lossy(&info.stdout).contains("<pdfaid:part>2</pdfaid:part>"),
        "the transfer copy is PDF/A-2"
    );
    std::fs::copy(&pdf, artifacts().join("51-overdracht-besluit.pdf"))?;
    std::fs::copy(decision.join("validatierapport.pdf"), artifacts().join("51-overdracht-validatierapport.pdf"))?;
    Ok(pdf)
}

/// The archivist's own command on the bag (with the published roster, then alone) and a
/// validation record of one decision written from its transfer copy; the output of each run is
/// kept beside the screenshots.
async fn check_with_the_verifier(app: &App, bag: &Path, pdf: &Path, out: &Path) -> Res {
    // With the roster the committee published (exported from the app): every signer confirmed.
    let published = ok(app, "export_roster", json!({})).await?;
    let published = PathBuf::from(published.as_str().ok_or("the published roster's path")?);
    let (code, text) = run_verifier(
        &[OsStr::new("--bag"), bag.as_os_str(), OsStr::new("--roster"), published.as_os_str()],
        "51-ai-toets-verify-bag-roster",
    )?;
    assert_eq!(code, Some(0), "ai-toets-verify --bag --roster:\n{text}");
    assert!(verdict(&text).contains("ALLES KLOPT"), "{text}");
    assert!(text.contains("besluiten / decisions: 2"), "{text}");

    // A validation record of one decision, from the transfer copy with its record beside it,
    // the signers confirmed by the roster in the package.
    let report = out.join("validatie");
    let roster_file = bag.join("data/ledenlijst.json");
    let args = [
        OsStr::new("--report"),
        report.as_os_str(),
        OsStr::new("--official"),
        OsStr::new("A. Archivaris"),
        OsStr::new("--roster"),
        roster_file.as_os_str(),
        pdf.as_os_str(),
    ];
    let (code, text) = run_verifier(&args, "52-ai-toets-verify-report")?;
    assert_eq!(code, Some(0), "ai-toets-verify --report:\n{text}");
    assert!(verdict(&text).contains("GELDIG"), "{text}");
    for expected in
        ["Marieke de Vries (voorzitter) — klopt", "Joost Ëlberts (secretaris) — klopt", "validatierapport.pdf"]
    {
        assert!(text.contains(expected), "verify output lacks {expected:?}:\n{text}");
    }
    for name in ["validatierapport.json", "validatierapport.xml", "validatierapport.pdf"] {
        assert!(report.join(name).is_file(), "{name} written by --report");
    }
    let json = std::fs::read_to_string(report.join("validatierapport.json"))?;
    assert!(json.contains("A. Archivaris"), "{json}");
    std::fs::copy(report.join("validatierapport.pdf"), artifacts().join("52-validatierapport.pdf"))?;

    // The bag alone: everything holds, but the package's own roster was made by whoever made the
    // package, so the verifier does not call the signers confirmed (exit 3) and says to compare
    // or to give the published roster.
    let (code, text) = run_verifier(&[OsStr::new("--bag"), bag.as_os_str()], "51-ai-toets-verify-bag")?;
    assert_eq!(code, Some(3), "ai-toets-verify --bag:\n{text}");
    assert!(text.contains("uit het pakket zelf") && text.contains("--roster"), "{text}");
    Ok(())
}
