//! Loading a revised framework in the real window: new assessments take the new version, an
//! earlier assessment keeps its own.

use std::path::Path;

use crate::harness::{artifacts, App, Display, Res};

async fn new_draft(app: &App, title: &str) -> Res {
    app.click("[data-nav=overview]").await?;
    app.click("[data-action=new-proposal]").await?;
    app.type_into("#proposal-title", title).await?;
    app.click("[data-action=save-draft]").await?;
    app.wait_text("[data-pilot-title]", title).await?;
    Ok(())
}

async fn framework_version_of(app: &App, title: &str) -> Res<String> {
    app.click("[data-nav=overview]").await?;
    app.wait_text("table.pilots", title).await?;
    let link = app.client.find_all(fantoccini::Locator::Css("[data-pilot]")).await?.into_iter();
    for el in link {
        if el.text().await? == title {
            el.click().await?;
            app.click("[data-tab=review]").await?;
            let el = app.wait_css("[data-framework-version]").await?;
            return Ok(el.attr("data-framework-version").await?.unwrap_or_default());
        }
    }
    Err(format!("no pilot {title:?} in the overview").into())
}

#[tokio::test]
async fn a_loaded_revision_leaves_an_earlier_assessment_on_its_version() -> Res {
    let display = Display::get();
    let data = tempfile::tempdir()?;
    let revision =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../assessments/tests/data/revisions/overbetuwe-2026.4.toml");
    let app = App::launch_with(&display, data.path(), &artifacts(), Some(&revision)).await?;

    new_draft(&app, "Wmo-prognose vóór de herziening").await?;
    app.click("[data-nav=framework]").await?;
    app.click("[data-action=load-framework]").await?;
    app.wait_text("[data-notice=ok]", "Versie 2026.4 is geladen").await?;
    app.wait_text("[data-version='2026.4'] .badge", "Geldt nu").await?;
    app.click("[data-version='2026.4'] summary").await?;
    app.wait_text("[data-version='2026.4'] [data-change=added]", "camerabeelden").await?;
    app.screenshot("13-toetsingskader-herzien").await?;

    new_draft(&app, "Schrijfhulp na de herziening").await?;
    assert_eq!(framework_version_of(&app, "Wmo-prognose vóór de herziening").await?, "2026.3");
    assert_eq!(framework_version_of(&app, "Schrijfhulp na de herziening").await?, "2026.4");
    app.quit().await?;
    Ok(())
}
