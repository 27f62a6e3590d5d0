//! Makes a database full of sample pilots (each reviewed, decided and signed by three members):
//! `cargo run --release -p assessments --features sample --example sample-db -- <count> <file.sqlite3>`.
//! Used by `bench/startup.sh`; also handy to try the app with a full overview
//! (point `AI_TOETS_DATA_DIR` at the folder and name the file `ai-toets.sqlite3`).

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [count, path] = args.as_slice() else {
        return Err("usage: sample-db <count> <file.sqlite3>".into());
    };
    let count: usize = count.parse()?;
    let path = std::path::Path::new(path);
    if path.exists() {
        return Err(format!("{} exists already; choose a new file", path.display()).into());
    }
    let mut store = assessments::SqliteStore::open(path)?;
    let now = time::OffsetDateTime::now_utc();
    assessments::sample::fill(&mut store, &assessments::sample::framework(now)?, count, now)?;
    println!("{count} pilots in {}", path.display());
    Ok(())
}
