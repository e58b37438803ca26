//! folio: read a blog's markdown source in the terminal.
//!
//! Data flows one way: [`content`] finds and reads the posts; the commands and the reader
//! only look at what it built.

pub mod action;
pub mod app;
pub mod cli;
pub mod commands;
pub mod content;
pub mod error;
pub mod keymap;
pub mod render;
pub mod runner;
pub mod sanitize;
pub mod theme;
pub mod tui;
pub mod ui;
