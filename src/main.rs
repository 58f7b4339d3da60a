//! The `dateline` binary: the explorer window without arguments (or with a folder),
//! the command line otherwise.

use std::process::ExitCode;

use dateline::cli::{self, Command};

fn main() -> ExitCode {
    dateline::memory::tune_allocator();
    let args: Vec<String> = std::env::args().skip(1).collect();
    match cli::parse(&args) {
        Ok(Command::Gui(folder)) => match dateline::ui::run(folder) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("dateline: cannot open the window: {e}");
                ExitCode::from(1)
            }
        },
        Ok(command) => cli::run(command),
        Err(e) => {
            eprintln!("dateline: {e}");
            ExitCode::from(2)
        }
    }
}
