//! All the posts of a blog, scanned in parallel, with the queries the index and `folio list`
//! ask of them.

use std::cmp::{Ordering, Reverse};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Serialize;

use super::discover::{self, STDIN_NAME, Source};
use super::post::{Post, display_path};
use super::problem::Problem;
use super::{ContentError, order, post_file, sample, scan};

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
                scan::disk(root, starts, site, source.walk_rules(), state_dir)
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

    /// Whether work elsewhere still shares the posts: changing them now would copy them.
    pub fn shares_posts(&self) -> bool {
        Arc::strong_count(&self.posts) > 1
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
    /// changed); `None` takes the post out. Positions after it shift: returns where the post
    /// `file` held was, and where the fresh one now is, for callers to follow theirs.
    pub fn put(&mut self, file: &Path, fresh: Option<Post>) -> (Option<usize>, Option<usize>) {
        let Some(mut post) = fresh else {
            return (self.remove(file), None);
        };
        if below_any(&post.file, &self.unlisted_folders) {
            post.unlist();
        }
        let sorts_before = |p: &Post| order::newest_first(p, &post) != Ordering::Greater;
        let Some(was) = self.position(file) else {
            let at = self.posts.partition_point(sorts_before);
            Arc::make_mut(&mut self.posts).insert(at, post);
            return (None, Some(at));
        };
        // Where it goes among the others, as if it were taken out and put back; then it is
        // put in its old place and moved past only the posts it now sorts beyond, so an edit
        // that keeps the date moves no other post.
        let before = self.posts[..was].partition_point(sorts_before);
        let beyond = self.posts[was + 1..].partition_point(sorts_before);
        let posts = Arc::make_mut(&mut self.posts);
        posts[was] = post;
        let at = if before < was {
            posts[before..=was].rotate_right(1);
            before
        } else {
            posts[was..=was + beyond].rotate_left(1);
            was + beyond
        };
        (Some(was), Some(at))
    }

    /// Forgets the post read from `file`, which was deleted; returns where it was.
    pub fn remove(&mut self, file: &Path) -> Option<usize> {
        let at = self.position(file)?;
        Arc::make_mut(&mut self.posts).remove(at);
        Some(at)
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
    scan::read_post(&root.join(file), file).ok()
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

/// Posts and skipped files, the posts in the order of the listing.
fn sorted((mut posts, skipped): (Vec<Post>, Vec<Skipped>)) -> (Vec<Post>, Vec<Skipped>) {
    order::sort_newest_first(&mut posts);
    (posts, skipped)
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

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        /// A post put back after an edit lands where a sort would put it, and every other
        /// post keeps its order; the positions returned say where it was and went.
        #[test]
        fn an_edited_post_goes_where_the_sort_puts_it(which in 0usize..12, day in 1u32..29, year in 2018u32..2027) {
            let mut library = Library::load(Source::Sample).unwrap();
            let which = which % library.posts().len();
            let file = library.posts()[which].file.clone();
            let text = format!("---\ntitle: Edited\ndate: {year}-02-{day:02}\n---\nText.\n");
            let fresh = Post::from_bytes(&file, text.as_bytes()).unwrap();
            let mut others: Vec<String> =
                library.posts().iter().map(|p| p.path.clone()).collect();
            others.remove(which);

            let (was, at) = library.put(&file, Some(fresh));
            prop_assert_eq!(was, Some(which));
            let posts = library.posts();
            let at = at.unwrap();
            prop_assert_eq!(posts[at].title.as_str(), "Edited");
            prop_assert!(posts
                .windows(2)
                .all(|pair| order::newest_first(&pair[0], &pair[1]) != Ordering::Greater));
            let mut kept: Vec<String> = posts.iter().map(|p| p.path.clone()).collect();
            kept.remove(at);
            prop_assert_eq!(kept, others);
        }
    }
}
