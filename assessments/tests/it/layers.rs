//! The core's layers import only downward. Each top-level module of `assessments/src` sits on
//! one layer; a module may name (`crate::…`) modules on lower layers, never one on its own
//! layer or above, so the modules form no cycle. ARCHITECTURE.md draws the same table.

use std::collections::BTreeMap;
use std::path::Path;

/// Lowest first. Modules on one line share a layer and may not import each other.
const LAYERS: &[&[&str]] = &[
    &["base"],
    &["framework", "attachments", "preferences"],
    &["wizard", "intake"],
    &["audit"],
    &["committee", "backup"],
    &["meeting"],
    &["pilot"],
    &["followup"],
    &["report"],
    &["storage", "comparison"],
    &["views", "labels"],
    &["pdf", "exchange"],
    &["archive"],
    &["api"],
    &["sample"],
];

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|layer| layer.contains(&module))
}

/// Every `crate::<module>` a source names, outside comments.
fn named_modules(source: &str) -> Vec<String> {
    let mut found = Vec::new();
    for line in source.lines() {
        let code = line.split("//").next().unwrap_or_default();
        let mut rest = code;
        while let Some(at) = rest.find("crate::") {
            let after = &rest[at + "crate::".len()..];
            // `crate::{a::X, b::Y}`: each first segment in the braces.
            if let Some(group) = after.strip_prefix('{') {
                let inner = group.split('}').next().unwrap_or_default();
                for item in inner.split(',') {
                    let name: String =
                        item.trim().chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
                    if name.chars().next().is_some_and(|c| c.is_ascii_lowercase()) {
                        found.push(name);
                    } else if let Some(module) = reexported(&name) {
                        found.push(module.to_string());
                    }
                }
                rest = after;
                continue;
            }
            let name: String = after.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
            if name.chars().next().is_some_and(|c| c.is_ascii_lowercase()) {
                found.push(name);
            } else if let Some(module) = reexported(&name) {
                found.push(module.to_string());
            }
            rest = after;
        }
    }
    found
}

/// Where a name `lib.rs` re-exports at the crate root lives.
fn reexported(name: &str) -> Option<&'static str> {
    Some(match name {
        "Error" | "FieldError" | "Message" | "Result" => "base",
        "Framework" => "framework",
        "Role" => "committee",
        "Answer" | "Condition" | "Decision" | "DecisionInput" | "Outcome" | "Pilot" | "PilotSummary" | "Proposal"
        | "Verdict" | "Status" => "pilot",
        "SqliteStore" | "Store" => "storage",
        "PilotView" => "views",
        "Assessments" => "api",
        _ => return None,
    })
}

/// The import of `from` naming `to` breaks the layers (`None`: fine).
fn violation(from: &str, to: &str) -> Option<String> {
    if from == to {
        return None;
    }
    match (layer_of(from), layer_of(to)) {
        (Some(a), Some(b)) if b < a => None,
        (Some(a), Some(b)) if a == b => Some(format!("{from} imports {to}, on the same layer")),
        (Some(_), Some(_)) => Some(format!("{from} imports {to}, a layer above it")),
        (None, _) => Some(format!("module {from} is on no layer (add it to LAYERS and ARCHITECTURE.md)")),
        (_, None) => Some(format!("{from} imports {to}, which is on no layer")),
    }
}

/// Each source file's top-level module: `api/meetings.rs` → `api`, `views.rs` → `views`.
fn sources(dir: &Path, root: &Path, out: &mut BTreeMap<String, (String, String)>) {
    for entry in std::fs::read_dir(dir).expect("read src") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            if path.file_name().is_some_and(|n| n == "bin") {
                continue; // binaries stand on top of the whole crate
            }
            sources(&path, root, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let relative = path.strip_prefix(root).expect("inside src").to_string_lossy().replace('\\', "/");
            if relative == "lib.rs" {
                continue;
            }
            let module = relative.split('/').next().unwrap_or_default().trim_end_matches(".rs").to_string();
            out.insert(relative, (module, std::fs::read_to_string(&path).expect("read")));
        }
    }
}

#[test]
fn the_core_imports_only_downward() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = BTreeMap::new();
    sources(&root, &root, &mut files);
    assert!(files.len() > 20, "the sources were found");
    let mut problems = Vec::new();
    for (file, (module, source)) in &files {
        // `super::super::` climbs out of a module without naming where to: not allowed.
        if source.lines().any(|l| l.split("//").next().unwrap_or_default().contains("super::super::")) {
            problems.push(format!("{file}: reaches out of its module with super::super::"));
        }
        for named in named_modules(source) {
            if let Some(problem) = violation(module, &named) {
                problems.push(format!("{file}: {problem}"));
            }
        }
    }
    problems.sort();
    problems.dedup();
    assert!(problems.is_empty(), "layer violations:\n{}", problems.join("\n"));
}

#[test]
fn every_module_of_the_crate_is_on_a_layer() {
    let lib = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/lib.rs")).expect("lib.rs");
    let modules: Vec<&str> = lib
        .lines()
        .filter_map(|l| l.trim().strip_prefix("pub mod ").or_else(|| l.trim().strip_prefix("mod ")))
        .map(|m| m.trim_end_matches(';'))
        .collect();
    assert!(modules.len() > 10, "{modules:?}");
    for module in modules {
        assert!(layer_of(module).is_some(), "module {module} is on no layer (add it to LAYERS and ARCHITECTURE.md)");
    }
}

#[test]
fn the_layer_check_catches_an_upward_or_sideways_import() {
    assert_eq!(named_modules("use crate::{views::PilotView, base::error::Result};"), ["views", "base"]);
    assert_eq!(named_modules("use crate::views::PilotView; // crate::api"), ["views"]);
    assert_eq!(named_modules("fn f(a: &crate::Assessments) {}"), ["api"]);
    assert!(violation("pdf", "views").is_none());
    assert!(violation("pilot", "views").is_some(), "upward");
    assert!(violation("pdf", "exchange").is_some(), "sideways");
    assert!(violation("newthing", "base").is_some(), "unplaced module");
}
