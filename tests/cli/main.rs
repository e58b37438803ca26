//! The `folio` binary driven from outside, as scripts and people use it.

mod check;
mod common;
mod config;
mod list;
mod search;
