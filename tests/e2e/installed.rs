//! The app as `dpkg -i` installed it (`bash scripts/package` builds the .deb, installs it and
//! runs this test with `AI_TOETS_E2E_APP=/usr/bin/ai-toets`): it starts in a window, answers
//! its commands, keeps a proposal, and the installed verifier runs. Ignored in the normal
//! suite, which tests the build it just made.

use serde_json::json;

use crate::harness::{artifacts, ok, App, Display, Res};

#[tokio::test]
#[ignore = "needs the installed .deb: bash scripts/package"]
async fn the_installed_app_starts_answers_and_keeps_a_proposal() -> Res {
    let app_path = std::env::var("AI_TOETS_E2E_APP").unwrap_or_default();
    assert!(
        app_path.starts_with("/usr/bin/"),
        "this test is for the installed app (AI_TOETS_E2E_APP=/usr/bin/ai-toets), not {app_path:?}"
    );
    let display = Display::get();
    let data = tempfile::tempdir()?;
    let app = App::launch(&display, data.path(), &artifacts()).await?;
    assert_eq!(app.client.title().await?, "AI-toets");
    app.wait_text("h1", "").await?;
    let steps = ok(&app, "first_steps", json!({})).await?;
    assert_eq!(steps["hasPilots"], json!(false), "{steps}");
    app.click("[data-action=new-proposal]").await?;
    app.type_into("#proposal-title", "Geïnstalleerd en werkend").await?;
    app.click("[data-action=save-draft]").await?;
    app.click("[data-nav=overview]").await?;
    app.wait_text("[data-pilot]", "Geïnstalleerd en werkend").await?;
    app.screenshot("90-geinstalleerd").await?;
    app.quit().await?;
    assert!(data.path().join("ai-toets.sqlite3").is_file(), "the installed app kept its database where told");

    let verify = std::process::Command::new("/usr/bin/ai-toets-verify").arg("--help").output()?;
    let said = String::from_utf8_lossy(&verify.stdout).to_string() + &String::from_utf8_lossy(&verify.stderr);
    assert!(said.contains("ai-toets-verify"), "the installed verifier runs: {said}");
    Ok(())
}
