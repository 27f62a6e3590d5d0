//! Hostile import: 200 script-injection payloads (script tags, event handlers, `javascript:`
//! URLs, SVG and MathML tricks, template syntax, attempts to call the app's commands from page
//! script) spread over every text field of a handful of imported proposals. In the real window each
//! shows as text and none runs: no script side effect, no element a payload tried to make, and
//! no command call beyond the test's own (the audit trail records every write).

use serde_json::{json, Value};

use crate::harness::{artifacts, ok, App, Display, Res};

/// Each template makes a few payloads; `N` becomes the payload's number, so a side effect
/// names its payload.
const TEMPLATES: &[&str] = &[
    "<script>window.__xss=N</script>",
    "<img src=x onerror=\"window.__xss=N\">",
    "<svg onload=\"window.__xss=N\"></svg>",
    "<svg><script>window.__xss=N</script></svg>",
    "<a href=\"javascript:window.__xss=N\">klik N</a>",
    "\"><img src=x onerror=window.__xss=N>",
    "'><script>window.__xss=N</script>",
    "<iframe srcdoc=\"<script>parent.__xss=N</script>\"></iframe>",
    "<details open ontoggle=\"window.__xss=N\">",
    "<body onload=\"window.__xss=N\">",
    "<img src=x onerror=\"__TAURI_INTERNALS__.invoke('create_pilot',{proposal:{title:'PWNED N'}})\">",
    "<script>__TAURI_INTERNALS__.invoke('set_signing_policy',{policy:{requiredRoles:['member']}})</script>",
    "<img src=x onerror=\"fetch('http://ipc.localhost/start_review',{method:'POST'});window.__xss=N\">",
    "<style>@import 'http://evil.example/N.css';</style>",
    "<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=N>",
    "{@html '<img src=x onerror=window.__xss=N>'}",
    "${window.__xss=N}",
    "{{window.__xss=N}}",
    "<input autofocus onfocus=\"window.__xss=N\">",
    "<object data=\"javascript:window.__xss=N\"></object>",
    "<meta http-equiv=\"refresh\" content=\"0;url=javascript:window.__xss=N\">",
    "<form action=\"javascript:window.__xss=N\"><button>ga N</button></form>",
    "javascript:window.__xss=N",
    "<video><source onerror=\"window.__xss=N\"></video>",
    "<marquee onstart=\"window.__xss=N\">tekst N</marquee>",
];

fn payloads() -> Vec<String> {
    (0..200).map(|n| TEMPLATES[n % TEMPLATES.len()].replace('N', &n.to_string())).collect()
}

/// Proposals that together carry every payload, in every kind of text field: name,
/// lead, department, description, purpose, data, the intake fields and the project lead's
/// answers and evidence for the first area's questions.
fn proposals(payloads: &[String]) -> Vec<assessments::Proposal> {
    let now = time::OffsetDateTime::now_utc();
    let framework = assessments::sample::framework(now).expect("framework");
    let first_area: Vec<String> = framework.areas[0].questions.iter().map(|q| q.id.clone()).collect();
    let mut next = payloads.iter().cloned().peekable();
    let mut proposals = Vec::new();
    while next.peek().is_some() {
        let mut p = assessments::sample::proposal(proposals.len());
        let mut take = |k: usize| next.by_ref().take(k).collect::<Vec<_>>().join("\n");
        p.title = take(1);
        p.project_lead = take(1);
        p.department = take(1);
        p.description = take(3);
        p.purpose = take(3);
        p.data_used = take(3);
        for f in assessments::intake::fields() {
            if matches!(f.kind, assessments::intake::FieldKind::Line | assessments::intake::FieldKind::Text)
                && f.max >= 100
            {
                let value = take(1);
                if !value.is_empty() {
                    p.details.insert(f.key.to_string(), value);
                }
            }
        }
        for q in &first_area {
            let (answer, evidence) = (take(1), take(1));
            if !answer.is_empty() {
                p.question_answers.insert(q.clone(), assessments::pilot::LeadAnswer { answer, evidence });
            }
        }
        proposals.push(p);
    }
    proposals
}

/// Everything the window shows as text, plus the values of its form fields.
const VISIBLE: &str = "return document.body.innerText + '\\n' + \
    [...document.querySelectorAll('input, textarea')].map((e) => e.value).join('\\n');";

/// What would show that a payload ran or became markup.
const SIDE_EFFECTS: &str = "return { xss: window.__xss ?? null, elements: document.querySelectorAll(\
    '[onerror], [onload], [ontoggle], [onfocus], [onstart], iframe, object, video, marquee, math, \
     a[href^=\"javascript\"], form[action^=\"javascript\"], main script, main style, main meta, main base').length };";

#[tokio::test]
async fn two_hundred_injection_payloads_show_as_text_and_none_runs() -> Res {
    let payloads = payloads();
    let proposals = proposals(&payloads);
    let carried: usize = proposals
        .iter()
        .map(|p| serde_json::to_string(p).map(|j| payloads.iter().filter(|x| j.contains(&json_text(x))).count()))
        .sum::<Result<usize, _>>()?;
    assert!(carried >= 200, "the proposals carry only {carried} payloads");

    let display = Display::get();
    let data = tempfile::tempdir()?;
    let files = tempfile::tempdir()?;
    let file = files.path().join("voorstel.json");
    std::fs::write(&file, b"{}")?;
    let app = App::launch_with(&display, data.path(), &artifacts(), Some(&file)).await?;
    app.wait_text("main", "Er zijn nog geen pilots").await?;

    let mut ids = Vec::new();
    for p in &proposals {
        let text = assessments::exchange::proposal_file(p, time::OffsetDateTime::now_utc())?;
        std::fs::write(&file, text)?;
        app.click("[data-nav=overview]").await?;
        app.click("[data-action=import-proposal]").await?;
        app.wait_text("main", "Het voorstel is geïmporteerd").await?;
        let listed = ok(&app, "list_pilots", json!({})).await?;
        let id =
            listed.as_array().and_then(|l| l.iter().find(|x| x["title"] == json!(p.title))).map(|x| x["id"].clone());
        ids.push(id.ok_or("imported pilot not listed")?);
    }
    for id in &ids {
        ok(&app, "start_review", json!({ "id": id })).await?;
    }
    let writes = ok(&app, "integrity", json!({})).await?["entries"].clone();

    // Every screen that shows the proposals' text: the overview, each pilot's walk-through
    // (the lead's answers as text) and its proposal form (every field).
    let mut seen = String::new();
    app.click("[data-nav=overview]").await?;
    app.wait_css("[data-pilot]").await?;
    seen.push_str(app.client.execute(VISIBLE, vec![]).await?.as_str().unwrap_or_default());
    for (i, id) in ids.iter().enumerate() {
        app.click("[data-nav=overview]").await?;
        app.click(&format!("[data-pilot='{}']", id.as_str().unwrap_or_default())).await?;
        app.wait_css("[data-tab=review][aria-current=page]").await?;
        app.wait_css("[data-question]").await?;
        seen.push_str(app.client.execute(VISIBLE, vec![]).await?.as_str().unwrap_or_default());
        if i == 0 {
            app.screenshot("20-vijandige-invoer-beoordeling").await?;
        }
        app.click("[data-tab=proposal]").await?;
        app.wait_css("#proposal-title").await?;
        seen.push_str(app.client.execute(VISIBLE, vec![]).await?.as_str().unwrap_or_default());
        let effects = app.client.execute(SIDE_EFFECTS, vec![]).await?;
        assert_eq!(effects, json!({ "xss": null, "elements": 0 }), "a payload ran or became markup on pilot {i}");
    }
    app.screenshot("21-vijandige-invoer-voorstel").await?;

    let missing: Vec<_> = payloads.iter().filter(|p| !seen.contains(p.as_str())).collect();
    assert!(missing.is_empty(), "{} payloads not shown as text, e.g. {:?}", missing.len(), missing.first());
    assert_eq!(app.client.execute(SIDE_EFFECTS, vec![]).await?["xss"], Value::Null);

    // No command ran that the test did not make: no new pilot, the signing policy as it was,
    // and not one write more in the audit trail.
    let listed = ok(&app, "list_pilots", json!({})).await?;
    assert_eq!(listed.as_array().map(Vec::len), Some(proposals.len()), "{listed}");
    assert!(!listed.to_string().contains("PWNED"));
    let policy = ok(&app, "signing_policy", json!({})).await?;
    assert_eq!(policy, json!({ "requiredRoles": ["chair", "secretary"] }));
    let after = ok(&app, "integrity", json!({})).await?["entries"].clone();
    assert_eq!(after, writes, "no write happened while the payloads were on screen");
    app.quit().await?;
    Ok(())
}

/// How `text` appears inside a JSON string.
fn json_text(text: &str) -> String {
    let quoted = serde_json::to_string(text).unwrap_or_default();
    quoted[1..quoted.len() - 1].to_string()
}
