//! The list of commands, shared by the app and by the TypeScript bindings in
//! `ui/src/lib/bindings.ts`. A test fails when the committed bindings drift from Rust; run
//! `UPDATE_BINDINGS=1 cargo test -p ai-toets bindings` to regenerate them.

use tauri_specta::{collect_commands, Builder};

use crate::commands::{
    ai_act, archive, attachments, backup, committee, database, exchange, export, followup, frameworks, intake,
    integrity, meetings, pilots, preferences, report, review, signing, start,
};

#[cfg(test)]
include!("command_names.rs");

pub fn builder() -> Builder<tauri::Wry> {
    Builder::<tauri::Wry>::new().disable_serde_phases().commands(collect_commands![
        pilots::list_pilots,
        database::database,
        database::set_database,
        database::move_database,
        database::audit_head,
        pilots::search_pilots,
        pilots::get_pilot,
        pilots::check_proposal,
        pilots::create_pilot,
        pilots::update_proposal,
        pilots::submit_proposal,
        review::start_review,
        review::set_answer,
        review::decide,
        review::reopen_review,
        signing::sign_decision,
        committee::list_members,
        committee::add_member,
        committee::rotate_key,
        committee::roster_status,
        committee::found_committee,
        committee::adopt_roster,
        committee::change_role,
        committee::end_membership,
        committee::replace_key,
        committee::declare_compromised,
        committee::export_roster,
        committee::signing_policy,
        committee::set_signing_policy,
        export::export_pdf,
        frameworks::framework_versions,
        frameworks::load_framework,
        meetings::list_meetings,
        meetings::agenda_candidates,
        meetings::get_meeting,
        meetings::create_meeting,
        meetings::update_meeting,
        meetings::declare_conflict,
        meetings::withdraw_conflict,
        meetings::cast_vote,
        meetings::set_minority_opinion,
        meetings::open_minutes,
        meetings::close_minutes,
        meetings::minutes_status,
        committee::confirm_log,
        ai_act::ai_act_wizard,
        ai_act::conclude_ai_act,
        ai_act::duty_dates_versions,
        ai_act::load_duty_dates,
        followup::report_condition,
        followup::confirm_condition,
        followup::change_life_stage,
        followup::due,
        followup::record_publication,
        report::dashboard,
        report::export_yearly_report,
        report::adopt_report,
        report::sign_report,
        report::adopted_reports,
        report::export_adopted_report,
        archive::transfer_preview,
        archive::set_archive_settings,
        archive::export_transfer_package,
        followup::reassess,
        followup::comparison,
        followup::report_monitoring,
        followup::note_report,
        attachments::attach_file,
        attachments::save_attachment,
        exchange::export_monitoring_form,
        exchange::open_monitoring_form,
        exchange::save_monitoring_form,
        exchange::import_monitoring_report,
        start::first_steps,
        start::set_municipality,
        preferences::preferences,
        preferences::set_language,
        intake::intake_form,
        exchange::export_proposal,
        exchange::import_proposal,
        exchange::import_register_entry,
        exchange::export_register_entry,
        integrity::integrity,
        backup::backup_status,
        backup::make_backup,
        backup::restore_backup,
    ])
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    fn export() -> String {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("bindings.ts");
        let ts = specta_typescript::Typescript::default()
            .header("// Generated from Rust by tauri-specta. Do not edit: see src-tauri/src/bindings.rs.\n");
        super::builder().export(ts, &file).expect("export bindings");
        std::fs::read_to_string(file).expect("read bindings")
    }

    #[test]
    fn bindings_match_the_rust_commands() {
        let committed_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/lib/bindings.ts");
        let fresh = export();
        if std::env::var_os("UPDATE_BINDINGS").is_some() {
            std::fs::write(&committed_path, &fresh).expect("write bindings");
            return;
        }
        let committed = std::fs::read_to_string(&committed_path).unwrap_or_default();
        assert!(
            committed == fresh,
            "ui/src/lib/bindings.ts is out of date with the Rust commands; run UPDATE_BINDINGS=1 cargo test -p ai-toets bindings"
        );
    }

    /// The screens' labels come from the core, like the types: one source, checked the same way.
    #[test]
    fn labels_match_the_core() {
        let committed_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/lib/labels.generated.ts");
        let fresh = assessments::labels::typescript();
        if std::env::var_os("UPDATE_BINDINGS").is_some() {
            std::fs::write(&committed_path, &fresh).expect("write labels");
            return;
        }
        let committed = std::fs::read_to_string(&committed_path).unwrap_or_default();
        assert!(
            committed == fresh,
            "ui/src/lib/labels.generated.ts is out of date with the core's labels; run UPDATE_BINDINGS=1 cargo test -p ai-toets bindings"
        );
    }

    /// The only permissions of Tauri itself the window gets: setting its own zoom, which the
    /// zoom polyfill for Ctrl + and Ctrl − needs on Linux and macOS (`zoomHotkeysEnabled`).
    const CORE_PERMISSIONS: [&str; 1] = ["core:webview:allow-set-webview-zoom"];

    /// Every command the app registers has a permission, and the capability grants exactly
    /// our commands and [`CORE_PERMISSIONS`]: no plugin permission (the dialog opens from
    /// Rust), nothing broader; the
    /// CSP allows no remote source, inline script or `eval` (an invariant, ARCHITECTURE.md).
    #[test]
    fn capability_grants_only_our_commands() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR"));
        let cap: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(dir.join("capabilities/main.json")).expect("capability file"),
        )
        .expect("json");
        let mut granted: Vec<String> = cap["permissions"]
            .as_array()
            .expect("permissions")
            .iter()
            .map(|p| p.as_str().expect("string").to_string())
            .collect();
        granted.sort();
        let mut expected: Vec<String> =
            crate::bindings::COMMANDS.iter().map(|c| format!("allow-{}", c.replace('_', "-"))).collect();
        expected.extend(CORE_PERMISSIONS.map(String::from));
        expected.sort();
        assert_eq!(granted, expected);
        // ...and COMMANDS is the list the app registers.
        let ts = export();
        assert_eq!(
            ts.matches("__TAURI_INVOKE(\"").count(),
            super::COMMANDS.len(),
            "COMMANDS and collect_commands! differ"
        );
        for c in super::COMMANDS {
            assert!(ts.contains(&format!("__TAURI_INVOKE(\"{c}\"")), "{c} is not registered");
        }
        assert_eq!(cap["windows"], serde_json::json!(["main"]));

        let conf: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(dir.join("tauri.conf.json")).expect("tauri.conf.json"))
                .expect("json");
        let csp = conf["app"]["security"]["csp"].as_str().expect("a CSP string");
        for forbidden in ["unsafe-eval", "unsafe-inline", "http:", "https:", "*"] {
            let remote_ok =
                forbidden == "http:" && csp.contains("http://ipc.localhost") && csp.matches("http:").count() == 1;
            assert!(remote_ok || !csp.contains(forbidden), "CSP allows {forbidden}: {csp}");
        }
    }

    /// The capabilities as Tauri resolved them at build time (`gen/schemas/capabilities.json`),
    /// the capability files, the plugins the shell depends on and the window's security
    /// settings: nothing beyond the approved list.
    #[test]
    fn resolved_capabilities_and_csp_stay_within_the_approved_list() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR"));
        let read = |p: &str| std::fs::read_to_string(dir.join(p)).unwrap_or_else(|e| panic!("{p}: {e}"));

        let files: Vec<String> = std::fs::read_dir(dir.join("capabilities"))
            .expect("capabilities/")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(files, ["main.json"], "one capability file, for the main window");

        let resolved: serde_json::Value = serde_json::from_str(&read("gen/schemas/capabilities.json")).expect("json");
        let resolved = resolved.as_object().expect("capabilities by name");
        assert_eq!(resolved.keys().collect::<Vec<_>>(), ["main"], "no other capability");
        let main = &resolved["main"];
        assert_eq!(main["windows"], serde_json::json!(["main"]), "no wildcard windows");
        assert!(main.get("webviews").is_none_or(|w| w.as_array().is_some_and(|w| w.is_empty())));
        assert!(main.get("remote").is_none(), "no remote URL may call commands: {main}");
        assert_eq!(main["local"], serde_json::json!(true));
        for permission in main["permissions"].as_array().expect("permissions") {
            let id = permission.as_str().expect("a plain permission id, no scope");
            if CORE_PERMISSIONS.contains(&id) {
                continue;
            }
            let command = id.strip_prefix("allow-").map(|c| c.replace('-', "_")).unwrap_or_default();
            assert!(crate::bindings::COMMANDS.contains(&command.as_str()), "not one of our commands: {id}");
        }

        let manifest = read("Cargo.toml");
        for plugin in [
            "tauri-plugin-fs",
            "tauri-plugin-shell",
            "tauri-plugin-http",
            "tauri-plugin-opener",
            "tauri-plugin-process",
        ] {
            assert!(!manifest.contains(plugin), "{plugin} is not approved");
        }

        let conf: serde_json::Value = serde_json::from_str(&read("tauri.conf.json")).expect("json");
        let security = &conf["app"]["security"];
        let csp = security["csp"].as_str().expect("a CSP");
        let directives: Vec<&str> = csp.split(';').map(str::trim).collect();
        for (name, allowed) in [
            ("default-src", "'self'"),
            ("script-src", "'self'"),
            ("connect-src", "ipc: http://ipc.localhost"),
            ("object-src", "'none'"),
        ] {
            assert!(
                directives.contains(&format!("{name} {allowed}").as_str()),
                "{name} must be exactly {allowed}: {csp}"
            );
        }
        assert!(!csp.contains("unsafe-") && !csp.contains("https:") && !csp.contains('*'), "{csp}");
        for setting in ["dangerousDisableAssetCspModification", "capabilities", "assetProtocol"] {
            assert!(security.get(setting).is_none(), "security.{setting} is not approved");
        }
        assert!(conf["app"].get("withGlobalTauri").is_none_or(|v| v == false), "no global Tauri object");
        for window in conf["app"]["windows"].as_array().expect("windows") {
            assert!(
                window.get("url").is_none_or(|u| !u.as_str().unwrap_or_default().contains("://")),
                "no remote page"
            );
        }
    }
}
