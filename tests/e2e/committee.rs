//! The Commissie screen in the real window: the committee is founded by its chair and
//! secretary; every change to the roster after that carries their approval (a member is
//! added, a lost passphrase gets a new key, a key is declared compromised, the signing policy
//! is set); the roster is exported for publication.

use serde_json::{json, Value};

use crate::harness::{add_member_approved, approve, found_committee, ok, App, Display, Res};

const CHAIR: &str = "Marieke de Vries";
const CHAIR_PASS: &str = "zeven blauwe olifanten dansen traag";
const SECRETARY: &str = "Joost Ëlberts";
const SECRETARY_PASS: &str = "correct paard batterij nietje";
const MEMBER: &str = "Fatima el Amrani";
const MEMBER_PASS: &str = "groene thee op een koude dinsdag";
const MEMBER_NEW_PASS: &str = "negen oranje fietsen langs de dijk";

#[tokio::test]
async fn the_roster_changes_only_with_the_approval_of_chair_and_secretary() -> Res {
    let display = Display::get();
    let data = tempfile::tempdir()?;
    let save = tempfile::tempdir()?;
    let app = App::launch(&display, data.path(), save.path()).await?;
    let officers = [(CHAIR, CHAIR_PASS), (SECRETARY, SECRETARY_PASS)];

    // Founded: chair and secretary, each with their own key.
    let (chair_key, secretary_key) = found_committee(&app, (CHAIR, CHAIR_PASS), (SECRETARY, SECRETARY_PASS)).await?;
    assert_ne!(chair_key, secretary_key);
    let status = ok(&app, "roster_status", json!({ "subject": null })).await?;
    assert_eq!(status["founded"], json!(true), "{status}");

    // A member is added; a wrong approver passphrase is named and adds nothing.
    app.type_into("#member-name", MEMBER).await?;
    app.set_value("#member-role", "member").await?;
    app.type_into("#member-pass", MEMBER_PASS).await?;
    app.type_into("#member-pass2", MEMBER_PASS).await?;
    approve(&app, "[data-approvals=add]", &[(CHAIR, "niet de goede wachtzin hoor"), (SECRETARY, SECRETARY_PASS)])
        .await?;
    app.click("[data-action=add-member]").await?;
    app.wait_text("[data-approvals=add] [data-field-error]", CHAIR).await?;
    assert_eq!(ok(&app, "list_members", json!({})).await?.as_array().map(Vec::len), Some(2), "nothing added");
    let first = add_member_approved(&app, MEMBER, "member", MEMBER_PASS, &officers).await?;

    // She lost her passphrase: a new key, approved by chair and secretary.
    let row = format!("tr[data-member='{MEMBER}']");
    app.click(&format!("{row} [data-action=replace-key]")).await?;
    app.type_into("#replace-new", MEMBER_NEW_PASS).await?;
    app.type_into("#replace-repeat", MEMBER_NEW_PASS).await?;
    approve(&app, "[data-approvals=replace]", &officers).await?;
    app.click("form[data-form=replace-key] button[type=submit]").await?;
    app.wait_text("[data-notice=ok]", "heeft een nieuwe sleutel").await?;
    let second = app.wait_css(&format!("{row} [data-fingerprint]")).await?.text().await?;
    assert_ne!(first, second, "a new key, a new fingerprint");
    let roster = ok(&app, "list_members", json!({})).await?;
    let fatima = member(&roster, MEMBER);
    let current = fatima["keys"].as_array().into_iter().flatten().find(|k| k["current"] == json!(true));
    assert_eq!(current.map(|k| k["fingerprint"].clone()), Some(json!(second)), "{roster}");

    // Her new key is declared compromised (since now), with the officers' approval.
    app.click(&format!("{row} [data-action=compromised]")).await?;
    approve(&app, "[data-approvals=compromised]", &officers).await?;
    app.click("[data-action=confirm-compromised]").await?;
    app.wait_text("[data-notice=ok]", "gecompromitteerd verklaard").await?;
    let roster = ok(&app, "list_members", json!({})).await?;
    let keys = member(&roster, MEMBER)["keys"].clone();
    assert_eq!(keys.as_array().map(Vec::len), Some(2), "old keys stay on the list: {roster}");
    assert!(keys.as_array().into_iter().flatten().all(|k| k["current"] == json!(false)), "no key signs now: {roster}");

    // Three signatures from now on: chair, secretary and one member.
    app.set_value("#policy-members", "1").await?;
    approve(&app, "[data-approvals=policy]", &officers).await?;
    app.click("[data-action=save-policy]").await?;
    app.wait_text("[data-notice=ok]", "Dit geldt voor nieuwe besluiten").await?;
    let policy = ok(&app, "signing_policy", json!({})).await?;
    assert_eq!(policy, json!({ "requiredRoles": ["chair", "secretary", "member"] }));
    app.screenshot("22-commissie-sleutels").await?;

    // The roster for publication, next to the minutes.
    app.click("[data-action=export-roster]").await?;
    app.wait_text("[data-notice=ok]", "De ledenlijst is opgeslagen").await?;
    let path = save.path().join("ledenlijst.json");
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let exported: Value = serde_json::from_str(&text)?;
    assert_eq!(exported["format"], json!("ai-toets/roster/v1"), "{text}");
    app.quit().await?;
    Ok(())
}

fn member<'a>(roster: &'a Value, name: &str) -> &'a Value {
    roster.as_array().into_iter().flatten().find(|m| m["name"] == json!(name)).expect("member on the roster")
}
