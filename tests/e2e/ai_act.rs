//! The AI Act wizard and its duty dates in the real window: a "weet ik niet" that decides the
//! class is named on screen, and a newer version of the duty dates loads and shows its sources.

use std::path::Path;

use crate::harness::{answer_wizard, artifacts, wizard_answers, App, Display, Res};

#[tokio::test]
async fn an_unknown_that_decides_the_class_is_named_and_newer_duty_dates_load() -> Res {
    let display = Display::get();
    let data = tempfile::tempdir()?;
    let dates = Path::new(env!("CARGO_MANIFEST_DIR")).join("../assessments/tests/data/dates/dates-2026.3.toml");
    let app = App::launch_with(&display, data.path(), &artifacts(), Some(&dates)).await?;

    // A project lead does not know whether the system scores people as art. 5(1)(c) words it.
    app.click("[data-action=new-proposal]").await?;
    app.type_into("#proposal-title", "Signalering schulden").await?;
    answer_wizard(&app, &wizard_answers("weet-niet-verbod")).await?;
    app.wait_text("[data-risk-class]", "Verboden").await?;
    app.wait_text("[data-wizard-deciding]", "alleen aanhouden of negatief").await?;
    app.wait_text("[data-wizard-deciding]", "sociale gedrag").await?;
    app.screenshot_at("[data-wizard-deciding]", "23-beslishulp-weet-ik-niet").await?;
    app.click("[data-action=save-draft]").await?;
    app.wait_text("[data-pilot-title]", "Signalering schulden").await?;

    // The duty dates: the shipped version marks the Omnibus dates as not yet in force; the
    // secretary loads the newer version and the wizard's duties take its dates.
    app.click("[data-nav=framework]").await?;
    app.wait_text("[data-duty-date=high_risk_annex_iii]", "nog niet van kracht").await?;
    app.click("[data-action=load-duty-dates]").await?;
    app.wait_text("[data-notice=ok]", "Versie 2026.3 van de data is geladen").await?;
    app.wait_css("[data-duty-dates-version='2026.3']").await?;
    let row = app.wait_text("[data-duty-date=high_risk_annex_iii]", "2026/1234").await?;
    assert!(!row.contains("nog niet van kracht"), "{row}");
    app.wait_text("[data-duty-date=transparency]", "2 december 2026").await?;
    app.screenshot_at("[data-duty-dates]", "24-data-van-de-ai-verordening").await?;
    app.quit().await?;
    Ok(())
}
