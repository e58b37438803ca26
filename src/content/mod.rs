//! The blog on disk: finding posts, reading their front matter, and the library of posts.

pub mod cache;
pub mod date;
pub mod discover;
pub mod front_matter;
pub mod library;
pub mod links;
pub mod meta;
mod order;
mod plain_yaml;
pub mod post;
pub mod post_file;
pub mod problem;
mod resolve;
pub mod sample;
mod scan;
pub mod shift;

pub use date::PostDate;
pub use discover::Source;
pub use library::{Library, Query, Skipped, SortOrder};
pub use post::Post;
pub use problem::{Problem, Severity};

/// Why a blog can't be opened at all. Everything short of this is a [`Problem`] on one post.
#[derive(Debug, thiserror::Error)]
pub enum ContentError {
    #[error("{0}: no such file or folder")]
    NotFound(String),
    #[error("{path}: can't be read: {}", crate::error::reason(.source))]
    Unreadable {
        path: String,
        source: std::io::Error,
    },
    #[error("{path}: {message}")]
    NotAPost { path: String, message: String },
    #[error("{0}: no markdown posts here (looked for .md, .markdown and .mdown files)")]
    NoPosts(String),
}
