//! Reading a blog on disk: the walk, each file's `stat` checked against the metadata cache,
//! and only the files that changed read, in parallel.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

use crate::site::{Kind, Site};

use super::cache::{Cache, Kept, Outcome, Seen, Stat};
use super::discover::{self, WalkRules};
use super::library::Skipped;
use super::post::{Post, display_path};
use super::problem::Problem;
use super::{order, post_file};

/// Every post below `starts` (and a Jekyll site's pages), in the order of the listing, and
/// the files that could not be posts. With `state_dir`, unchanged files come from its
/// metadata cache, which is then brought up to date.
pub fn disk(
    root: &Path,
    starts: &[PathBuf],
    site: &Site,
    rules: WalkRules,
    state_dir: Option<&Path>,
) -> (Vec<Post>, Vec<Skipped>) {
    let opening = OnceLock::new();
    let fresh = Mutex::new(Vec::new());
    // The cache is decoded while the walk starts: the walk is mostly the kernel's work, and
    // decoding 100,000 posts first kept one core busy for a sixth of the time, the other idle.
    // It is decoded on this thread, whose heap grows in large steps; on another thread,
    // growing its heap took 16,000 `mprotect` calls.
    let waiting = std::thread::scope(|threads| {
        let cache = state_dir.map(|_| &opening);
        let fresh = &fresh;
        let walking = threads.spawn(move || {
            let scan = Scan {
                root,
                rules,
                listed: true,
                fresh,
            };
            let mut waiting = vec![scan.walk(starts, cache)];
            waiting.extend(site_pages(root, site, cache, fresh));
            waiting
        });
        if let Some(dir) = state_dir {
            let _ = opening.set(Cache::open(dir, root));
        }
        walking
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    });
    let mut cache = opening.into_inner();
    if let Some(cache) = &cache {
        for (scan, files) in waiting {
            scan.settle(cache, files);
        }
    }
    let fresh = fresh
        .into_inner()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    sort_out(fresh, cache.as_mut().map(Cache::claimed), cache)
}

/// The post in the file at `path`, `relative` to the content root.
pub fn read_post(path: &Path, relative: &Path) -> Result<Post, Problem> {
    Post::from_bytes(relative, &post_file::read(path)?)
}

/// What the walk learnt afresh, pushed from its threads.
type Found = Mutex<Vec<Seen>>;

/// The metadata cache as the walk sees it: not there yet while it is being decoded.
type Opening = OnceLock<Cache>;

/// Files met before the cache was decoded, with their `stat`: they are looked up once it is.
type Waiting = Vec<(PathBuf, Stat)>;

/// One walk: its rules, and whether what it finds may be listed (pages of the site that are
/// not posts may not).
#[derive(Clone, Copy)]
struct Scan<'a> {
    root: &'a Path,
    rules: WalkRules,
    listed: bool,
    fresh: &'a Found,
}

impl Scan<'_> {
    /// Reads every markdown file under `starts` into `fresh`, or claims it from the cache
    /// where it is unchanged. Files and folders that can't be read are kept as skipped, with
    /// why. Returns the files met before the cache was decoded.
    fn walk(self, starts: &[PathBuf], cache: Option<&Opening>) -> (Self, Waiting) {
        let waiting = Mutex::new(Vec::new());
        discover::walk(
            starts,
            self.rules,
            &|path| {
                let stat = std::fs::metadata(path).ok().map(|m| Stat::of(&m));
                if let Some((opening, stat)) = cache.zip(stat) {
                    match opening.get() {
                        Some(cache) if self.claim_cached(cache, path, stat) => return,
                        Some(_) => {}
                        None => {
                            let mut waiting = waiting.lock().unwrap_or_else(|p| p.into_inner());
                            waiting.push((path.to_path_buf(), stat));
                            return;
                        }
                    }
                }
                self.read(path, stat);
            },
            &|path, error| {
                self.keep(Seen {
                    file: self.relative(path).to_path_buf(),
                    stat: None,
                    outcome: Err(Problem::error(
                        1,
                        format!("can't be read: {}", crate::error::reason(error)),
                    )),
                    kept: self.kept(None),
                });
            },
        );
        (
            self,
            waiting.into_inner().unwrap_or_else(|p| p.into_inner()),
        )
    }

    /// Looks up the files the walk met before the cache was decoded; reads those it lacks.
    fn settle(self, cache: &Cache, waiting: Waiting) {
        for (path, stat) in waiting {
            if !self.claim_cached(cache, &path, stat) {
                self.read(&path, Some(stat));
            }
        }
    }

    /// True when the cache had the file as it is now: then it is claimed, or left out as it
    /// was last time.
    fn claim_cached(self, cache: &Cache, path: &Path, stat: Stat) -> bool {
        cache
            .get(self.relative(path), stat)
            .is_some_and(|(at, outcome)| cache.claim(at, self.kept(Some(outcome))))
    }

    fn read(self, path: &Path, stat: Option<Stat>) {
        let file = self.relative(path).to_path_buf();
        let outcome = read_post(path, &file);
        self.keep(Seen {
            kept: self.kept(Some(&outcome)),
            file,
            stat,
            outcome,
        });
    }

    /// Where a file this walk met goes, given what reading it gave (if it was read).
    fn kept(self, outcome: Option<&Outcome>) -> Kept {
        if self.listed {
            return Kept::Listed;
        }
        // Jekyll copies a page without front matter as it is (a README): not a page.
        let published = |outcome: &Outcome| outcome.as_ref().is_ok_and(has_front_matter);
        if self.rules.jekyll_pages && outcome.is_some_and(|outcome| !published(outcome)) {
            return Kept::Out;
        }
        Kept::Unlisted
    }

    fn keep(self, seen: Seen) {
        self.fresh
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .push(seen);
    }

    /// `path` below the root; `path` itself when it is the root (a post given as the start).
    fn relative(self, path: &Path) -> &Path {
        match path.strip_prefix(self.root) {
            Ok(relative) if !relative.as_os_str().is_empty() => relative,
            _ => path,
        }
    }
}

fn has_front_matter(post: &Post) -> bool {
    post.body_line > 1
}

/// Jekyll's pages beside its posts: the output collections (`_docs/`) and the markdown pages
/// in the site's own folders, which posts link to.
fn site_pages<'a>(
    root: &'a Path,
    site: &Site,
    cache: Option<&Opening>,
    fresh: &'a Found,
) -> Vec<(Scan<'a>, Waiting)> {
    if site.kind != Kind::Jekyll || site.root.as_deref() != Some(root) {
        return Vec::new();
    }
    let collections: Vec<PathBuf> = site
        .collections()
        .iter()
        .map(|c| c.dir.clone())
        .filter(|dir| dir.is_dir())
        .collect();
    let scan = |content, jekyll_pages| Scan {
        root,
        rules: WalkRules {
            content,
            jekyll_pages,
        },
        listed: false,
        fresh,
    };
    vec![
        scan(true, false).walk(&collections, cache),
        scan(false, true).walk(&[root.to_path_buf()], cache),
    ]
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
    found.retain(|seen| seen.kept != Kept::Out);
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
            if seen.kept == Kept::Unlisted {
                post.unlist();
            }
            Some(post)
        })
        .collect();
    (posts, skipped)
}

#[cfg(test)]
mod tests {
    use std::fs;
    use std::time::{Duration, SystemTime};

    use super::*;

    /// Writes `text` modified at `when`.
    fn write_at(path: &Path, text: &str, when: SystemTime) {
        fs::write(path, text).unwrap();
        let file = fs::File::options().write(true).open(path).unwrap();
        file.set_modified(when).unwrap();
    }

    #[test]
    fn a_file_met_before_the_cache_is_decoded_still_comes_from_it() {
        let blog = tempfile::tempdir().unwrap();
        let state = tempfile::tempdir().unwrap();
        let root = blog.path();
        let post = root.join("a.md");
        // An hour ago: the cache trusts a file that old.
        let when = SystemTime::now() - Duration::from_secs(3600);
        write_at(&post, "---\ntitle: Cached\n---\n", when);
        let rules = WalkRules::default();
        let starts = [root.to_path_buf()];
        disk(root, &starts, &Site::PLAIN, rules, Some(state.path()));
        // Same size, same time, other words: only the cache can still say "Cached".
        write_at(&post, "---\ntitle: Edited\n---\n", when);

        let opening = OnceLock::new();
        let fresh = Mutex::new(Vec::new());
        let scan = Scan {
            root,
            rules,
            listed: true,
            fresh: &fresh,
        };
        let (scan, waiting) = scan.walk(&starts, Some(&opening));
        assert_eq!(waiting.len(), 1, "the cache was not there yet");
        assert!(opening.set(Cache::open(state.path(), root)).is_ok());
        let mut cache = opening.into_inner().unwrap();
        scan.settle(&cache, waiting);
        assert!(fresh.into_inner().unwrap().is_empty(), "no file was read");
        let titles: Vec<String> = cache
            .claimed()
            .into_iter()
            .filter_map(|seen| Some(seen.outcome.ok()?.title))
            .collect();
        assert_eq!(titles, ["Cached"]);
    }

    #[test]
    fn a_jekyll_readme_is_remembered_so_the_cache_is_not_written_at_every_start() {
        let site = tempfile::tempdir().unwrap();
        let state = tempfile::tempdir().unwrap();
        let root = site.path();
        let when = SystemTime::now() - Duration::from_secs(3600);
        fs::write(root.join("_config.yml"), "title: Notes\n").unwrap();
        fs::create_dir(root.join("_posts")).unwrap();
        let post = "---\ntitle: First\n---\nText.\n";
        write_at(&root.join("_posts/2024-01-01-first.md"), post, when);
        write_at(&root.join("about.md"), "---\ntitle: About\n---\n", when);
        write_at(&root.join("README.md"), "# How to build this site\n", when);
        let load = || {
            let source = crate::content::discover::resolve(Some(root)).unwrap();
            let library = crate::content::Library::load_cached(source, Some(state.path())).unwrap();
            let files: Vec<String> = library.posts().iter().map(|p| p.path.clone()).collect();
            files
        };
        let pages = ["_posts/2024-01-01-first.md", "about.md"];
        assert_eq!(load(), pages, "the README is not a page");
        let cache = fs::read_dir(state.path().join("cache"))
            .unwrap()
            .next()
            .unwrap()
            .unwrap()
            .path();
        fs::File::options()
            .write(true)
            .open(&cache)
            .unwrap()
            .set_modified(when)
            .unwrap();
        assert_eq!(load(), pages);
        let modified = fs::metadata(&cache).unwrap().modified().unwrap();
        assert_eq!(
            modified, when,
            "nothing changed, so the cache was not written again"
        );
    }
}
