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
