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
    #[error(
        "{}: no blog here (no content/, site or markdown); checked the built-in sample blog \
         instead — give a PATH: folio check PATH",
        crate::content::post::display_path(.0)
    )]
    NoBlog(std::path::PathBuf),
    #[error("can't write output: {}", reason(.0))]
    Output(#[from] io::Error),
    #[error("terminal: {}", reason(.0))]
    Terminal(io::Error),
}

/// An I/O error in plain words, without the system's error number: `permission denied`, not
/// `Permission denied (os error 13)`. Callers name the file.
pub fn reason(error: &io::Error) -> String {
    match error.kind() {
        io::ErrorKind::NotFound => return "no such file or folder".to_string(),
        io::ErrorKind::PermissionDenied => return "permission denied".to_string(),
        io::ErrorKind::IsADirectory => return "it is a folder".to_string(),
        // What reading text into a `String` says of bytes that are not UTF-8.
        io::ErrorKind::InvalidData => return "not UTF-8 text".to_string(),
        _ => {}
    }
    let text = error.to_string();
    let text = match text.rfind(" (os error ") {
        Some(at) if text.ends_with(')') => &text[..at],
        _ => &text,
    };
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_lowercase().chain(chars).collect()
    })
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn io_errors_read_as_plain_words_without_error_numbers() {
        let denied = io::Error::from_raw_os_error(13);
        assert_eq!(reason(&denied), "permission denied");
        let missing = io::Error::from_raw_os_error(2);
        assert_eq!(reason(&missing), "no such file or folder");
        let busy = io::Error::from_raw_os_error(16);
        assert_eq!(reason(&busy), "device or resource busy");
        let custom = io::Error::other("Disk on fire");
        assert_eq!(reason(&custom), "disk on fire");
    }
}
