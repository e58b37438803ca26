//! The `folio` binary driven from outside, as scripts and people use it.

mod check;
mod command_line;
mod common;
mod config;
mod list;
mod search;
