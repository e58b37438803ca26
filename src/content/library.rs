//! All the posts of a blog, scanned in parallel, with the queries the index and `folio list`
//! ask of them.

use std::cmp::{Ordering, Reverse};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use crate::site::{Kind, Site};

use serde::Serialize;

use super::cache::{Cache, Outcome, Seen, Stat};
use super::discover::{self, STDIN_NAME, Source, WalkRules};
use super::post::{Post, display_path};
use super::problem::Problem;
use super::{ContentError, order, post_file, sample};

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

/// Cheap to clone: the posts are shared until one side changes them, so the blog can be handed
/// to the worker to index its links without copying it on the UI thread.
#[derive(Debug, Clone)]
pub struct Library {
    source: Source,
    /// Posts and the other pages of the site (section pages, headless bundles, Jekyll pages),
    /// which links may lead to; [`Post::listed`] tells them apart.
    posts: Arc<Vec<Post>>,
    skipped: Arc<Vec<Skipped>>,
    /// Folders (relative to the content root) whose pages a cascade keeps out of the lists.
    unlisted_folders: Vec<PathBuf>,
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
            Source::Sample => sorted(scan_sample()),
            Source::Stdin(bytes) => scan_one(Path::new(STDIN_NAME), bytes),
            Source::Disk { root, starts, site } => {
                let rules = source.walk_rules();
                let mut cache = state_dir.map(|dir| Cache::open(dir, root));
                let fresh = Mutex::new(Vec::new());
                scan_disk(root, starts, rules, true, cache.as_ref(), &fresh);
                scan_site_pages(root, site, cache.as_ref(), &fresh);
                let fresh = fresh
                    .into_inner()
                    .unwrap_or_else(|poisoned| poisoned.into_inner());
                sort_out(fresh, cache.as_mut().map(Cache::claimed), cache)
            }
        };
        if posts.iter().all(|p| !p.listed) && skipped.is_empty() {
            return Err(ContentError::NoPosts(source.describe()));
        }
        let unlisted_folders = unlisted_folders(&posts);
        for post in posts.iter_mut() {
            if below_any(&post.file, &unlisted_folders) {
                post.unlist();
            }
        }
        skipped.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(Library {
            source,
            posts: Arc::new(posts),
            skipped: Arc::new(skipped),
            unlisted_folders,
            state_dir: state_dir.map(Path::to_path_buf),
        })
    }

    /// Reads the blog again from disk, with the same cache.
    pub fn reload(&self) -> Result<Library, ContentError> {
        Library::load_cached(self.source.clone(), self.state_dir.as_deref())
    }

    /// The state folder whose metadata cache the library was read with.
    pub fn state_dir(&self) -> Option<&Path> {
        self.state_dir.as_deref()
    }

    pub fn source(&self) -> &Source {
        &self.source
    }

    /// Every post, newest first.
    pub fn posts(&self) -> &[Post] {
        &self.posts
    }

    /// The posts as shared with other threads: handing them to the worker copies nothing.
    pub fn shared_posts(&self) -> Arc<Vec<Post>> {
        Arc::clone(&self.posts)
    }

    pub fn skipped(&self) -> &[Skipped] {
        &self.skipped
    }

    /// The posts a query selects, in its order.
    pub fn query(&self, query: &Query) -> Vec<&Post> {
        let mut selected: Vec<&Post> = self
            .posts
            .iter()
            .filter(|post| post.listed && (query.drafts || !post.meta.draft))
            .filter(|post| {
                query.tag.as_deref().is_none_or(|tag| {
                    post.meta
                        .labels()
                        .iter()
                        .any(|t| t.eq_ignore_ascii_case(tag))
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

    /// Puts `fresh`, read from `file` (relative to the content root) by [`read_changed`] after
    /// it changed or appeared, in place of what `file` held, in date order (its date may have
    /// changed); `None` takes the post out. Positions after it shift: callers find their
    /// posts again by path. Returns where the post now is.
    pub fn put(&mut self, file: &Path, fresh: Option<Post>) -> Option<usize> {
        self.remove(file);
        let mut post = fresh?;
        if below_any(&post.file, &self.unlisted_folders) {
            post.unlist();
        }
        let at = self
            .posts
            .partition_point(|p| order::newest_first(p, &post) != Ordering::Greater);
        Arc::make_mut(&mut self.posts).insert(at, post);
        Some(at)
    }

    /// Forgets the post read from `file`, which was deleted.
    pub fn remove(&mut self, file: &Path) -> Option<Post> {
        let at = self.position(file)?;
        Some(Arc::make_mut(&mut self.posts).remove(at))
    }

    /// The whole text of a post's file, for the reader and for checks of its body.
    pub fn read_text(&self, post: &Post) -> Result<String, ContentError> {
        read_post_text(&self.source, post)
    }
}

/// The post in `file` (relative to the content root) as it is on disk now; `None` when it is
/// gone or can no longer be read as a post. It reads the file, so the app asks it of its
/// worker.
pub fn read_changed(source: &Source, file: &Path) -> Option<Post> {
    let Source::Disk { root, .. } = source else {
        return None;
    };
    read_post(&root.join(file), file).ok()
}

/// A post's text from where the blog lives; the reader's layout worker reads with it, holding
/// no library.
pub fn read_post_text(source: &Source, post: &Post) -> Result<String, ContentError> {
    let bytes = match source {
        Source::Sample => sample::read(&post.file)
            .map(<[u8]>::to_vec)
            .unwrap_or_default(),
        Source::Stdin(bytes) => bytes.to_vec(),
        Source::Disk { root, .. } => {
            post_file::read(&root.join(&post.file)).map_err(|problem| ContentError::NotAPost {
                path: post.path.clone(),
                message: problem.message,
            })?
        }
    };
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

fn scan_sample() -> (Vec<Post>, Vec<Skipped>) {
    let mut posts = Vec::new();
    let mut skipped = Vec::new();
    for (path, bytes) in sample::files() {
        if discover::is_post_file(path) {
            let (post, skip) = scan_one(path, bytes);
            posts.extend(post);
            skipped.extend(skip);
        }
    }
    (posts, skipped)
}

/// One post from bytes in memory, or why it is not one.
fn scan_one(path: &Path, bytes: &[u8]) -> (Vec<Post>, Vec<Skipped>) {
    match Post::from_bytes(path, bytes) {
        Ok(post) => (vec![post], Vec::new()),
        Err(problem) => (
            Vec::new(),
            vec![Skipped {
                path: display_path(path),
                problem,
            }],
        ),
    }
}

type Found = Mutex<Vec<Seen>>;

/// Reads every markdown file under `starts` into `fresh`, or claims it from the cache where
/// it is unchanged; `listed: false` keeps them all out of the lists. Files and folders that
/// can't be read are kept as skipped, with why.
fn scan_disk(
    root: &Path,
    starts: &[PathBuf],
    rules: WalkRules,
    listed: bool,
    cache: Option<&Cache>,
    fresh: &Found,
) {
    let relative = |path: &'_ Path| -> PathBuf { relative_path(root, path).to_path_buf() };
    let keep = |seen: Seen| {
        fresh
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .push(seen);
    };
    // Jekyll copies a page without front matter as it is (a README): not a page.
    let refused = |outcome: &Outcome| {
        !listed && rules.jekyll_pages && !outcome.as_ref().is_ok_and(has_front_matter)
    };
    discover::walk(
        starts,
        rules,
        &|path| {
            let stat = std::fs::metadata(path).ok().map(|m| Stat::of(&m));
            if let Some((cache, stat)) = cache.zip(stat)
                && let Some((at, outcome)) = cache.get(relative_path(root, path), stat)
            {
                if refused(outcome) || cache.claim(at, listed) {
                    return;
                }
            }
            let file = relative(path);
            let outcome = read_post(path, &file);
            if refused(&outcome) {
                return;
            }
            keep(Seen {
                file,
                stat,
                outcome,
                listed,
            });
        },
        &|path, error| {
            keep(Seen {
                file: relative(path),
                stat: None,
                outcome: Err(Problem::error(
                    1,
                    format!("can't be read: {}", crate::error::reason(error)),
                )),
                listed,
            });
        },
    );
}

/// `path` below `root`; `path` itself when it is the root (a post given as the start).
fn relative_path<'a>(root: &Path, path: &'a Path) -> &'a Path {
    match path.strip_prefix(root) {
        Ok(relative) if !relative.as_os_str().is_empty() => relative,
        _ => path,
    }
}

/// Puts what the cache gave (`claimed`, in the order of the last listing) and what was read
/// afresh in the order of the listing, brings the cache up to date, then parts posts from
/// files that could not be posts.
fn sort_out(
    fresh: Vec<Seen>,
    claimed: Option<Vec<Seen>>,
    cache: Option<Cache>,
) -> (Vec<Post>, Vec<Skipped>) {
    let mut found = claimed.unwrap_or_default();
    found.extend(fresh);
    order::sort_newest_first_by(&mut found, |seen| seen.outcome.as_ref().ok());
    if let Some(cache) = cache {
        // A cache that can't be written only makes the next start slower.
        drop(cache.save(&found));
    }
    let skipped = found
        .extract_if(.., |seen| seen.outcome.is_err())
        .filter_map(|seen| {
            Some(Skipped {
                path: display_path(&seen.file),
                problem: seen.outcome.err()?,
            })
        })
        .collect();
    let posts = found
        .into_iter()
        .filter_map(|seen| {
            let mut post = seen.outcome.ok()?;
            if !seen.listed {
                post.unlist();
            }
            Some(post)
        })
        .collect();
    (posts, skipped)
}

/// Posts and skipped files, the posts in the order of the listing.
fn sorted((mut posts, skipped): (Vec<Post>, Vec<Skipped>)) -> (Vec<Post>, Vec<Skipped>) {
    order::sort_newest_first(&mut posts);
    (posts, skipped)
}

/// Jekyll's pages beside its posts: the output collections (`_docs/`) and the markdown pages
/// in the site's own folders, which posts link to.
fn scan_site_pages(root: &Path, site: &Site, cache: Option<&Cache>, found: &Found) {
    if site.kind != Kind::Jekyll || site.root.as_deref() != Some(root) {
        return;
    }
    let collections: Vec<PathBuf> = site
        .collections()
        .iter()
        .map(|c| c.dir.clone())
        .filter(|dir| dir.is_dir())
        .collect();
    let content = WalkRules {
        content: true,
        jekyll_pages: false,
    };
    scan_disk(root, &collections, content, false, cache, found);
    let pages = WalkRules {
        content: false,
        jekyll_pages: true,
    };
    scan_disk(root, &[root.to_path_buf()], pages, false, cache, found);
}

fn has_front_matter(post: &Post) -> bool {
    post.body_line > 1
}

/// The folders of section pages and bundles whose cascade keeps the pages below unlisted.
fn unlisted_folders(posts: &[Post]) -> Vec<PathBuf> {
    posts
        .iter()
        .filter(|post| post.meta.cascade_unlisted)
        .filter_map(|post| post.file.parent().map(Path::to_path_buf))
        .collect()
}

fn below_any(file: &Path, folders: &[PathBuf]) -> bool {
    folders.iter().any(|folder| file.starts_with(folder))
}

fn read_post(path: &Path, relative: &Path) -> Result<Post, Problem> {
    Post::from_bytes(relative, &post_file::read(path)?)
}
