//! `ai-toets-verify <besluit.pdf>`: checks an archival AI-toets PDF on its own, offline.
//! Prints the signers and whether each signature and the content hash hold. Exit code 0: all
//! holds; 1: something does not; 2: the file cannot be read as an AI-toets decision.

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [path] = args.as_slice() else {
        eprintln!("Gebruik / usage: ai-toets-verify <besluit.pdf>");
        return ExitCode::from(2);
    };
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) => {
            eprintln!("Kan {path} niet lezen / cannot read {path}: {e}");
            return ExitCode::from(2);
        }
    };
    match assessments::pdf::verify::verify_pdf(&bytes) {
        Ok(report) => {
            println!("{path}");
            print!("{}", assessments::pdf::verify::report_text(&report));
            if report.valid() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            }
        }
        Err(e) => {
            eprintln!("{}\n{}", e.message().nl, e.message().en);
            ExitCode::from(2)
        }
    }
}
