//! All the posts of a blog, scanned in parallel, with the queries the index and `folio list`
//! ask of them.

use std::cmp::Reverse;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde::Serialize;

use super::date::PostDate;
use super::discover::{self, Source};
use super::post::{Post, display_path};
use super::problem::Problem;
use super::{ContentError, post_file, sample};

/// A file that looked like a post but could not be one (binary, unreadable, too large).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Skipped {
    pub path: String,
    pub problem: Problem,
}

/// How posts are ordered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum SortOrder {
    /// Newest first, undated last.
    #[default]
    Date,
    /// Alphabetically by title.
    Title,
}

/// Which posts to show, in which order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    pub drafts: bool,
    pub sort: SortOrder,
    pub tag: Option<String>,
}

#[derive(Debug)]
pub struct Library {
    source: Source,
    posts: Vec<Post>,
    skipped: Vec<Skipped>,
}

impl Library {
    /// Reads every post of `source`. Broken posts are kept with their problems; only a source
    /// with no markdown at all is an error.
    pub fn load(source: Source) -> Result<Library, ContentError> {
        let (mut posts, mut skipped) = match &source {
            Source::Sample => scan_sample(),
            Source::Disk { root, starts } => scan_disk(root, starts),
        };
        if posts.is_empty() && skipped.is_empty() {
            return Err(ContentError::NoPosts(source.describe()));
        }
        posts.sort_by_cached_key(newest_first);
        skipped.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(Library {
            source,
            posts,
            skipped,
        })
    }

    pub fn source(&self) -> &Source {
        &self.source
    }

    /// Every post, newest first.
    pub fn posts(&self) -> &[Post] {
        &self.posts
    }

    pub fn skipped(&self) -> &[Skipped] {
        &self.skipped
    }

    /// The posts a query selects, in its order.
    pub fn query(&self, query: &Query) -> Vec<&Post> {
        let mut selected: Vec<&Post> =
            self.posts
                .iter()
                .filter(|post| query.drafts || !post.meta.draft)
                .filter(|post| {
                    query.tag.as_deref().is_none_or(|tag| {
                        post.meta.tags.iter().any(|t| t.eq_ignore_ascii_case(tag))
                    })
                })
                .collect();
        if query.sort == SortOrder::Title {
            selected.sort_by_cached_key(|post| (post.title.to_lowercase(), Reverse(post.date)));
        }
        selected
    }

    /// The position of the post read from `file` (relative to the content root).
    pub fn position(&self, file: &Path) -> Option<usize> {
        self.posts.iter().position(|post| post.file == file)
    }

    /// Reads `file` (relative to the content root) after it changed or appeared and puts it
    /// in date order (its date may have changed); one that can no longer be read as a post
    /// leaves the library. Positions after it shift: callers find their posts again by path.
    /// Returns where the post now is.
    pub fn refresh_file(&mut self, file: &Path) -> Option<usize> {
        let Source::Disk { root, .. } = &self.source else {
            return None;
        };
        let fresh = read_post(&root.join(file), file).ok();
        self.remove(file);
        let post = fresh?;
        let key = newest_first(&post);
        let at = self.posts.partition_point(|p| newest_first(p) <= key);
        self.posts.insert(at, post);
        Some(at)
    }

    /// Forgets the post read from `file`, which was deleted.
    pub fn remove(&mut self, file: &Path) -> Option<Post> {
        let at = self.position(file)?;
        Some(self.posts.remove(at))
    }

    /// The whole text of a post's file, for the reader and for checks of its body.
    pub fn read_text(&self, post: &Post) -> Result<String, ContentError> {
        let bytes = match &self.source {
            Source::Sample => sample::read(&post.file)
                .map(<[u8]>::to_vec)
                .unwrap_or_default(),
            Source::Disk { root, .. } => {
                post_file::read(&root.join(&post.file)).map_err(|problem| {
                    ContentError::NotAPost {
                        path: post.path.clone(),
                        message: problem.message,
                    }
                })?
            }
        };
        Ok(String::from_utf8_lossy(&bytes).into_owned())
    }
}

/// Newest first; undated posts after all dated ones; then by title, then by path. A key
/// computed once a post: comparing dates and lowercasing titles on every comparison was a
/// noticeable part of opening a large blog.
fn newest_first(post: &Post) -> (Reverse<Option<(i64, PostDate)>>, String, String) {
    (
        Reverse(post.date.map(|date| (date.sort_key(), date))),
        post.title.to_lowercase(),
        post.path.clone(),
    )
}

fn scan_sample() -> (Vec<Post>, Vec<Skipped>) {
    let mut posts = Vec::new();
    let mut skipped = Vec::new();
    for (path, bytes) in sample::files() {
        if discover::is_post_file(path) {
            match Post::from_bytes(path, bytes) {
                Ok(post) => posts.push(post),
                Err(problem) => skipped.push(Skipped {
                    path: display_path(path),
                    problem,
                }),
            }
        }
    }
    (posts, skipped)
}

fn scan_disk(root: &Path, starts: &[PathBuf]) -> (Vec<Post>, Vec<Skipped>) {
    let found = Mutex::new((Vec::new(), Vec::new()));
    let relative = |path: &'_ Path| -> PathBuf {
        let relative = path.strip_prefix(root).unwrap_or(path);
        if relative.as_os_str().is_empty() {
            path.to_path_buf()
        } else {
            relative.to_path_buf()
        }
    };
    let keep = |outcome: Result<Post, Problem>, relative: &Path| {
        let mut found = found
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        match outcome {
            Ok(post) => found.0.push(post),
            Err(problem) => found.1.push(Skipped {
                path: display_path(relative),
                problem,
            }),
        }
    };
    discover::walk(
        starts,
        &|path| {
            let relative = relative(path);
            keep(read_post(path, &relative), &relative);
        },
        &|path, error| {
            let problem = Problem::error(1, format!("can't be read: {error}"));
            keep(Err(problem), &relative(path));
        },
    );
    found
        .into_inner()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn read_post(path: &Path, relative: &Path) -> Result<Post, Problem> {
    Post::from_bytes(relative, &post_file::read(path)?)
}
