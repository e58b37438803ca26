//! Errors that end a command, and the exit codes they map to.

use std::io;
use std::process::ExitCode;

use crate::config::ConfigError;
use crate::content::ContentError;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error(transparent)]
    Content(#[from] ContentError),
    #[error("{path}: {message}")]
    NotAPost { path: String, message: String },
    #[error("can't write output: {0}")]
    Output(#[from] io::Error),
    #[error("terminal: {0}")]
    Terminal(io::Error),
}

impl Error {
    /// A reader that went away (`folio list | head`) is not a failure.
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, Error::Output(e) if e.kind() == io::ErrorKind::BrokenPipe)
    }
}

/// What a finished command asks the process to exit with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Success,
    /// The command ran but found errors (`folio check`).
    ProblemsFound,
    /// Nothing matched (`folio search`), as grep has it.
    NothingFound,
}

impl From<Outcome> for ExitCode {
    fn from(outcome: Outcome) -> Self {
        match outcome {
            Outcome::Success => ExitCode::SUCCESS,
            Outcome::ProblemsFound | Outcome::NothingFound => ExitCode::from(1),
        }
    }
}

/// Exit code for a command that could not run at all.
pub const FAILURE_EXIT: u8 = 2;
