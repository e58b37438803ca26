//! All the posts of a blog, scanned in parallel, with the queries the index and `folio list`
//! ask of them.

use std::cmp::Reverse;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde::Serialize;

use super::cache::{Cache, Outcome, Stat};
use super::date::PostDate;
use super::discover::{self, Source};
use super::post::{Post, display_path};
use super::problem::Problem;
use super::{ContentError, sample};

/// Larger files are not read: no blog post is this big, and reading one would stall the scan.
const MAX_POST_BYTES: u64 = 16 * 1024 * 1024;

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
    /// The state folder whose metadata cache the library was read with.
    state_dir: Option<PathBuf>,
}

impl Library {
    /// Reads every post of `source`. Broken posts are kept with their problems; only a source
    /// with no markdown at all is an error.
    pub fn load(source: Source) -> Result<Library, ContentError> {
        Library::load_cached(source, None)
    }

    /// Like [`Library::load`], with the metadata cache in the state folder `state_dir`: files
    /// unchanged since it was written are not read again, and it is brought up to date.
    pub fn load_cached(source: Source, state_dir: Option<&Path>) -> Result<Library, ContentError> {
        let (mut posts, mut skipped) = match &source {
            Source::Sample => scan_sample(),
            Source::Disk { root, starts } => {
                let cache = state_dir.map(|dir| Cache::open(dir, root));
                scan_disk(root, starts, cache)
            }
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
            state_dir: state_dir.map(Path::to_path_buf),
        })
    }

    /// Reads the blog again from disk, with the same cache.
    pub fn reload(&self) -> Result<Library, ContentError> {
        Library::load_cached(self.source.clone(), self.state_dir.as_deref())
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
                std::fs::read(root.join(&post.file)).map_err(|source| ContentError::Unreadable {
                    path: post.path.clone(),
                    source,
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

/// One file the scan met: where it is (relative to the root), its `stat`, what it gave.
struct Found {
    file: PathBuf,
    stat: Option<Stat>,
    outcome: Outcome,
}

fn scan_disk(root: &Path, starts: &[PathBuf], cache: Option<Cache>) -> (Vec<Post>, Vec<Skipped>) {
    let found = Mutex::new(Vec::new());
    discover::walk(starts, &|path| {
        let relative = path.strip_prefix(root).unwrap_or(path);
        let relative = if relative.as_os_str().is_empty() {
            path
        } else {
            relative
        };
        let stat = std::fs::metadata(path).ok().map(|m| Stat::of(&m));
        let cached = cache
            .as_ref()
            .zip(stat)
            .and_then(|(cache, stat)| cache.take(relative, stat));
        let outcome = cached.unwrap_or_else(|| read_post(path, relative));
        let file = relative.to_path_buf();
        found
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .push(Found {
                file,
                stat,
                outcome,
            });
    });
    let found = found
        .into_inner()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some(cache) = cache {
        let entries = found.iter().filter_map(|f| {
            let outcome = f.outcome.as_ref();
            Some((f.file.as_path(), f.stat?, outcome))
        });
        // A cache that can't be written only makes the next start slower.
        drop(cache.save(entries));
    }
    let mut posts = Vec::with_capacity(found.len());
    let mut skipped = Vec::new();
    for Found { file, outcome, .. } in found {
        match outcome {
            Ok(post) => posts.push(post),
            Err(problem) => skipped.push(Skipped {
                path: display_path(&file),
                problem,
            }),
        }
    }
    (posts, skipped)
}

fn read_post(path: &Path, relative: &Path) -> Result<Post, Problem> {
    let unreadable = |error: std::io::Error| Problem::error(1, format!("can't be read: {error}"));
    let file = std::fs::File::open(path).map_err(unreadable)?;
    // Sized from the file's length, the read takes one call instead of a growing series.
    let size = file.metadata().map_or(0, |m| m.len()).min(MAX_POST_BYTES);
    let mut bytes = Vec::with_capacity(size as usize + 1);
    file.take(MAX_POST_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    if bytes.len() as u64 > MAX_POST_BYTES {
        let limit = MAX_POST_BYTES / (1024 * 1024);
        return Err(Problem::error(
            1,
            format!("larger than {limit} MB; skipped"),
        ));
    }
    Post::from_bytes(relative, &bytes)
}
