//! The `dateline` binary: the explorer window without arguments (or with a folder),
//! the command line otherwise.

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match dateline::cli::parse(&args) {
        Ok(command) => dateline::cli::run(command),
        Err(e) => {
            eprintln!("dateline: {e}");
            ExitCode::from(2)
        }
    }
}
