//! The whole path a pilot takes, in the real window: proposal → review → decision → two
//! signatures → PDF; then quit, relaunch, and find the signed decision unchanged and locked.

use std::path::Path;
use std::process::Command;

use serde_json::json;

use crate::harness::{
    answer_wizard, artifacts, fill_required_intake, found_committee, member_id, verify_command, wizard_answers, App,
    Display, Res, PASSPHRASE,
};

const TITLE: &str = "Chatbot ‘Afvalwijzer’ — één loket voor Overbetuwe <b>proef</b>";
const NOTE: &str =
    "Privacy-eisen zijn geïnventariseerd; de “logboeken” worden na 30 dagen verwijderd (ca. €0,50 per gesprek).";

#[tokio::test]
async fn a_pilot_from_proposal_to_signed_pdf_survives_a_restart() -> Res {
    let display = Display::get();
    let data = tempfile::tempdir()?;
    let save_dir = artifacts();
    let pdf_path = save_dir.join(assessments::base::files::pdf_file_name(TITLE));
    let _ = std::fs::remove_file(&pdf_path);

    let app = App::launch(&display, data.path(), &save_dir).await?;
    app.wait_text("main", "Er zijn nog geen pilots").await?;
    // A new installation is guided: no one can sign until the committee is founded.
    app.wait_text("[data-first-step=committee]", "kan niemand een besluit ondertekenen").await?;
    app.screenshot("01-overzicht-leeg").await?;
    app.click("[data-action=save-municipality]").await?;
    app.wait_text("[data-first-step=municipality]", "Gemeente Overbetuwe").await?;

    let (chair_key, secretary_key) = found_the_committee(&app).await?;
    hand_in_the_proposal(&app).await?;
    review_every_question(&app).await?;
    decide(&app).await?;
    let hash = sign(&app, &secretary_key).await?;
    export_and_verify(&app, &pdf_path, &hash, &chair_key, &secretary_key).await?;
    app.quit().await?;

    // Relaunch: the signed decision is still there, and still refuses edits.
    let app = App::launch(&display, data.path(), &save_dir).await?;
    let id = find_the_decision_signed_and_locked(&app).await?;
    app.quit().await?;

    // And the database itself refuses, also from the sqlite3 command line.
    the_database_refuses_changes(&data.path().join("ai-toets.sqlite3"), &id)?;
    Ok(())
}

/// Commissie: the committee is founded by its chair and secretary, each with a passphrase.
/// Returns the fingerprints of the chair's and the secretary's keys.
async fn found_the_committee(app: &App) -> Res<(String, String)> {
    let (chair_key, secretary_key) =
        found_committee(app, ("Marieke de Vries", PASSPHRASE), ("Joost Ëlberts", PASSPHRASE)).await?;
    assert_eq!(chair_key.split(' ').count(), 8, "fingerprint in groups of four: {chair_key}");
    assert_ne!(chair_key, secretary_key);
    app.screenshot("01b-commissie").await?;
    app.click("[data-nav=overview]").await?;
    Ok((chair_key, secretary_key))
}

/// Voorstel: submitting an empty form names the missing fields and saves nothing; the
/// project lead then writes the proposal, runs the AI Act wizard and hands it in; the
/// committee starts the review.
async fn hand_in_the_proposal(app: &App) -> Res {
    app.click("[data-action=new-proposal]").await?;
    app.click("[data-action=submit-proposal]").await?;
    app.wait_text("[data-field-error=proposal-title]", "Vul de naam van de pilot in").await?;
    app.screenshot("02-voorstel-fouten").await?;
    assert_eq!(app.invoke("list_pilots", json!({})).await?.map_err(|e| e.to_string())?, json!([]), "nothing saved");

    app.type_into("#proposal-title", TITLE).await?;
    app.click("[data-action=save-draft]").await?;
    app.wait_text("[data-pilot-title]", "één loket").await?;
    // The title is text, never markup.
    assert_eq!(app.wait_css("[data-pilot-title]").await?.text().await?, TITLE);
    assert!(app.client.find_all(fantoccini::Locator::Css("[data-pilot-title] b")).await?.is_empty());

    app.click("[data-action=submit-proposal]").await?;
    app.wait_css("[data-field-error=proposal-purpose]").await?;
    for (field, text) in [
        ("projectLead", "Anouk van den Brïnk"),
        ("department", "Publiekszaken"),
        ("description", "Een chatbot die vragen over afval beantwoordt, ook ’s avonds."),
        ("purpose", "Minder telefoontjes over ophaaldagen."),
        ("dataUsed", "Chatberichten zonder BSN, postcode en huisnummer."),
    ] {
        app.type_into(&format!("#proposal-{field}"), text).await?;
    }
    fill_required_intake(app).await?;
    // The AI Act wizard, for a resident chatbot: the transparency duty, and why.
    answer_wizard(app, &wizard_answers("chatbot-inwoners")).await?;
    app.wait_text("[data-risk-class]", "Transparantieverplichting").await?;
    app.wait_text("[data-duties]", "art. 50 lid 1").await?;
    app.wait_text("[data-reason=interactie]", "moeten weten dat het AI is").await?;
    app.screenshot_at("[data-wizard]", "03a-beslishulp").await?;
    // The project lead answers a question of the framework, with the evidence offered.
    app.click("[data-lead-area=doel] summary").await?;
    app.type_into("[data-lead-question='doel.probleem']", "Inwoners bellen 400 keer per week over ophaaldagen.")
        .await?;
    app.screenshot("03-voorstel-ingevuld").await?;
    app.click("[data-action=submit-proposal]").await?;
    // The committee's side: the class and the instruments it requires, on the pilot.
    app.wait_text("[data-pilot-risk-class]", "Transparantieverplichting").await?;
    let summary = app.wait_css("[data-pilot-ai-act]").await?.text().await?;
    for instrument in ["DPIA", "Algoritmeregister (categorie B)", "Melding aan betrokkenen"] {
        assert!(summary.contains(instrument), "{instrument} missing from {summary:?}");
    }
    app.click("[data-action=start-review]").await?;
    app.wait_text("[data-step=inReview]", "In behandeling").await?;
    Ok(())
}

/// Beoordeling: every question that applies gets a verdict and notes, area by area.
async fn review_every_question(app: &App) -> Res {
    app.click("[data-tab=review]").await?;
    app.wait_css("[data-framework-version='2026.3']").await?;
    let areas: Vec<String> = serde_json::from_value(
        app.client
            .execute("return Array.from(document.querySelectorAll('[data-area]')).map(e => e.dataset.area)", vec![])
            .await?,
    )?;
    assert_eq!(areas.len(), 8, "{areas:?}");
    for area in &areas {
        app.click(&format!("[data-area='{area}']")).await?;
        let questions: Vec<String> = serde_json::from_value(
            app.client
                .execute(
                    "return Array.from(document.querySelectorAll('[data-question]:not(.not-applicable)')).map(e => e.dataset.question)",
                    vec![],
                )
                .await?,
        )?;
        assert!(questions.iter().all(|q| q.starts_with(&format!("{area}."))), "{questions:?}");
        for (i, q) in questions.iter().enumerate() {
            let card = format!("[data-question='{q}']");
            let verdict = if i == 0 { "compliesWithConditions" } else { "complies" };
            app.click(&format!("{card} input[data-verdict={verdict}]")).await?;
            let note = if i == 0 { format!("{NOTE} ({q})") } else { format!("Akkoord ({q}).") };
            app.type_into(&format!("{card} textarea"), &note).await?;
            // Saved on every change: no save button.
            app.wait_text(&format!("{card} [data-save-state]"), "Opgeslagen").await?;
        }
        app.wait_text(&format!("[data-area='{area}'] .progress"), "✓").await?;
        if area == "doel" {
            // The committee sees the project lead's answer next to its own verdict.
            app.wait_text("[data-question='doel.probleem'] [data-lead-answer]", "400 keer per week").await?;
        }
        if area == "privacy" {
            app.screenshot("04-beoordeling").await?;
        }
        if area == "verantwoording" {
            // No FRIA is required (not high risk): the IAMA question is shown as not applicable,
            // with why (art. 27).
            app.wait_text("[data-question='verantwoording.iama'] [data-not-applicable]", "art. 27").await?;
        }
    }
    Ok(())
}

/// Besluit: positief onder voorwaarden, with a condition and an evaluation date.
async fn decide(app: &App) -> Res {
    app.click("[data-tab=decision]").await?;
    app.click("input[data-outcome=positiveWithConditions]").await?;
    app.click("[data-action=decide]").await?;
    app.wait_text("[data-field-error=conditions]", "minstens één voorwaarde").await?;
    app.type_into("#decision-reasons", "De pilot helpt inwoners; de risico’s zijn beheersbaar met de voorwaarde.")
        .await?;
    app.click("[data-action=add-condition]").await?;
    app.type_into("#decision-condition-text-0", "Vóór de start de DPIA laten toetsen door de FG.").await?;
    app.click("[data-action=decide]").await?;
    app.wait_text("[data-field-error=conditions]", "eigenaar").await?;
    app.type_into("[data-condition-owner='0']", "Privacy officer").await?;
    app.set_value("[data-condition-deadline='0']", "2027-01-15").await?;
    app.set_value("#decision-evaluation", "2027-06-01").await?;
    app.click("[data-action=decide]").await?;
    app.wait_text("[data-notice=ok]", "Het besluit is vastgelegd").await?;
    app.screenshot("05-besluit").await?;
    Ok(())
}

/// Ondertekenen: each member with their own passphrase; a wrong one signs nothing.
/// Returns the content hash of the signed decision.
async fn sign(app: &App, secretary_key: &str) -> Res<String> {
    app.click("[data-tab=signing]").await?;
    app.set_value("#signer", &member_id(app, "Marieke de Vries").await?).await?;
    app.type_into("#signer-passphrase", "niet de goede wachtzin").await?;
    app.click("[data-action=sign]").await?;
    app.wait_text("[data-field-error=signer-passphrase]", "De wachtzin van Marieke de Vries klopt niet").await?;
    assert!(app.texts("tr[data-signature]").await?.is_empty(), "a wrong passphrase signs nothing");
    app.type_into("#signer-passphrase", PASSPHRASE).await?;
    app.click("[data-action=sign]").await?;
    app.wait_css("tr[data-signature=chair]").await?;
    app.wait_text("[data-signer-fingerprint]", secretary_key).await?;
    app.type_into("#signer-passphrase", PASSPHRASE).await?;
    app.click("[data-action=sign]").await?;
    app.wait_text("[data-notice=ok]", "ondertekend en kan niet meer worden gewijzigd").await?;
    let hash = app.wait_css("[data-content-hash]").await?.text().await?;
    assert_eq!(hash.len(), 64);
    assert_eq!(app.texts("tr[data-signature] .badge").await?, ["Klopt", "Klopt"]);
    app.screenshot("06-ondertekend").await?;
    Ok(hash)
}

/// Exporteren: the save dialog (answered by the e2e build) and the PDF behind it, checked
/// for its text, its first page as an image, and by the archivist's verifier.
async fn export_and_verify(app: &App, pdf_path: &Path, hash: &str, chair_key: &str, secretary_key: &str) -> Res {
    app.click("[data-tab=export]").await?;
    app.click("[data-action=export-pdf]").await?;
    app.wait_text("[data-notice=ok]", "De PDF is opgeslagen").await?;
    app.screenshot("07-exporteren").await?;
    let pdf = std::fs::read(pdf_path).map_err(|e| format!("{}: {e}", pdf_path.display()))?;
    assert!(pdf.starts_with(b"%PDF-"));
    let text = Command::new("pdftotext").arg(pdf_path).arg("-").output()?;
    let text = String::from_utf8(text.stdout)?.split_whitespace().collect::<Vec<_>>().join(" ");
    for expected in [
        TITLE,
        "Anouk van den Brïnk",
        "geïnventariseerd",
        "“logboeken”",
        "€0,50",
        "Joost Ëlberts",
        hash,
        chair_key,
        secretary_key,
        "pagina 1 van",
    ] {
        assert!(text.contains(expected), "the PDF lacks {expected:?}");
    }
    let page = Command::new("pdftoppm")
        .args(["-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile"])
        .arg(pdf_path)
        .arg(artifacts().join("08-pdf-pagina-1"))
        .status()?;
    assert!(page.success(), "page 1 of the PDF as an image");

    // The archivist's check: the PDF alone holds together but confirms no signer (exit 3);
    // with the committee's published roster, exported from the app, it is valid (exit 0).
    let alone = Command::new(verify_command()).arg(pdf_path).output()?;
    assert_eq!(alone.status.code(), Some(3), "without the roster:\n{}", String::from_utf8_lossy(&alone.stdout));
    let roster = app.invoke("export_roster", json!({})).await?.map_err(|e| e.to_string())?;
    let roster = roster.as_str().ok_or("the roster's path")?.to_string();
    let verified = Command::new(verify_command()).arg("--roster").arg(&roster).arg(pdf_path).output()?;
    let report = String::from_utf8(verified.stdout)?;
    assert!(verified.status.success(), "ai-toets-verify rejects the export with its roster:\n{report}");
    for expected in ["Marieke de Vries (voorzitter) — klopt", "Joost Ëlberts (secretaris) — klopt", chair_key] {
        assert!(report.contains(expected), "verify output lacks {expected:?}:\n{report}");
    }
    let id = app.client.execute("return document.querySelector('[data-pilot-title]') && location.href", vec![]).await?;
    let _ = id;
    Ok(())
}

/// After the relaunch: the pilot shows as signed, its decision offers no edits, and the core
/// refuses a new decision. Returns the pilot's id.
async fn find_the_decision_signed_and_locked(app: &App) -> Res<String> {
    app.wait_text("[data-status]", "Ondertekend").await?;
    app.screenshot("09-herstart-overzicht").await?;
    let pilots = app.invoke("list_pilots", json!({})).await?.map_err(|e| e.to_string())?;
    let id = pilots[0]["id"].as_str().ok_or("pilot id")?.to_string();
    app.click("[data-pilot]").await?;
    app.wait_text("[data-notice=ok]", "ondertekend").await?;
    app.click("[data-tab=decision]").await?;
    app.wait_text("main", "kan niet meer worden gewijzigd").await?;
    assert!(
        app.client.find_all(fantoccini::Locator::Css("[data-action=decide]")).await?.is_empty(),
        "no decide button"
    );
    let refused = app
        .invoke("decide", json!({ "id": id, "decision": { "outcome": "negative", "reasons": "Toch niet", "conditions": [], "evaluationDate": null } }))
        .await?;
    let err = refused.expect_err("a signed decision refuses a new decision");
    assert_eq!(err["kind"], "locked", "{err}");
    assert!(err["message"].as_str().unwrap_or_default().contains("ondertekend"), "{err}");
    app.screenshot("10-herstart-ondertekend").await?;
    Ok(id)
}

/// The database at `db` refuses, also from the sqlite3 command line, to change the signed
/// decision, to replace pilot `id`'s decision, or to delete the signatures.
fn the_database_refuses_changes(db: &Path, id: &str) -> Res {
    for sql in [
        "UPDATE decisions SET outcome = 'negative';".to_string(),
        format!(
            "INSERT OR REPLACE INTO decisions (pilot_id, outcome, reasons, conditions, decided_at, signed) \
             VALUES ('{id}', 'negative', 'x', '[]', 'x', 0);"
        ),
        "DELETE FROM signatures;".to_string(),
    ] {
        let out = Command::new("sqlite3").arg(db).arg(&sql).output().map_err(|e| format!("sqlite3 is needed: {e}"))?;
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success() && stderr.contains("immutable"), "{sql} was not refused: {stderr}");
    }
    Ok(())
}
