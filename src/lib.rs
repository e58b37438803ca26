//! folio: read a blog's markdown source in the terminal.
//!
//! Data flows one way: [`content`] finds and reads the posts, [`markdown`] parses a body,
//! [`render`] lays it out, and the commands and the reader ([`app`], [`ui`]) only look at what
//! was built. Keys flow one way too: [`keymap`] → [`action`] → `App::update`.

pub mod action;
pub mod ansi;
pub mod app;
pub mod cli;
pub mod commands;
pub mod config;
pub mod content;
pub mod error;
pub mod geometry;
pub mod highlight;
pub mod images;
pub mod keymap;
pub mod markdown;
pub mod render;
pub mod runner;
pub mod sanitize;
pub mod search;
pub mod site;
pub mod state;
pub mod theme;
pub mod tui;
pub mod ui;
pub mod watch;
