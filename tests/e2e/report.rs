//! The yearly report and the dashboard in the real window (issue 14): a database of sample
//! pilots over three years; the dashboard shows the figures the core computes for this year;
//! the report is made through the save dialog, with its progress shown, and is a PDF/A.

use std::process::Command;

use crate::harness::{App, Display, Res};

#[tokio::test]
async fn the_dashboard_shows_the_sample_figures_and_the_report_is_saved_with_progress() -> Res {
    let display = Display::get();
    let data = tempfile::tempdir()?;
    let save = tempfile::tempdir()?;
    let now = time::OffsetDateTime::now_utc();
    let database = data.path().join("ai-toets.sqlite3");
    {
        let mut store = assessments::SqliteStore::open(&database)?;
        assessments::sample::fill_years(&mut store, 300, now)?;
    }
    // What the core says, on a copy (the app has the file open).
    let copy = data.path().join("kopie.sqlite3");
    std::fs::copy(&database, &copy)?;
    let expected = assessments::Assessments::new(Box::new(assessments::SqliteStore::open(&copy)?)).dashboard()?;

    let app = App::launch(&display, data.path(), save.path()).await?;
    app.click("[data-nav=dashboard]").await?;
    app.wait_css("[data-figure=decided] .now").await?;
    for figure in &expected.key_figures {
        let shown = figure.now.map_or("—".to_string(), |n| n.to_string());
        app.wait_text(&format!("[data-figure='{}'] .now", figure.key), &shown).await?;
    }
    assert!(expected.key_figures.iter().any(|f| f.key == "decided" && f.now.unwrap_or(0) > 0), "{expected:?}");
    app.screenshot("40-dashboard").await?;
    app.screenshot_at(".charts", "40b-dashboard-grafieken").await?;
    app.screenshot_at("[data-chart=heat-map]", "40c-dashboard-heatmap").await?;

    // The report for this year as PDF: the progress bar shows while it is made.
    app.click("[data-action=export-report-pdf]").await?;
    let mut saw_progress = false;
    for _ in 0..600 {
        if !app.client.find_all(fantoccini::Locator::Css("[data-testid=report-progress]")).await?.is_empty() {
            saw_progress = true;
        }
        if !app.client.find_all(fantoccini::Locator::Css("[data-testid=report-done]")).await?.is_empty() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    app.wait_css("[data-testid=report-done]").await?;
    assert!(saw_progress, "the progress bar showed while the report was made");
    app.screenshot("41-jaarrapportage-opgeslagen").await?;
    let pdf = std::fs::read_dir(save.path())?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|e| e == "pdf"))
        .ok_or("no PDF in the save folder")?;
    let info = Command::new("pdfinfo").arg("-meta").arg(&pdf).output()?;
    assert!(String::from_utf8_lossy(&info.stdout).contains("<pdfaid:part>3</pdfaid:part>"));
    let text = String::from_utf8(Command::new("pdftotext").arg(&pdf).arg("-").output()?.stdout)?;
    assert!(text.contains(&format!("Jaarrapportage AI-toetsing {}", now.year())), "{text}");
    std::fs::copy(&pdf, crate::harness::artifacts().join("jaarrapportage.pdf"))?;
    app.quit().await?;
    Ok(())
}

#[tokio::test]
async fn the_report_is_adopted_and_signed_by_chair_and_secretary_in_the_window() -> Res {
    let display = Display::get();
    let data = tempfile::tempdir()?;
    let save = tempfile::tempdir()?;
    let app = App::launch(&display, data.path(), save.path()).await?;
    let members = crate::harness::committee_by_ipc(&app, "Marieke de Vries", "Joost Ëlberts", &[]).await?;
    let id_of = |name: &str| {
        members
            .as_array()
            .into_iter()
            .flatten()
            .find(|m| m["name"] == name)
            .and_then(|m| m["id"].as_str())
            .map(String::from)
    };
    app.click("[data-nav=dashboard]").await?;
    app.type_into("#adopt-by", "Joost Ëlberts").await?;
    app.click("[data-action=adopt-report]").await?;
    let item = app.wait_css("[data-adopted]").await?;
    let report = item.attr("data-adopted").await?.ok_or("the adopted report's id")?;
    for (name, role) in [("Marieke de Vries", "chair"), ("Joost Ëlberts", "secretary")] {
        app.set_value(&format!("[data-adopted='{report}'] [data-report-signer]"), &id_of(name).ok_or("member")?)
            .await?;
        app.type_into(&format!("#report-passphrase-{report}"), crate::harness::PASSPHRASE).await?;
        app.click(&format!("[data-adopted='{report}'] [data-action=sign-report]")).await?;
        app.wait_text(&format!("[data-adopted='{report}'] [data-report-signature={role}]"), name).await?;
    }
    app.wait_text(&format!("[data-adopted='{report}']"), "Alle nodige handtekeningen staan erop").await?;
    let valid = app.texts("[data-report-signature][data-valid=true]").await?;
    assert_eq!(valid.len(), 2, "{valid:?}");
    app.screenshot_at(&format!("[data-adopted='{report}']"), "42-jaarrapportage-ondertekend").await?;
    app.click(&format!("[data-adopted='{report}'] [data-action=export-adopted]")).await?;
    app.wait_css("[data-testid=adopted-saved]").await?;
    let pdf = std::fs::read_dir(save.path())?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|e| e == "pdf"))
        .ok_or("no PDF in the save folder")?;
    let text = String::from_utf8(Command::new("pdftotext").arg(&pdf).arg("-").output()?.stdout)?;
    for expected in ["Vastgesteld en ondertekend", "Marieke de Vries (voorzitter)", "Joost Ëlberts (secretaris)"] {
        assert!(text.contains(expected), "{expected} not in:\n{text}");
    }
    std::fs::copy(&pdf, crate::harness::artifacts().join("jaarrapportage-vastgesteld.pdf"))?;
    app.quit().await?;
    Ok(())
}
