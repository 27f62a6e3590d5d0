//! After the decision, in the real window (issue 13): a signed pilot with two conditions shows
//! on the start screen when one is due; the owner reports it done; the committee confirms it in
//! a meeting (minutes open); the pilot is then ended, with what ending asks.

use serde_json::{json, Value};
use time::{Duration, OffsetDateTime};

use crate::harness::{committee_by_ipc, complete_details, ok, wizard_answers, App, Display, Res, PASSPHRASE};

fn in_days(days: i64) -> String {
    assessments::base::text::iso_date(OffsetDateTime::now_utc().date() + Duration::days(days))
}

/// A pilot decided positively with two conditions (one due within a week) and signed.
async fn signed_with_two_conditions(app: &App, roster: &Value) -> Res<String> {
    let proposal = json!({
        "title": "Chatbot voor vragen over afval",
        "projectLead": "Anouk van den Brïnk", "department": "Publiekszaken",
        "description": "Een chatbot beantwoordt vragen over afval, ook ’s avonds.",
        "purpose": "Minder telefoontjes over ophaaldagen.",
        "dataUsed": "Chatberichten, zonder BSN; na 30 dagen verwijderd.",
        "aiAct": wizard_answers("chatbot-inwoners"),
        "details": complete_details(),
    });
    let id = ok(app, "create_pilot", json!({ "proposal": proposal })).await?["pilot"]["id"]
        .as_str()
        .ok_or("id")?
        .to_string();
    ok(app, "submit_proposal", json!({ "id": id })).await?;
    let view = ok(app, "start_review", json!({ "id": id })).await?;
    for q in view["unanswered"].as_array().ok_or("unanswered")? {
        let answer = json!({ "verdict": "complies", "notes": "Voldoet.", "conditions": [] });
        ok(app, "set_answer", json!({ "id": id, "questionId": q, "answer": answer })).await?;
    }
    let condition = |text: &str, days: i64| json!({ "text": text, "kind": "suspensive", "owner": "Privacy officer", "deadline": in_days(days) });
    let decision = json!({
        "outcome": "positiveWithConditions",
        "reasons": "Zinvol; de risico’s zijn beheersbaar met de voorwaarden.",
        "conditions": [condition("DPIA afronden en laten toetsen door de FG", 7), condition("Inwoners informeren op de website", 60)],
        "evaluationDate": in_days(180),
    });
    ok(app, "decide", json!({ "id": id, "decision": decision })).await?;
    for member in roster.as_array().ok_or("roster")? {
        ok(app, "sign_decision", json!({ "id": id, "memberId": member["id"], "passphrase": PASSPHRASE })).await?;
    }
    Ok(id)
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
    let secretary = roster.as_array().ok_or("roster")?.iter().find(|m| m["role"] == "secretary").ok_or("secretary")?;
    let meeting = json!({
        "date": in_days(0), "place": "Raadszaal, Elst", "quorum": { "type": "majority" }, "agenda": [],
        "members": [
            { "name": "Marieke de Vries", "role": "chair", "present": true },
            { "name": secretary["name"], "role": "secretary", "present": true },
        ],
    });
    let m = ok(&app, "create_meeting", json!({ "meeting": meeting })).await?;
    let meeting_id = m["meeting"]["id"].as_str().ok_or("meeting id")?.to_string();
    ok(&app, "open_minutes", json!({ "meetingId": meeting_id, "passphrase": PASSPHRASE })).await?;
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
    app.set_value("[data-stage-next]", "stopped").await?;
    app.wait_text("[data-ending-steps]", "Archiveer").await?;
    app.set_value("#stage-date", &in_days(0)).await?;
    app.type_into("#stage-reason", "Te weinig inwoners gebruikten de chatbot.").await?;
    app.type_into("#stage-by", "Directeur Publiekszaken").await?;
    app.click("[data-action=change-stage]").await?;
    app.wait_text("[data-life-stage]", "Gestopt").await?;
    app.wait_text("[data-stage-history]", "Te weinig inwoners").await?;
    app.quit().await?;
    Ok(())
}
