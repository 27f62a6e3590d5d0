//! Starting the display, the driver and the app; small helpers to act like a user.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{elements::Element, Client, ClientBuilder, Locator};
use serde_json::{json, Value};

pub type Res<T = ()> = Result<T, Box<dyn std::error::Error>>;

/// Where screenshots and exported files go: `<repo>/artifacts/e2e/`.
pub fn artifacts() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../artifacts/e2e");
    std::fs::create_dir_all(&dir).expect("artifacts dir");
    dir
}

fn app_binary() -> PathBuf {
    let path = std::env::var_os("AI_TOETS_E2E_APP").map(PathBuf::from).unwrap_or_else(|| {
        // <target>/debug/deps/e2e-<hash> → <target>/debug/ai-toets
        let exe = std::env::current_exe().expect("test exe");
        exe.parent().and_then(Path::parent).expect("target dir").join("ai-toets")
    });
    assert!(
        path.exists(),
        "app not built: {} (run `cargo build -p ai-toets --features e2e`, or the README's test command)",
        path.display()
    );
    path
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port()).expect("free port")
}

/// A child process in its own process group; the whole group (driver, WebKitWebDriver, the
/// app) is killed when dropped, also when a test fails half-way.
struct Reaped(Child);

impl Reaped {
    fn spawn(cmd: &mut Command) -> std::io::Result<Self> {
        use std::os::unix::process::CommandExt;
        cmd.process_group(0).spawn().map(Reaped)
    }
}

impl Drop for Reaped {
    fn drop(&mut self) {
        let group = format!("-{}", self.0.id());
        let _ = Command::new("kill").args(["-TERM", "--", &group]).status();
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// An X display: the one in `DISPLAY`, or a private Xvfb.
pub struct Display {
    pub name: String,
    _xvfb: Option<Reaped>,
}

impl Display {
    pub fn get() -> Self {
        if let Ok(name) = std::env::var("DISPLAY") {
            if !name.is_empty() {
                return Self { name, _xvfb: None };
            }
        }
        let n = 90 + (std::process::id() % 9);
        let name = format!(":{n}");
        let child = Reaped::spawn(
            Command::new("Xvfb")
                .args([name.as_str(), "-screen", "0", "1280x800x24", "-nolisten", "tcp"])
                .stdout(Stdio::null())
                .stderr(Stdio::null()),
        )
        .expect("Xvfb is needed (apt-get install xvfb)");
        std::thread::sleep(Duration::from_millis(800));
        Self { name, _xvfb: Some(child) }
    }
}

/// One running app in its own data folder, with a WebDriver session on it.
pub struct App {
    pub client: Client,
    _driver: Reaped,
}

impl App {
    /// Launches the app on `display` with its database in `data_dir`.
    pub async fn launch(display: &Display, data_dir: &Path, save_dir: &Path) -> Res<App> {
        Self::launch_with(display, data_dir, save_dir, None).await
    }

    /// As [`App::launch`], with the file the (e2e build's) open dialog answers with.
    pub async fn launch_with(
        display: &Display,
        data_dir: &Path,
        save_dir: &Path,
        open_file: Option<&Path>,
    ) -> Res<App> {
        Self::launch_ahead(display, data_dir, save_dir, open_file, 0).await
    }

    /// As [`App::launch_with`], with the (e2e build's) clock `days_ahead` days ahead of today.
    pub async fn launch_ahead(
        display: &Display,
        data_dir: &Path,
        save_dir: &Path,
        open_file: Option<&Path>,
        days_ahead: i64,
    ) -> Res<App> {
        Self::start(display, data_dir, save_dir, open_file, days_ahead, &[]).await
    }

    /// As [`App::launch`], with more environment variables for the app: `AI_TOETS_DATABASE`
    /// for a shared server, `AI_TOETS_E2E_SECOND_WINDOW` for an app beside one already running.
    /// Every app gets a tauri-driver of its own, on two free ports of its own (`--port`,
    /// `--native-port`), in a session bus of its own, so apps can run side by side.
    pub async fn launch_env(display: &Display, data_dir: &Path, save_dir: &Path, env: &[(&str, &str)]) -> Res<App> {
        Self::start(display, data_dir, save_dir, None, 0, env).await
    }

    async fn start(
        display: &Display,
        data_dir: &Path,
        save_dir: &Path,
        open_file: Option<&Path>,
        days_ahead: i64,
        env: &[(&str, &str)],
    ) -> Res<App> {
        let port = free_port();
        let native_port = free_port();
        let driver = which("tauri-driver").expect("tauri-driver is needed (cargo install tauri-driver --locked)");
        // A private session bus per run: the single-instance plugin and WebKit's
        // accessibility bridge want one, and Xvfb has none.
        let mut cmd = Command::new("dbus-run-session");
        cmd.arg("--")
            .arg(driver)
            .args(["--port", &port.to_string(), "--native-port", &native_port.to_string()])
            .env("DISPLAY", &display.name)
            .env("NO_AT_BRIDGE", "1")
            .env("AI_TOETS_DATA_DIR", data_dir)
            .env("AI_TOETS_E2E_SAVE_DIR", save_dir)
            .env("AI_TOETS_E2E_OPEN_FILE", open_file.unwrap_or(Path::new("")))
            .env("AI_TOETS_E2E_DAYS_AHEAD", days_ahead.to_string())
            .envs(env.iter().copied())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        let driver = Reaped::spawn(&mut cmd).expect("start tauri-driver under dbus-run-session (apt-get install dbus)");

        let mut caps = serde_json::Map::new();
        caps.insert("tauri:options".into(), json!({ "application": app_binary() }));
        let url = format!("http://127.0.0.1:{port}");
        let started = Instant::now();
        let client = loop {
            match ClientBuilder::native().capabilities(caps.clone()).connect(&url).await {
                Ok(c) => break c,
                Err(e) if started.elapsed() < Duration::from_secs(30) => {
                    let _ = e;
                    tokio::time::sleep(Duration::from_millis(300)).await;
                }
                Err(e) => return Err(format!("no WebDriver session after 30 s: {e}").into()),
            }
        };
        let app = App { client, _driver: driver };
        app.wait_css("h1").await?;
        Ok(app)
    }

    /// Closes the window: the app quits, as when a user closes it.
    pub async fn quit(self) -> Res {
        self.client.close().await?;
        tokio::time::sleep(Duration::from_millis(500)).await;
        Ok(())
    }

    pub async fn wait_css(&self, css: &str) -> Res<Element> {
        match self.client.wait().at_most(Duration::from_secs(15)).for_element(Locator::Css(css)).await {
            Ok(el) => Ok(el),
            Err(e) => {
                self.failure_screenshot().await;
                Err(format!("waiting for {css}: {e}").into())
            }
        }
    }

    /// What the window showed when a step failed: `artifacts/e2e/failure.png`.
    pub async fn failure_screenshot(&self) {
        let _ = self.shot("failure").await;
    }

    /// Waits until the element matching `css` has text containing `needle`.
    pub async fn wait_text(&self, css: &str, needle: &str) -> Res<String> {
        let started = Instant::now();
        loop {
            if let Ok(el) = self.client.find(Locator::Css(css)).await {
                if let Ok(text) = el.text().await {
                    if text.contains(needle) {
                        return Ok(text);
                    }
                    if started.elapsed() > Duration::from_secs(15) {
                        self.failure_screenshot().await;
                        return Err(format!("{css} shows {text:?}, not {needle:?}").into());
                    }
                }
            } else if started.elapsed() > Duration::from_secs(15) {
                self.failure_screenshot().await;
                return Err(format!("{css} never appeared (waiting for {needle:?})").into());
            }
            tokio::time::sleep(Duration::from_millis(150)).await;
        }
    }

    pub async fn click(&self, css: &str) -> Res {
        let el = self.wait_css(css).await?;
        // In the middle of the window first: at its bottom edge a click can land on the footer.
        let center = "arguments[0].scrollIntoView({ block: 'center', inline: 'nearest' });";
        self.client.execute(center, vec![serde_json::to_value(&el)?]).await?;
        el.click().await.map_err(|e| format!("click {css}: {e}"))?;
        Ok(())
    }

    /// Types into a field as a user does (key events), after clearing it.
    pub async fn type_into(&self, css: &str, text: &str) -> Res {
        let el = self.wait_css(css).await?;
        // In the middle of the window, as for a click: WebKit's driver does not scroll to a
        // field before clearing it.
        let center = "arguments[0].scrollIntoView({ block: 'center', inline: 'nearest' });";
        self.client.execute(center, vec![serde_json::to_value(&el)?]).await?;
        if let Err(e) = el.clear().await {
            self.failure_screenshot().await;
            return Err(format!("clear {css}: {e}").into());
        }
        el.send_keys(text).await.map_err(|e| format!("type into {css}: {e}"))?;
        Ok(())
    }

    /// Sets a field or a select the way the browser does when a value is picked: value, then
    /// `input` and `change` events. A date field takes `YYYY-MM-DD` too.
    pub async fn set_value(&self, css: &str, value: &str) -> Res {
        let el = self.wait_css(css).await?;
        let script =
            "arguments[0].value = arguments[1]; for (const e of ['input', 'change']) arguments[0].dispatchEvent(new Event(e, { bubbles: true }));";
        self.client.execute(script, vec![serde_json::to_value(&el)?, json!(value)]).await?;
        Ok(())
    }

    /// Presses keys on whatever has the focus, as a person at the keyboard does (no element
    /// is clicked or focused by WebDriver). Special keys as `fantoccini::key::Key` chars.
    pub async fn press(&self, keys: &str) -> Res {
        use fantoccini::actions::{InputSource, KeyAction, KeyActions};
        let mut actions = KeyActions::new("keyboard".into());
        for c in keys.chars() {
            actions = actions.then(KeyAction::Down { value: c }).then(KeyAction::Up { value: c });
        }
        self.client.perform_actions(actions).await?;
        self.client.release_actions().await?;
        Ok(())
    }

    pub async fn texts(&self, css: &str) -> Res<Vec<String>> {
        let mut out = Vec::new();
        for el in self.client.find_all(Locator::Css(css)).await? {
            out.push(el.text().await?);
        }
        Ok(out)
    }

    /// Saves what the window shows as `artifacts/e2e/<name>.png`, after checking the screen
    /// ([`App::check_screen`]): every screen the suite photographs is checked.
    pub async fn screenshot(&self, name: &str) -> Res {
        self.client.execute("window.scrollTo(0, 0)", vec![]).await?;
        self.shot(name).await?;
        self.check_screen(name).await
    }

    /// Saves what the window shows with the element matching `css` scrolled into view.
    pub async fn screenshot_at(&self, css: &str, name: &str) -> Res {
        let el = self.wait_css(css).await?;
        self.client
            .execute("arguments[0].scrollIntoView({ block: 'start' })", vec![serde_json::to_value(&el)?])
            .await?;
        self.shot(name).await?;
        self.check_screen(name).await
    }

    /// Checks the screen as it is: axe-core with the WCAG 2.0 and 2.1 A and AA rules (the
    /// result in `artifacts/axe/<name>.json`; a violation fails the test), and, while English
    /// is chosen, that no Dutch text of the catalogue or Dutch sentence is on it.
    pub async fn check_screen(&self, name: &str) -> Res {
        let report = self.axe().await?;
        let dir = artifacts().join("../axe");
        std::fs::create_dir_all(&dir)?;
        std::fs::write(dir.join(format!("{name}.json")), serde_json::to_string_pretty(&report)?)?;
        let violations = report["violations"].as_array().cloned().unwrap_or_default();
        if !violations.is_empty() {
            let said: Vec<String> = violations
                .iter()
                .map(|v| {
                    let nodes: Vec<String> = v["nodes"]
                        .as_array()
                        .map(|n| {
                            n.iter()
                                .take(3)
                                .map(|n| n["html"].as_str().unwrap_or_default().chars().take(160).collect())
                                .collect()
                        })
                        .unwrap_or_default();
                    format!("{} ({}): {}\n    {}", v["id"], v["impact"], v["help"], nodes.join("\n    "))
                })
                .collect();
            return Err(format!("axe: {} violation(s) on {name}:\n{}", violations.len(), said.join("\n")).into());
        }
        let dutch = self
            .client
            .execute(
                "return document.documentElement.lang === 'en' && window.__aiToetsDutchOnScreen ? window.__aiToetsDutchOnScreen() : [];",
                vec![],
            )
            .await?;
        let dutch: Vec<String> = serde_json::from_value(dutch).unwrap_or_default();
        if !dutch.is_empty() {
            return Err(format!("Dutch text on {name} while English is chosen:\n  {}", dutch.join("\n  ")).into());
        }
        Ok(())
    }

    /// Runs axe-core (from `ui/node_modules`, injected as WebDriver script) on the page with
    /// the WCAG 2.0/2.1 A and AA rules; returns its results.
    pub async fn axe(&self) -> Res<Value> {
        let loaded = self.client.execute("return typeof window.axe === 'object';", vec![]).await?;
        if loaded != json!(true) {
            let source = std::fs::read_to_string(
                Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/node_modules/axe-core/axe.min.js"),
            )
            .map_err(|e| format!("axe-core is needed (npm --prefix ui ci): {e}"))?;
            self.client.execute(&format!("{source}\nreturn true;"), vec![]).await?;
        }
        let script = r#"
            const done = arguments[arguments.length - 1];
            window.axe
              .run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] }, resultTypes: ["violations"] })
              .then((r) => done({ violations: r.violations, passes: r.passes.length, incomplete: r.incomplete.map((i) => i.id), url: r.url, testEngine: r.testEngine }))
              .catch((e) => done({ error: String(e) }));
        "#;
        let report = self.client.execute_async(script, vec![]).await?;
        if let Some(error) = report.get("error") {
            return Err(format!("axe did not run: {error}").into());
        }
        Ok(report)
    }

    async fn shot(&self, name: &str) -> Res {
        let png = self.client.screenshot().await?;
        std::fs::write(artifacts().join(format!("{name}.png")), png)?;
        Ok(())
    }

    /// Calls a command through the page's own IPC, as the UI would; returns Ok(value) or
    /// Err(error object) as the command answered.
    pub async fn invoke(&self, command: &str, args: Value) -> Res<Result<Value, Value>> {
        let script = r#"
            const [cmd, args, done] = arguments;
            window.__TAURI_INTERNALS__.invoke(cmd, args).then(
                (v) => done({ ok: v === undefined ? null : v }),
                (e) => done({ err: e }),
            );
        "#;
        let out = self.client.execute_async(script, vec![json!(command), args]).await?;
        Ok(match out.get("ok") {
            Some(v) => Ok(v.clone()),
            None => Err(out.get("err").cloned().unwrap_or(Value::Null)),
        })
    }
}

/// Calls a command that must succeed; its answer.
pub async fn ok(app: &App, command: &str, args: Value) -> Res<Value> {
    app.invoke(command, args).await?.map_err(|e| format!("{command}: {e}").into())
}

/// The roster id of `name`, read the way the screen gets it.
pub async fn member_id(app: &App, name: &str) -> Res<String> {
    let roster = ok(app, "list_members", json!({})).await?;
    let member = roster.as_array().and_then(|r| r.iter().find(|m| m["name"] == json!(name)));
    Ok(member.and_then(|m| m["id"].as_str()).ok_or(format!("{name} is not on the roster"))?.to_string())
}

/// The passphrase every test member chooses.
pub const PASSPHRASE: &str = "vier losse woorden samen";

/// Founds the committee on the Commissie screen: the first chair and secretary, each with
/// their own passphrase. Returns the fingerprints the screen shows for their keys.
pub async fn found_committee(app: &App, chair: (&str, &str), secretary: (&str, &str)) -> Res<(String, String)> {
    app.click("[data-nav=committee]").await?;
    for (who, (name, pass)) in [("chair", chair), ("secretary", secretary)] {
        app.type_into(&format!("#found-{who}-name"), name).await?;
        app.type_into(&format!("#found-{who}-pass"), pass).await?;
        app.type_into(&format!("#found-{who}-pass2"), pass).await?;
    }
    app.click("[data-action=found-committee]").await?;
    app.wait_text("[data-notice=ok]", "De commissie is vastgesteld").await?;
    let mut keys = Vec::new();
    for name in [chair.0, secretary.0] {
        keys.push(app.wait_css(&format!("tr[data-member='{name}'] [data-fingerprint]")).await?.text().await?);
    }
    Ok((keys.remove(0), keys.remove(0)))
}

/// Types the approvers' passphrases into the approval fields inside `scope` (a form), one per
/// officer the screen asks for, by name.
pub async fn approve(app: &App, scope: &str, approvers: &[(&str, &str)]) -> Res {
    for (name, pass) in approvers {
        app.type_into(&format!("{scope} input[data-approver='{name}']"), pass).await?;
    }
    Ok(())
}

/// Adds a committee member on the Commissie screen, approved by the chair and the secretary
/// (`approvers`: their names and passphrases); returns the fingerprint the screen shows for
/// the new key.
pub async fn add_member_approved(
    app: &App,
    name: &str,
    role: &str,
    passphrase: &str,
    approvers: &[(&str, &str)],
) -> Res<String> {
    app.click("[data-nav=committee]").await?;
    app.type_into("#member-name", name).await?;
    app.set_value("#member-role", role).await?;
    app.type_into("#member-pass", passphrase).await?;
    app.type_into("#member-pass2", passphrase).await?;
    approve(app, "[data-approvals=add]", approvers).await?;
    app.click("[data-action=add-member]").await?;
    app.wait_text("[data-notice=ok]", &format!("{name} staat op de ledenlijst")).await?;
    let row = format!("tr[data-member='{name}'] [data-fingerprint]");
    Ok(app.wait_css(&row).await?.text().await?)
}

/// Founds the committee and adds `members` (name, role) through the page's IPC, as set-up for
/// tests about something else: everyone's passphrase is [`PASSPHRASE`], and the chair and the
/// secretary approve each addition. Returns the roster.
pub async fn committee_by_ipc(app: &App, chair: &str, secretary: &str, members: &[(&str, &str)]) -> Res<Value> {
    let new = |name: &str, role: &str| json!({ "name": name, "role": role, "passphrase": PASSPHRASE });
    let founded =
        ok(app, "found_committee", json!({ "chair": new(chair, "chair"), "secretary": new(secretary, "secretary") }))
            .await?;
    let approvers: Vec<Value> = founded
        .as_array()
        .into_iter()
        .flatten()
        .map(|m| json!({ "memberId": m["id"], "passphrase": PASSPHRASE }))
        .collect();
    for (name, role) in members {
        let member = json!({ "name": name, "role": role });
        ok(app, "add_member", json!({ "member": member, "passphrase": PASSPHRASE, "approvers": approvers })).await?;
    }
    ok(app, "list_members", json!({})).await
}

/// The archivist's command, `ai-toets-verify`, built by `scripts/test`.
/// A pilot titled `title` taken through the workflow by IPC: handed in, every question
/// answered *voldoet*, decided with `decision` (outcome, reasons, conditions, dates) and signed
/// by every member of `roster` (as `committee_by_ipc` gives it). Its id.
pub async fn signed_by_ipc(app: &App, roster: &Value, title: &str, decision: Value) -> Res<String> {
    let proposal = serde_json::json!({
        "title": title,
        "projectLead": "Anouk van den Brïnk", "department": "Publiekszaken",
        "description": "Een chatbot beantwoordt vragen over afval, ook ’s avonds.",
        "purpose": "Minder telefoontjes over ophaaldagen.",
        "dataUsed": "Chatberichten, zonder BSN; na 30 dagen verwijderd.",
        "aiAct": wizard_answers("chatbot-inwoners"),
        "details": complete_details(),
    });
    let id = ok(app, "create_pilot", serde_json::json!({ "proposal": proposal })).await?["pilot"]["id"]
        .as_str()
        .ok_or("id")?
        .to_string();
    ok(app, "submit_proposal", serde_json::json!({ "id": id })).await?;
    let view = ok(app, "start_review", serde_json::json!({ "id": id })).await?;
    for q in view["unanswered"].as_array().ok_or("unanswered")? {
        let answer = serde_json::json!({ "verdict": "complies", "notes": "Voldoet.", "conditions": [] });
        ok(app, "set_answer", serde_json::json!({ "id": id, "questionId": q, "answer": answer, "basedOn": { "verdict": null, "notes": "", "conditions": [] } })).await?;
    }
    ok(app, "decide", serde_json::json!({ "id": id, "decision": decision })).await?;
    for member in roster.as_array().ok_or("roster")? {
        let sign = serde_json::json!({ "id": id, "memberId": member["id"], "passphrase": PASSPHRASE });
        ok(app, "sign_decision", sign).await?;
    }
    Ok(id)
}

/// The date `days` from today, as the IPC takes dates.
pub fn in_days(days: i64) -> String {
    assessments::base::text::iso_date(time::OffsetDateTime::now_utc().date() + time::Duration::days(days))
}

pub fn verify_command() -> PathBuf {
    std::env::var_os("AI_TOETS_VERIFY").map(PathBuf::from).unwrap_or_else(|| {
        panic!("set AI_TOETS_VERIFY to the built ai-toets-verify (cargo build -p assessments --bin ai-toets-verify)")
    })
}

/// Every required intake field, filled in the window as a project lead does.
pub async fn fill_required_intake(app: &App) -> Res {
    for el in app.client.find_all(Locator::Css("[data-intake][data-required=true]")).await? {
        let key = el.attr("data-intake").await?.unwrap_or_default();
        let css = format!("[data-intake='{key}']");
        match (el.tag_name().await?.as_str(), el.attr("data-intake-kind").await?.as_deref()) {
            ("select", _) => el.select_by_index(4).await.map(|_| ())?,
            // Typed as people here write a date (the field shows dd-mm-jjjj).
            (_, Some("date")) => app.type_into(&css, "04-01-2027").await?,
            _ => app.type_into(&css, &format!("Ingevuld voor ‘{key}’: één voorbeeld.")).await?,
        }
    }
    Ok(())
}

/// The required intake fields as the commands take them (for set-ups through IPC).
pub fn complete_details() -> Value {
    json!(assessments::sample::details())
}

/// The answers of a wizard fixture in `assessments/tests/data/wizard/` (shared with the core's
/// data-driven tests), as `{question id: "yes" | "no" | "unknown"}`.
pub fn wizard_answers(fixture: &str) -> serde_json::Map<String, Value> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("../assessments/tests/data/wizard/{fixture}.toml"));
    let case: toml::Table = toml::from_str(&std::fs::read_to_string(path).expect("wizard fixture")).expect("toml");
    case["answers"]
        .as_table()
        .expect("[answers]")
        .iter()
        .map(|(k, v)| (k.clone(), json!(v.as_str().expect("answer"))))
        .collect()
}

/// Answers the wizard in the window as a project lead does: the first open question, then the
/// next one it asks, until none is open.
pub async fn answer_wizard(app: &App, answers: &serde_json::Map<String, Value>) -> Res {
    for _ in 0..200 {
        // The questions shown follow the conclusion: wait until the last one is back.
        app.wait_css("[data-wizard][data-concluding=false]").await?;
        let open = app.client.find_all(Locator::Css("[data-wizard-question].open")).await?;
        let Some(first) = open.first() else { return Ok(()) };
        let id = first.attr("data-wizard-question").await?.unwrap_or_default();
        let answer = answers
            .get(&id)
            .and_then(Value::as_str)
            .ok_or(format!("the wizard asks {id}, the fixture has no answer"))?;
        app.click(&format!("[data-wizard-question='{id}'] input[data-answer={answer}]")).await?;
        // The question closes once it has an answer.
        let started = Instant::now();
        while app.client.find_all(Locator::Css(&format!("[data-wizard-question='{id}'].open"))).await?.len() == 1 {
            if started.elapsed() > Duration::from_secs(10) {
                return Err(format!("{id} stayed open").into());
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
    Err("the wizard never finished".into())
}

fn which(name: &str) -> Option<PathBuf> {
    let from_path = std::env::var_os("PATH")
        .and_then(|paths| std::env::split_paths(&paths).map(|p| p.join(name)).find(|p| p.is_file()));
    from_path.or_else(|| {
        let home = std::env::var_os("HOME").map(PathBuf::from)?;
        let p = home.join(".cargo/bin").join(name);
        p.is_file().then_some(p)
    })
}
