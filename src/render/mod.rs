//! Turns a post into styled terminal lines.

pub mod code;
