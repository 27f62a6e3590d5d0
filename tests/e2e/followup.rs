//! After the decision, in the real window (issue 13): a signed pilot with two conditions shows
//! on the start screen when one is due; the owner reports it done; the committee confirms it in
//! a meeting (minutes open); the pilot is then ended, with what ending asks.

use serde_json::{json, Value};

use crate::harness::{committee_by_ipc, in_days, ok, signed_by_ipc, App, Display, Res, PASSPHRASE};

/// A pilot decided positively with two conditions (one due within a week) and signed.
async fn signed_with_two_conditions(app: &App, roster: &Value) -> Res<String> {
    let condition = |text: &str, days: i64| json!({ "text": text, "kind": "suspensive", "owner": "Privacy officer", "deadline": in_days(days) });
    let decision = json!({
        "outcome": "positiveWithConditions",
        "reasons": "Zinvol; de risico’s zijn beheersbaar met de voorwaarden.",
        "conditions": [condition("DPIA afronden en laten toetsen door de FG", 7), condition("Inwoners informeren op de website", 60)],
        "evaluationDate": in_days(180),
    });
    signed_by_ipc(app, roster, "Chatbot voor vragen over afval", decision).await
}

/// The pilot stops from `date` for `reason`, on the follow-up tab: what ending asks is listed,
/// then the stage is recorded.
async fn stop_the_pilot(app: &App, date: &str, reason: &str) -> Res {
    app.set_value("[data-stage-next]", "stopped").await?;
    app.wait_text("[data-ending-steps]", "Archiveer").await?;
    app.set_value("#stage-date", date).await?;
    app.type_into("#stage-reason", reason).await?;
    app.type_into("#stage-by", "Directeur Publiekszaken").await?;
    app.click("[data-action=change-stage]").await?;
    app.wait_text("[data-life-stage]", "Gestopt").await?;
    Ok(())
}

/// From the start screen (once what is due has come in and the list stands still) to the
/// follow-up tab of pilot `id`.
async fn open_follow_up_from_the_start_screen(app: &App, id: &str) -> Res {
    app.wait_text("[data-due-count=soon]", "1 voorwaarde binnen twee weken").await?;
    app.click(&format!("[data-pilot='{id}']")).await?;
    app.click("[data-tab=followup]").await?;
    Ok(())
}

/// Today's meeting with chair and secretary present, the secretary's minutes open.
async fn meeting_today_with_minutes(app: &App, roster: &Value) -> Res {
    let secretary = roster.as_array().ok_or("roster")?.iter().find(|m| m["role"] == "secretary").ok_or("secretary")?;
    let meeting = json!({
        "date": in_days(0), "place": "Raadszaal, Elst", "quorum": { "type": "majority" }, "agenda": [],
        "members": [
            { "name": "Marieke de Vries", "role": "chair", "present": true },
            { "name": secretary["name"], "role": "secretary", "present": true },
        ],
    });
    let m = ok(app, "create_meeting", json!({ "meeting": meeting })).await?;
    ok(app, "open_minutes", json!({ "meetingId": m["meeting"]["id"], "passphrase": PASSPHRASE })).await?;
    Ok(())
}

#[tokio::test]
async fn a_condition_is_reported_confirmed_in_a_meeting_and_the_pilot_ended() -> Res {
    let display = Display::get();
    let data = tempfile::tempdir()?;
    let app = App::launch(&display, data.path(), &crate::harness::artifacts()).await?;
    let roster = committee_by_ipc(&app, "Marieke de Vries", "Joost Ëlberts", &[]).await?;
    let id = signed_with_two_conditions(&app, &roster).await?;

    // The start screen says what is due, and narrows the list to it.
    app.client.refresh().await?;
    app.wait_text("[data-due-count=soon]", "1 voorwaarde binnen twee weken").await?;
    app.screenshot_at("[data-due]", "25-wat-moet-er-gebeuren").await?;

    // The owner reports the first condition done.
    app.click(&format!("[data-pilot='{id}']")).await?;
    app.click("[data-tab=followup]").await?;
    app.wait_text("[data-condition='0'] [data-condition-status]", "Open").await?;
    app.wait_css("[data-condition='0'] [data-due-soon]").await?;
    app.click("[data-condition='0'] summary").await?;
    app.set_value("[data-report-status='0']", "met").await?;
    app.type_into("#report-note-0", "De FG heeft de DPIA op 3 maart goedgekeurd.").await?;
    app.type_into("#report-by-0", "Privacy officer").await?;
    app.click("[data-condition='0'] [data-action=report-condition]").await?;
    app.wait_text("[data-condition='0'] [data-awaiting=met]", "wacht op de commissie").await?;
    assert!(app.client.find_all(fantoccini::Locator::Css("[data-action=confirm-condition]")).await?.is_empty());

    // In the next meeting the secretary opens the minutes; the committee confirms it.
    meeting_today_with_minutes(&app, &roster).await?;
    app.click("[data-tab=export]").await?;
    app.click("[data-tab=followup]").await?;
    app.click("[data-condition='0'] [data-action=confirm-condition]").await?;
    app.wait_text("[data-condition='0'] [data-condition-status]", "Voldaan").await?;
    app.wait_text("[data-condition='1'] [data-condition-status]", "Open").await?;
    // Its history: who reported it, with what, and the committee's confirmation.
    app.wait_text("[data-condition-history='0']", "Privacy officer").await?;
    app.wait_text("[data-condition-history='0']", "bevestigd door de commissie: voldaan").await?;
    app.screenshot_at("[data-followup]", "26-opvolging").await?;

    // The pilot stops: what ending asks is listed, then the stage is recorded.
    stop_the_pilot(&app, &in_days(0), "Te weinig inwoners gebruikten de chatbot.").await?;
    app.wait_text("[data-stage-history]", "Te weinig inwoners").await?;
    app.quit().await?;
    Ok(())
}

/// A small PDF as a project lead would attach it.
fn dpia_pdf(dir: &std::path::Path) -> Res<std::path::PathBuf> {
    let path = dir.join("DPIA chatbot.pdf");
    std::fs::write(&path, b"%PDF-1.4\n% DPIA chatbot, goedgekeurd door de FG op 3 maart\n%%EOF\n")?;
    Ok(path)
}

/// The project lead hands in a monitoring report in the window (one change named, a complaint
/// written as markup); the committee discusses it in the meeting whose minutes are open.
async fn hand_in_and_note_a_report(app: &App) -> Res {
    app.click("[data-action=open-report-form]").await?;
    for id in ["changes_data", "changes_model", "changes_process", "incidents"] {
        app.click(&format!("[data-answer-no={id}]")).await?;
    }
    app.click("[data-answer-yes=changes_context]").await?;
    app.type_into("#report-changes_context", "De FG wil camerabeelden toevoegen.").await?;
    app.click("[data-answer-yes=complaints]").await?;
    app.type_into("#report-complaints", "Twee vragen over de <b>uitleg</b>.").await?;
    app.type_into("#report-conditions", "De DPIA is af; de website volgt.").await?;
    app.set_value("#report-planned_end", &in_days(200)).await?;
    app.type_into("#report-exit_criteria", "Minder telefoontjes: door; anders stoppen.").await?;
    app.type_into("#report-by", "Anouk van den Brïnk").await?;
    app.click("[data-action=submit-report]").await?;
    app.wait_text("[data-report]", "Twee vragen over de <b>uitleg</b>.").await?;
    app.wait_css("[data-changes-reported]").await?;
    app.click("[data-action=note-report]").await?;
    app.wait_text("[data-report-noted]", "Besproken door de commissie").await?;
    app.screenshot_at("[data-monitoring]", "30-monitoringsrapportage").await?;
    // The meeting's minutes list what the committee recorded there.
    app.click("[data-nav=meetings]").await?;
    app.click("[data-meeting]").await?;
    app.wait_text("[data-meeting-follow-up]", "voorwaarde 1 bevestigd: voldaan").await?;
    app.wait_text("[data-meeting-follow-up]", "monitoringsrapportage besproken").await?;
    Ok(())
}

/// The re-assessment round `second` is walked (one verdict differs), decided and signed.
async fn walk_and_sign_the_new_round(app: &App, roster: &Value, second: &str) -> Res {
    ok(app, "submit_proposal", json!({ "id": second })).await?;
    let view = ok(app, "start_review", json!({ "id": second })).await?;
    assert_eq!(view["pilot"]["framework"]["version"], "2026.4");
    for q in view["unanswered"].as_array().ok_or("unanswered")? {
        let verdict = if q == "doel.probleem" { "compliesWithConditions" } else { "complies" };
        let answer = json!({ "verdict": verdict, "notes": "Opnieuw bekeken.", "conditions": [] });
        ok(app, "set_answer", json!({ "id": second, "questionId": q, "answer": answer, "basedOn": { "verdict": null, "notes": "", "conditions": [] } })).await?;
    }
    let decision = json!({
        "outcome": "positiveWithConditions",
        "reasons": "Zinvol; de camerabeelden vragen een nieuwe DPIA.",
        "conditions": [{ "text": "DPIA aanvullen voor camerabeelden", "kind": "suspensive", "owner": "Privacy officer", "deadline": in_days(100) }],
        "evaluationDate": in_days(250),
    });
    ok(app, "decide", json!({ "id": second, "decision": decision })).await?;
    for member in roster.as_array().ok_or("roster")? {
        ok(app, "sign_decision", json!({ "id": second, "memberId": member["id"], "passphrase": PASSPHRASE })).await?;
    }
    Ok(())
}

/// The whole life after the decision (issue 13's end-to-end): a signed pilot with two
/// conditions; the owner reports one done with a PDF attached; the committee confirms it in the
/// meeting; seventy days on the other is overdue on the start screen; a re-assessment under a
/// revised framework shows the side-by-side view and, once signed, supersedes the first
/// decision; the pilot is then ended.
#[tokio::test]
async fn a_pilot_is_followed_up_reassessed_under_a_revised_framework_and_ended() -> Res {
    let display = Display::get();
    let data = tempfile::tempdir()?;
    let files = tempfile::tempdir()?;
    let pdf = dpia_pdf(files.path())?;
    let app = App::launch_with(&display, data.path(), &crate::harness::artifacts(), Some(&pdf)).await?;
    let roster = committee_by_ipc(&app, "Marieke de Vries", "Joost Ëlberts", &[]).await?;
    let first = signed_with_two_conditions(&app, &roster).await?;

    // The owner reports the first condition done, with the DPIA attached.
    app.client.refresh().await?;
    // The start screen first settles (what is due comes in after the list).
    open_follow_up_from_the_start_screen(&app, &first).await?;
    app.type_into("[data-attachments=condition-0] [data-attach-by]", "Privacy officer").await?;
    app.click("[data-attachments=condition-0] [data-action=attach]").await?;
    app.wait_text("[data-attachments=condition-0] [data-attachment]", "DPIA chatbot.pdf").await?;
    app.wait_text("[data-attachments=condition-0]", "SHA-256").await?;
    app.click("[data-condition='0'] summary").await?;
    app.set_value("[data-report-status='0']", "met").await?;
    app.type_into("#report-evidence-0", "DPIA chatbot.pdf (bijlage)").await?;
    app.type_into("#report-by-0", "Privacy officer").await?;
    app.click("[data-condition='0'] [data-action=report-condition]").await?;
    app.wait_text("[data-condition='0'] [data-awaiting=met]", "wacht op de commissie").await?;

    // The committee confirms it in today's meeting.
    meeting_today_with_minutes(&app, &roster).await?;
    app.click("[data-tab=export]").await?;
    app.click("[data-tab=followup]").await?;
    app.click("[data-condition='0'] [data-action=confirm-condition]").await?;
    app.wait_text("[data-condition='0'] [data-condition-status]", "Voldaan").await?;
    app.screenshot_at("[data-condition='0']", "29-voorwaarde-met-bewijs").await?;

    hand_in_and_note_a_report(&app).await?;
    app.quit().await?;

    // Seventy days on, the second condition (due in sixty) is overdue on the start screen; the
    // municipality has loaded a revised framework.
    let revision = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../assessments/tests/data/revisions/overbetuwe-2026.4.toml");
    let app = App::launch_ahead(&display, data.path(), &crate::harness::artifacts(), Some(&revision), 70).await?;
    app.wait_text("[data-due-count=overdue]", "1 voorwaarde te laat").await?;
    app.screenshot_at("[data-due]", "27-start-voorwaarde-te-laat").await?;
    ok(&app, "load_framework", json!({})).await?;

    // The committee starts a re-assessment from the follow-up.
    app.click(&format!("[data-pilot='{first}']")).await?;
    app.click("[data-tab=followup]").await?;
    app.wait_text("[data-condition='1'] [data-overdue]", "Te laat").await?;
    app.click("[data-reassess-reason=change]").await?;
    app.type_into("#reassess-explanation", "De FG vraagt een nieuwe toets: er komen camerabeelden bij.").await?;
    app.type_into("#reassess-by", "Marieke de Vries").await?;
    app.click("[data-action=reassess]").await?;
    app.wait_text("[data-round]", "Herbeoordeling, ronde 2").await?;
    let pilots = ok(&app, "list_pilots", json!({})).await?;
    let second = pilots
        .as_array()
        .ok_or("pilots")?
        .iter()
        .find(|p| p["round"] == 2)
        .and_then(|p| p["id"].as_str())
        .ok_or("round 2")?
        .to_string();

    walk_and_sign_the_new_round(&app, &roster, &second).await?;

    // Side by side: the revision's new question, the changed verdict, the first decision's
    // conditions with their status.
    app.client.refresh().await?;
    app.click(&format!("[data-pilot='{second}']")).await?;
    app.click("[data-tab=comparison]").await?;
    app.wait_text("[data-compared='privacy.camera']", "Nieuwe vraag").await?;
    app.wait_text("[data-compared='ai-geletterdheid.bijhouden']", "Vervallen vraag").await?;
    app.wait_text("[data-compared='doel.probleem']", "Ander oordeel").await?;
    app.wait_text("[data-earlier-condition='0']", "Voldaan").await?;
    app.screenshot_at("[data-comparison]", "28-vergelijking-herbeoordeling").await?;

    // The first decision is superseded and stays as it was signed.
    app.click("[data-open-earlier]").await?;
    app.wait_text("[data-later-round=signed]", "Vervangen").await?;

    // The pilot is then ended, on its new decision.
    app.click("[data-open-later]").await?;
    app.click("[data-tab=followup]").await?;
    stop_the_pilot(&app, &in_days(70), "De camerabeelden wegen niet op tegen het doel.").await?;
    app.quit().await?;
    Ok(())
}

/// A monitoring report by file, in the real window: the secretary saves the form, the project
/// lead fills it in on the "Rapportage invullen" screen (no copy of the pilot needed) and saves
/// it, the secretary reads it in on the pilot's follow-up.
#[tokio::test]
async fn a_report_goes_out_as_a_file_and_comes_back_filled() -> Res {
    let display = Display::get();
    let data = tempfile::tempdir()?;
    let files = tempfile::tempdir()?;
    // The e2e build's save dialog writes into `files`; its open dialog answers with this path.
    let file = files.path().join("monitoringsrapportage-chatbot-voor-vragen-over-afval.json");
    let app = App::launch_ahead(&display, data.path(), files.path(), Some(&file), 0).await?;
    let roster = committee_by_ipc(&app, "Marieke de Vries", "Joost Ëlberts", &[]).await?;
    let id = signed_with_two_conditions(&app, &roster).await?;

    app.client.refresh().await?;
    open_follow_up_from_the_start_screen(&app, &id).await?;
    app.click("[data-action=export-report-form]").await?;
    app.wait_text("[data-report-form-saved]", "monitoringsrapportage-chatbot").await?;

    // The project lead's side.
    app.click("[data-nav=overview]").await?;
    app.click("[data-action=fill-report-file]").await?;
    app.click("[data-action=open-report-file]").await?;
    app.wait_text("[data-report-file-title]", "Chatbot voor vragen over afval").await?;
    for id in ["changes_data", "changes_model", "changes_process", "changes_context", "incidents", "complaints"] {
        app.click(&format!("[data-answer-no={id}]")).await?;
    }
    app.type_into("#report-conditions", "De DPIA is af.").await?;
    app.set_value("#report-planned_end", &in_days(200)).await?;
    app.type_into("#report-exit_criteria", "Minder telefoontjes: door.").await?;
    app.type_into("#report-by", "Anouk van den Brïnk").await?;
    app.click("[data-action=save-report-file]").await?;
    app.wait_text("[data-report-file] [data-notice=ok]", "Stuur dit bestand").await?;
    app.screenshot_at("[data-report-file]", "31-rapportage-uit-bestand").await?;

    // The secretary reads it in.
    app.click("[data-nav=overview]").await?;
    app.click(&format!("[data-pilot='{id}']")).await?;
    app.click("[data-tab=followup]").await?;
    app.click("[data-action=import-report]").await?;
    app.wait_text("[data-report]", "Anouk van den Brïnk").await?;
    app.wait_text("[data-report]", "De DPIA is af.").await?;
    app.quit().await?;
    Ok(())
}
