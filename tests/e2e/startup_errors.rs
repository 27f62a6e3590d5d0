//! A database the app cannot use gives a clear message in the window, not a crash.

use assessments::{Assessments, SqliteStore};

use crate::harness::{artifacts, App, Display, Res};

#[tokio::test]
async fn a_corrupt_database_is_named_in_plain_dutch() -> Res {
    let display = Display::get();
    let data = tempfile::tempdir()?;
    std::fs::write(data.path().join("ai-toets.sqlite3"), "geen database ".repeat(500))?;
    let app = App::launch(&display, data.path(), &artifacts()).await?;
    let text = app.wait_text("[data-notice=error]", "beschadigd").await?;
    assert!(text.contains("ai-toets.sqlite3"), "{text}");
    // The check on open failed too: the overview says so, and never that all is well.
    let failed = app.wait_text("[data-integrity-failed]", "kon niet worden uitgevoerd").await?;
    assert!(failed.contains("beschadigd"), "{failed}");
    app.screenshot("11-database-beschadigd").await?;
    app.quit().await?;
    assert_eq!(
        std::fs::read_to_string(data.path().join("ai-toets.sqlite3"))?,
        "geen database ".repeat(500),
        "left untouched"
    );
    Ok(())
}

#[tokio::test]
async fn a_read_only_database_can_be_read_and_says_why_saving_fails() -> Res {
    let display = Display::get();
    let data = tempfile::tempdir()?;
    let db = data.path().join("ai-toets.sqlite3");
    {
        let mut s = Assessments::new(Box::new(SqliteStore::open(&db)?));
        s.create(assessments::Proposal { title: "Bestaande pilot".into(), ..Default::default() })?;
    }
    let _guard = Immutable::make(&db);
    let app = App::launch(&display, data.path(), &artifacts()).await?;
    app.wait_text("[data-pilot]", "Bestaande pilot").await?;
    app.click("[data-action=new-proposal]").await?;
    app.type_into("#proposal-title", "Nieuwe pilot").await?;
    app.click("[data-action=save-draft]").await?;
    app.wait_text("[data-notice=error]", "alleen-lezen").await?;
    app.screenshot("12-database-alleen-lezen").await?;
    app.quit().await?;
    Ok(())
}

/// chmod is not enough for root; `chattr +i` is. Undone on drop.
struct Immutable(std::path::PathBuf);

impl Immutable {
    fn make(path: &std::path::Path) -> Self {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o444)).expect("chmod");
        if std::fs::OpenOptions::new().append(true).open(path).is_ok() {
            let ok = std::process::Command::new("chattr").arg("+i").arg(path).status().is_ok_and(|s| s.success());
            assert!(ok, "cannot make a read-only file here");
        }
        Self(path.to_path_buf())
    }
}

impl Drop for Immutable {
    fn drop(&mut self) {
        let _ = std::process::Command::new("chattr").arg("-i").arg(&self.0).status();
    }
}

#[tokio::test]
async fn an_edit_made_behind_the_apps_back_is_shown_on_open() -> Res {
    let display = Display::get();
    let data = tempfile::tempdir()?;
    let app = App::launch(&display, data.path(), &artifacts()).await?;
    let created = app
        .invoke("create_pilot", serde_json::json!({ "proposal": { "title": "Wmo-prognose", "projectLead": "", "department": "", "description": "", "purpose": "Plannen", "dataUsed": "" } }))
        .await?
        .map_err(|e| e.to_string())?;
    assert!(created["pilot"]["id"].is_string());
    app.quit().await?;

    let db = data.path().join("ai-toets.sqlite3");
    let sql = "UPDATE pilots SET proposal = json_set(proposal, '$.purpose', 'Stiekem aangepast');";
    let out = std::process::Command::new("sqlite3").arg(&db).arg(sql).output()?;
    assert!(out.status.success(), "a draft can be changed with sqlite3: {}", String::from_utf8_lossy(&out.stderr));

    let app = App::launch(&display, data.path(), &artifacts()).await?;
    let text = app.wait_text("[data-integrity]", "Buiten AI-toets om gewijzigd").await?;
    assert!(text.contains("Wmo-prognose"), "{text}");
    app.screenshot("19-buiten-de-app-gewijzigd").await?;
    app.quit().await?;
    Ok(())
}
