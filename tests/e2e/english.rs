//! English in the real window: the language switch (Dutch until English is chosen, remembered
//! after a restart) and every screen of the suite in English. Every screenshot checks that no
//! Dutch text of the catalogue and no Dutch sentence is on screen while English is chosen
//! (`App::check_screen`), so a missing translation fails here; the data typed in this test is
//! English, as an English-speaking member would type it. The PDF stays Dutch.

use std::time::Duration;

use fantoccini::key::Key;
use serde_json::{json, Value};

use crate::harness::{artifacts, committee_by_ipc, in_days, ok, wizard_answers, App, Display, Res, PASSPHRASE};

const TITLE: &str = "Waste chatbot for residents";

/// A pilot with English text, handed in, every question answered "complies" with a note,
/// decided and signed by the roster. Its id.
async fn english_pilot(app: &App, roster: &Value, title: &str, sign: bool) -> Res<String> {
    let mut details = crate::harness::complete_details();
    for value in details.as_object_mut().into_iter().flat_map(|d| d.values_mut()) {
        // Free text in English; a choice keeps its stored value (the UI shows its English label).
        if value.as_str().is_some_and(|v| v.contains("ingevuld door de projectleider")) {
            *value = json!("Written in English by the project lead.");
        }
    }
    let proposal = json!({
        "title": title,
        "projectLead": "Anna Smith", "department": "Public services",
        "description": "A chatbot answers questions about waste collection, also in the evening.",
        "purpose": "Fewer phone calls about collection days.",
        "dataUsed": "Chat messages without citizen service numbers; deleted after 30 days.",
        "aiAct": wizard_answers("chatbot-inwoners"),
        "details": details,
    });
    let id = ok(app, "create_pilot", json!({ "proposal": proposal })).await?["pilot"]["id"]
        .as_str()
        .ok_or("id")?
        .to_string();
    ok(app, "submit_proposal", json!({ "id": id })).await?;
    let view = ok(app, "start_review", json!({ "id": id })).await?;
    for q in view["unanswered"].as_array().ok_or("unanswered")? {
        let answer = json!({ "verdict": "complies", "notes": "Fine.", "conditions": [] });
        ok(app, "set_answer", json!({ "id": id, "questionId": q, "answer": answer, "basedOn": { "verdict": null, "notes": "", "conditions": [] } })).await?;
    }
    if sign {
        let decision = json!({
            "outcome": "positiveWithConditions",
            "reasons": "The pilot helps residents; the risks are managed by the condition below.",
            "conditions": [{ "text": "Have the DPIA checked before the start.", "kind": "suspensive", "owner": "Privacy officer", "deadline": in_days(60) }],
            "evaluationDate": in_days(200),
            "reportDates": [],
        });
        ok(app, "decide", json!({ "id": id, "decision": decision })).await?;
        // The default policy: the chair and the secretary sign.
        for member in roster.as_array().ok_or("roster")?.iter().filter(|m| m["role"] != json!("member")) {
            ok(app, "sign_decision", json!({ "id": id, "memberId": member["id"], "passphrase": PASSPHRASE })).await?;
        }
    }
    Ok(id)
}

async fn settle() {
    tokio::time::sleep(Duration::from_millis(400)).await;
}

#[tokio::test]
async fn every_screen_in_english_and_the_choice_is_remembered() -> Res {
    let display = Display::get();
    let data = tempfile::tempdir()?;
    let app = App::launch(&display, data.path(), &artifacts()).await?;
    // Dutch until English is chosen.
    assert_eq!(app.client.execute("return document.documentElement.lang;", vec![]).await?, json!("nl"));
    app.wait_text("[data-nav=meetings]", "Vergaderingen").await?;
    app.click("[data-language-switch=en]").await?;
    app.wait_text("[data-nav=meetings]", "Meetings").await?;
    assert_eq!(app.client.execute("return document.documentElement.lang;", vec![]).await?, json!("en"));
    app.screenshot("80-en-start").await?;
    app.quit().await?;

    // Remembered: the next start is in English.
    let app = App::launch(&display, data.path(), &artifacts()).await?;
    app.wait_text("[data-nav=meetings]", "Meetings").await?;
    assert_eq!(app.client.execute("return document.documentElement.lang;", vec![]).await?, json!("en"));

    // An error notice in English: a proposal handed in without a name.
    app.click("[data-action=new-proposal]").await?;
    app.click("[data-action=submit-proposal]").await?;
    app.wait_css("[data-field-error=proposal-title]").await?;
    app.screenshot("81-en-proposal-errors").await?;
    app.type_into("#proposal-title", "Draft in English").await?;
    app.click("[data-action=save-draft]").await?;
    app.wait_text("[data-pilot-title]", "Draft in English").await?;

    let roster = committee_by_ipc(&app, "Mary de Vries", "Joe Elberts", &[("Fatima el Amrani", "member")]).await?;
    let signed = english_pilot(&app, &roster, TITLE, true).await?;
    let in_review = english_pilot(&app, &roster, "Route planner for street cleaning", false).await?;
    let members: Vec<Value> = roster
        .as_array()
        .ok_or("roster")?
        .iter()
        .map(|m| json!({ "name": m["name"], "role": m["role"], "present": true }))
        .collect();
    let meeting = ok(
        &app,
        "create_meeting",
        json!({ "meeting": { "date": in_days(3), "place": "Council chamber", "members": members, "quorum": { "type": "majority" }, "agenda": [in_review] } }),
    )
    .await?["meeting"]["id"]
        .as_str()
        .ok_or("meeting id")?
        .to_string();

    // The overview, with its first steps done and what is due.
    app.click("[data-nav=committee]").await?;
    app.click("[data-nav=overview]").await?;
    app.wait_css(&format!("[data-pilot='{signed}']")).await?;
    settle().await;
    app.screenshot("82-en-overview").await?;

    // The wizard in English: a new proposal, answered as far as the fixture goes.
    app.click("[data-action=new-proposal]").await?;
    app.type_into("#proposal-title", "Wizard in English").await?;
    crate::harness::answer_wizard(&app, &wizard_answers("chatbot-inwoners")).await?;
    app.wait_text("[data-risk-class]", "Transparency obligation").await?;
    app.screenshot_at("[data-wizard]", "83-en-wizard").await?;
    app.screenshot("83b-en-proposal").await?;

    // The signed pilot, tab by tab.
    app.click("[data-nav=overview]").await?;
    app.click(&format!("[data-pilot='{signed}']")).await?;
    for tab in ["proposal", "review", "decision", "signing", "export", "followup"] {
        app.click(&format!("[data-tab={tab}]")).await?;
        settle().await;
        app.screenshot(&format!("84-en-pilot-{tab}")).await?;
    }

    // The pilot in review, and its meeting: the meeting page and the presenter view.
    app.click("[data-nav=meetings]").await?;
    settle().await;
    app.screenshot("85-en-meetings").await?;
    app.click(&format!("[data-meeting='{meeting}']")).await?;
    settle().await;
    app.screenshot("85b-en-meeting").await?;
    app.click("[data-action=present]").await?;
    app.wait_css("[data-presenter]").await?;
    settle().await;
    app.screenshot("85c-en-presenter").await?;
    app.press(&char::from(Key::Escape).to_string()).await?;
    app.click("[data-nav=meetings]").await?;
    app.click("[data-action=new-meeting]").await?;
    settle().await;
    app.screenshot("85d-en-new-meeting").await?;

    for (nav, name) in [
        ("committee", "86-en-committee"),
        ("framework", "87-en-framework"),
        ("dashboard", "88-en-dashboard"),
        ("archive", "89-en-archive"),
    ] {
        app.click(&format!("[data-nav={nav}]")).await?;
        settle().await;
        app.screenshot(name).await?;
    }

    the_checks_themselves_fail(&app).await?;

    // Back to Dutch with the same switch.
    app.click("[data-language-switch=nl]").await?;
    app.wait_text("[data-nav=meetings]", "Vergaderingen").await?;
    app.quit().await?;
    Ok(())
}

/// The check itself fails on Dutch text, and axe on a violation: a Dutch sentence and an image
/// without a text alternative, put on the page, are both named.
async fn the_checks_themselves_fail(app: &App) -> Res {
    app.client
        .execute(
            "const p = document.createElement('p'); p.id = 'planted'; p.textContent = 'Dit besluit is niet getekend.'; document.querySelector('main').append(p);",
            vec![],
        )
        .await?;
    let said = app.check_screen("89b-en-planted-dutch").await.expect_err("a Dutch sentence is found").to_string();
    assert!(said.contains("Dit besluit is niet getekend"), "{said}");
    app.client
        .execute(
            "document.getElementById('planted').remove(); const i = document.createElement('img'); i.id = 'planted'; i.src = 'data:image/gif;base64,R0lGODlhAQABAAAAACw='; document.querySelector('main').append(i);",
            vec![],
        )
        .await?;
    let said = app.check_screen("89c-en-planted-image").await.expect_err("axe finds the image").to_string();
    assert!(said.contains("image-alt"), "{said}");
    app.client.execute("document.getElementById('planted').remove();", vec![]).await?;
    Ok(())
}
