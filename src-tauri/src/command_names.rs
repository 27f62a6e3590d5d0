/// Every command the app registers. Shared by `build.rs` (permissions) and the tests.
pub const COMMANDS: [&str; 14] = [
    "list_pilots",
    "get_pilot",
    "create_pilot",
    "update_proposal",
    "submit_proposal",
    "start_review",
    "set_answer",
    "decide",
    "reopen_review",
    "sign_decision",
    "export_pdf",
    "database_location",
    "framework_versions",
    "load_framework",
];
