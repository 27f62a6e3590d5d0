//! The Commissie screen in the real window: a member's key is made with a passphrase, replaced
//! (only with the current passphrase) and revoked; the signing policy is set.

use serde_json::json;

use crate::harness::{add_member, ok, App, Display, Res, PASSPHRASE};

#[tokio::test]
async fn keys_are_replaced_with_the_old_passphrase_and_revoked_on_the_committee_screen() -> Res {
    let display = Display::get();
    let data = tempfile::tempdir()?;
    let app = App::launch(&display, data.path(), data.path()).await?;
    let first = add_member(&app, "Marieke de Vries", "chair").await?;
    let row = "tr[data-member='Marieke de Vries']";

    // A new key needs the current passphrase.
    app.click(&format!("{row} [data-action=rotate]")).await?;
    app.type_into("#rotate-current", "niet de goede wachtzin").await?;
    app.type_into("#rotate-new", "een nieuwe lange wachtzin").await?;
    app.type_into("#rotate-repeat", "een nieuwe lange wachtzin").await?;
    app.click("form.inline button[type=submit]").await?;
    app.wait_text("[data-field-error=rotate-current]", "De wachtzin klopt niet").await?;
    app.type_into("#rotate-current", PASSPHRASE).await?;
    app.click("form.inline button[type=submit]").await?;
    app.wait_text("[data-notice=ok]", "heeft een nieuwe sleutel").await?;
    let second = app.wait_css(&format!("{row} [data-fingerprint]")).await?.text().await?;
    assert_ne!(first, second, "a new key, a new fingerprint");

    // Revoking asks once more, then the member has no valid key.
    app.click(&format!("{row} [data-action=revoke]")).await?;
    app.click(&format!("{row} [data-action=confirm-revoke]")).await?;
    app.wait_text("[data-notice=ok]", "is ingetrokken").await?;
    app.wait_text(row, "Geen geldige sleutel").await?;
    let roster = ok(&app, "list_members", json!({})).await?;
    let keys = &roster[0]["keys"];
    assert_eq!(keys.as_array().map(Vec::len), Some(2), "old keys stay on the list: {roster}");
    assert_eq!((keys[0]["revoked"].clone(), keys[1]["revoked"].clone()), (json!(false), json!(true)));

    // Three signatures from now on: chair, secretary and one member.
    app.set_value("#policy-members", "1").await?;
    app.click("[data-action=save-policy]").await?;
    app.wait_text("[data-notice=ok]", "Dit geldt voor nieuwe besluiten").await?;
    let policy = ok(&app, "signing_policy", json!({})).await?;
    assert_eq!(policy, json!({ "requiredRoles": ["chair", "secretary", "member"] }));
    app.screenshot("22-commissie-sleutels").await?;
    app.quit().await?;
    Ok(())
}
