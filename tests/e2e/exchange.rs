//! Files in the real window: a register entry starts a proposal (markup gone, Dutch intact);
//! the proposal goes out as a file and comes in again on another machine.

use std::path::Path;

use crate::harness::{artifacts, App, Display, Res};

#[tokio::test]
async fn a_register_entry_starts_a_proposal_that_travels_as_a_file() -> Res {
    let display = Display::get();
    let data = tempfile::tempdir()?;
    let out = tempfile::tempdir()?;
    let tilburg = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../assessments/tests/data/algoritmeregister/examples/gemeente-tilburg.json");
    let app = App::launch_with(&display, data.path(), out.path(), Some(&tilburg)).await?;
    app.click("[data-action=import-register]").await?;
    app.wait_text("[data-pilot-title]", "Virtuele gemeente assistent Gem").await?;
    let considerations = app.wait_css("[data-intake=alternatives]").await?.prop("value").await?.unwrap_or_default();
    assert!(considerations.contains("geïnformeerd"), "{considerations}");
    assert!(!considerations.contains("<p>"), "markup removed: {considerations}");
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
