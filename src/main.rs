//! The `folio` binary: parse the command line, run it, turn the outcome into an exit code.

use std::io::{self, BufWriter};
use std::process::ExitCode;

use folio::cli::Cli;
use folio::commands;
use folio::error::FAILURE_EXIT;

fn main() -> ExitCode {
    let cli = Cli::parse_args();
    let mut out = BufWriter::new(io::stdout().lock());
    match commands::run(cli, &mut out) {
        Ok(outcome) => outcome.into(),
        Err(error) if error.is_broken_pipe() => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("folio: {error}");
            ExitCode::from(FAILURE_EXIT)
        }
    }
}
