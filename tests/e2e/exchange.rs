//! Files in the real window: a register entry starts a proposal (markup gone, Dutch intact,
//! the import report read before saving); a vendor's file with several entries lets the
//! project lead pick one; the proposal goes out as a file and comes in again on another
//! machine; a signed pilot's register entry is exported and kept in `artifacts/e2e/`.

use std::path::Path;

use serde_json::{json, Value};

use crate::harness::{artifacts, committee_by_ipc, ok, App, Display, Res, PASSPHRASE};

fn register_data(path: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../assessments/tests/data").join(path)
}

#[tokio::test]
async fn a_register_entry_starts_a_proposal_that_travels_as_a_file() -> Res {
    let display = Display::get();
    let data = tempfile::tempdir()?;
    let out = tempfile::tempdir()?;
    let tilburg = register_data("algoritmeregister/examples/gemeente-tilburg.json");
    let app = App::launch_with(&display, data.path(), out.path(), Some(&tilburg)).await?;
    app.click("[data-action=import-register]").await?;
    // One entry: no list to pick from, the report at once; nothing saved before "start".
    app.wait_text("[data-import-report]", "Niet overgenomen:").await?;
    assert!(app.texts("[data-register-entry]").await?.is_empty(), "no choice for a single entry");
    let report = app.wait_text("[data-import-report]", "Website: Team Virtuele Assistent Gem").await?;
    assert!(report.contains("Status: In gebruik"), "{report}");
    assert_eq!(ok(&app, "list_pilots", json!({})).await?, json!([]), "nothing saved yet");
    app.click("[data-action=start-from-register]").await?;
    app.wait_text("[data-pilot-title]", "Virtuele gemeente assistent Gem").await?;
    let considerations = app.wait_css("[data-intake=alternatives]").await?.prop("value").await?.unwrap_or_default();
    assert!(considerations.contains("geïnformeerd"), "{considerations}");
    assert!(!considerations.contains("<p>"), "markup removed: {considerations}");
    let contact = app.wait_css("[data-intake=contact]").await?.prop("value").await?.unwrap_or_default();
    assert_eq!(contact, "", "a website is not the contact for residents");
    app.screenshot("18-start-uit-algoritmeregister").await?;

    app.click("[data-action=export-proposal]").await?;
    app.wait_text("main", "Stuur dit bestand").await?;
    let file = std::fs::read_dir(out.path())?.next().ok_or("no file written")??.path();
    assert!(file
        .file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with("voorstel-") && n.ends_with(".json")));
    app.quit().await?;

    // The committee's machine: another database, the same file.
    let committee = tempfile::tempdir()?;
    let app = App::launch_with(&display, committee.path(), &artifacts(), Some(&file)).await?;
    app.click("[data-action=import-proposal]").await?;
    app.wait_text("[data-pilot-title]", "Virtuele gemeente assistent Gem").await?;
    app.wait_text("main", "geïmporteerd").await?;
    app.quit().await?;
    Ok(())
}

/// A vendor's template with four entries: the project lead picks the second with the
/// keyboard, reads its import report (the entry's own contact e-mail, the vendor's website and
/// the legal basis's links named), and starts the proposal from it.
#[tokio::test]
async fn the_project_lead_picks_the_second_entry_of_a_vendors_file_and_reads_the_report() -> Res {
    let display = Display::get();
    let data = tempfile::tempdir()?;
    let template = register_data("register/leverancier-sjabloon-4.json");
    let app = App::launch_with(&display, data.path(), &artifacts(), Some(&template)).await?;
    app.click("[data-action=import-register]").await?;
    // The file is read after the click; wait for its entries before counting them.
    app.wait_css("[data-register-entries] label strong").await?;
    let names = app.texts("[data-register-entries] label strong").await?;
    assert_eq!(names.len(), 4, "{names:?}");
    assert_eq!(names[1], "Controle van aanvragen voor een parkeervergunning");
    assert!(app.texts("[data-import-report]").await?.is_empty(), "no report before a choice");
    // Keyboard: from the first entry, the arrow key moves to the second.
    app.click("[data-register-entry='0']").await?;
    app.press("\u{E015}").await?; // ArrowDown
    let report = app.wait_text("[data-import-report]", "Controle van aanvragen voor een parkeervergunning").await?;
    assert!(report.contains("Niet overgenomen:"), "{report}");
    assert!(report.contains("Website: https://www.parkeersoftware.example/vergunningen"), "{report}");
    assert!(report.contains("parkeren@gemeente.nl"), "the other contact is named: {report}");
    assert!(report.contains("Impacttoetsen: DPIA is toegepast"), "{report}");
    app.screenshot("18b-registratie-kiezen-en-importverslag").await?;
    app.click("[data-action=start-from-register]").await?;
    app.wait_text("[data-pilot-title]", "Controle van aanvragen voor een parkeervergunning").await?;
    let contact = app.wait_css("[data-intake=contact]").await?.prop("value").await?.unwrap_or_default();
    assert_eq!(contact, "https://www.gemeente.nl/parkeren/contact");
    let legal = app.wait_css("[data-intake=legalBasis]").await?.prop("value").await?.unwrap_or_default();
    assert!(legal.contains("Parkeerverordening (https://lokaleregelgeving.overheid.nl/CVDR000000)"), "{legal}");
    app.quit().await?;
    Ok(())
}

/// A pilot decided positively and signed by the chair and the secretary: its register entry
/// is saved from the export tab and kept in `artifacts/e2e/` for a person to look at.
#[tokio::test]
async fn a_signed_pilots_register_entry_is_exported() -> Res {
    let display = Display::get();
    let data = tempfile::tempdir()?;
    let out = tempfile::tempdir()?;
    let app = App::launch(&display, data.path(), out.path()).await?;
    let roster = committee_by_ipc(&app, "Marieke de Vries", "Joost Ëlberts", &[]).await?;
    let mut details = crate::harness::complete_details();
    details["contact"] = json!("https://www.overbetuwe.nl/contact");
    let proposal = json!({
        "title": "Chatbot voor vragen over afval",
        "projectLead": "Anouk van den Brïnk", "department": "Publiekszaken",
        "description": "Een chatbot beantwoordt vragen over afval, ook ’s avonds.",
        "purpose": "Minder telefoontjes over ophaaldagen.",
        "dataUsed": "Chatberichten, zonder BSN; na 30 dagen verwijderd.",
        "aiAct": crate::harness::wizard_answers("chatbot-inwoners"),
        "details": details,
    });
    let created = ok(&app, "create_pilot", json!({ "proposal": proposal })).await?;
    let id = created["pilot"]["id"].as_str().ok_or("id")?.to_string();
    ok(&app, "submit_proposal", json!({ "id": id })).await?;
    let view = ok(&app, "start_review", json!({ "id": id })).await?;
    for q in view["unanswered"].as_array().ok_or("unanswered")? {
        let answer = json!({ "verdict": "complies", "notes": "Voldoet.", "conditions": [] });
        ok(&app, "set_answer", json!({ "id": id, "questionId": q, "answer": answer, "basedOn": { "verdict": null, "notes": "", "conditions": [] } })).await?;
    }
    let decision = json!({ "outcome": "positive", "reasons": "Zinvol en beheerst.", "conditions": [], "evaluationDate": "2027-06-01" });
    ok(&app, "decide", json!({ "id": id, "decision": decision })).await?;
    for member in roster.as_array().ok_or("roster")? {
        ok(&app, "sign_decision", json!({ "id": id, "memberId": member["id"], "passphrase": PASSPHRASE })).await?;
    }
    app.client.refresh().await?;
    app.click(&format!("[data-pilot='{id}']")).await?;
    app.click("[data-tab=export]").await?;
    app.click("[data-action=export-register]").await?;
    app.wait_text("[data-notice=ok]", "De registratie is opgeslagen").await?;
    let file = std::fs::read_dir(out.path())?.next().ok_or("no file written")??.path();
    let entry: Value = serde_json::from_str(&std::fs::read_to_string(&file)?)?;
    assert_eq!(entry["contact"], "https://www.overbetuwe.nl/contact");
    assert_eq!(entry["status"], "In gebruik");
    assert_eq!(entry["name"], "Chatbot voor vragen over afval");
    std::fs::copy(&file, artifacts().join("algoritmeregister-ondertekende-pilot.json"))?;
    app.screenshot("19-registratie-geexporteerd").await?;
    app.quit().await?;
    Ok(())
}
