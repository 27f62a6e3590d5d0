//! A blank Tauri 2 window built the same way as the app (same Tauri, same features, same
//! profile): the baseline of the start-up and memory benchmark (`bench/startup.sh`). Its page
//! makes one command call; like the app, it marks "ready" when that call succeeds.

#[tauri::command]
fn list_pilots() -> Vec<String> {
    ai_toets_lib::ready::mark();
    Vec::new()
}

fn main() {
    let result = tauri::Builder::default()
        .invoke_handler(tauri::generate_handler![list_pilots])
        .run(tauri::generate_context!("examples/blank/tauri.conf.json"));
    if let Err(e) = result {
        eprintln!("blank window could not start: {e}");
        std::process::exit(1);
    }
}
