//! `folio completions SHELL`: generated from the command-line definition, so it always
//! completes the commands and options folio has.

use std::io::Write;

use clap::CommandFactory;
use clap_complete::Shell;

use crate::cli::Cli;
use crate::error::{Error, Outcome};

/// Writes the completion script for `shell`.
pub fn completions(shell: Shell, out: &mut impl Write) -> Result<Outcome, Error> {
    clap_complete::generate(shell, &mut Cli::command(), "folio", out);
    out.flush()?;
    Ok(Outcome::Success)
}
