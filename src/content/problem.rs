//! What can be wrong with a post. Problems are attached to posts and reported, never fatal.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::sanitize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

/// One problem, at a 1-based line of the post's file. The message is terminal-safe: it may
/// quote content, and content is untrusted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    pub severity: Severity,
    pub line: usize,
    pub message: String,
}

impl Problem {
    pub fn error(line: usize, message: impl AsRef<str>) -> Self {
        Self::new(Severity::Error, line, message.as_ref())
    }

    pub fn warning(line: usize, message: impl AsRef<str>) -> Self {
        Self::new(Severity::Warning, line, message.as_ref())
    }

    fn new(severity: Severity, line: usize, message: &str) -> Self {
        Problem {
            severity,
            line: line.max(1),
            message: sanitize::line(message).into_owned(),
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.severity, self.message)
    }
}
