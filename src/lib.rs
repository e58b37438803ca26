//! folio: read a blog's markdown source in the terminal.
//!
//! Data flows one way: [`content`] finds and reads the posts; the commands and the reader
//! only look at what it built.

pub mod cli;
pub mod commands;
pub mod content;
pub mod error;
pub mod render;
pub mod sanitize;
pub mod theme;
