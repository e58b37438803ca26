//! What the scan learnt about each post, kept between runs so that opening a big blog again
//! reads only the files that changed.
//!
//! One file per blog in the state folder, keyed by each post's path, size and modification
//! time. The file is a cache, never a source of truth: every entry is checked against a fresh
//! `stat` of its file and used only when both match; a file modified too recently to trust
//! its timestamp is read again; a cache that can't be decoded, or that another build of
//! folio wrote, is ignored and rebuilt. It is replaced atomically, so a crash leaves the old
//! one or the new one.

use std::collections::HashMap;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU8, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use super::post::Post;
use super::problem::Problem;

/// Names the format and the build: another build may lay out [`Post`] differently, so its
/// cache is not read. The executable's size and time tell builds of one version apart.
fn stamp() -> String {
    let exe = std::env::current_exe()
        .and_then(fs::metadata)
        .ok()
        .map(|m| (m.len(), stamp_time(&m)))
        .unwrap_or_default();
    format!(
        "folio-cache/2 {} {}:{:?}",
        env!("CARGO_PKG_VERSION"),
        exe.0,
        exe.1
    )
}

/// A file modified this recently may be modified again within the same timestamp tick
/// without its size changing; it is read again next time rather than trusted.
const SETTLE: Duration = Duration::from_secs(2);

/// A file's size and modification time, as `stat` reports them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stat {
    size: u64,
    /// Nanoseconds since the epoch (enough until the year 2554).
    modified: Option<u64>,
}

impl Stat {
    pub fn of(metadata: &fs::Metadata) -> Stat {
        Stat {
            size: metadata.len(),
            modified: stamp_time(metadata),
        }
    }

    /// Whether the file has been still long enough for its timestamp to identify its content.
    fn settled(&self, now: SystemTime) -> bool {
        let now = now.duration_since(UNIX_EPOCH).unwrap_or_default();
        self.modified
            .is_some_and(|modified| u128::from(modified) + SETTLE.as_nanos() <= now.as_nanos())
    }
}

fn stamp_time(metadata: &fs::Metadata) -> Option<u64> {
    let modified = metadata.modified().ok()?;
    u64::try_from(modified.duration_since(UNIX_EPOCH).ok()?.as_nanos()).ok()
}

/// The canonical form of a blog's root, and a file name stem for it: readable, and unique
/// to that root, so two blogs never share a cache or a state file.
pub fn blog_name(root: &Path) -> (String, String) {
    let canonical = fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let name: String = canonical
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
        .take(32)
        .collect();
    let canonical = canonical.to_string_lossy().into_owned();
    let hash = fnv1a(canonical.as_bytes());
    (canonical, format!("{name}-{hash:016x}"))
}

/// FNV-1a: small and stable across Rust releases, unlike the std hasher.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash: u64, byte| {
        (hash ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// What reading one file gave: a post, or the problem that kept it from being one.
pub type Outcome = Result<Post, Problem>;

/// One file the scan met: where it is (relative to the root), its `stat`, what it gave, and
/// where it goes. The cache holds the same, so that what it gives back is not moved again.
#[derive(Deserialize)]
pub struct Seen {
    pub file: PathBuf,
    pub stat: Option<Stat>,
    pub outcome: Outcome,
    #[serde(skip)]
    pub kept: Kept,
}

/// Where a file the scan met goes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Kept {
    /// Into the lists: a post.
    #[default]
    Listed,
    /// Among the pages links lead to, kept out of the lists (pages of the site that are not
    /// posts).
    Unlisted,
    /// Nowhere: a file the site does not publish as a page (Jekyll's README without front
    /// matter). Cached all the same, so that it is not read again at every start.
    Out,
}

#[derive(Serialize, Deserialize)]
struct Header {
    stamp: String,
    root: String,
}

/// Not claimed by the scan; otherwise claimed, as [`Kept`] says.
const FREE: u8 = 0;
const LISTED: u8 = 1;
const UNLISTED: u8 = 2;
const OUT: u8 = 3;

/// The cache of one blog, loaded. The scan's threads look entries up and claim them without a
/// lock; what they claimed comes back, in the cache's order, from [`Cache::claimed`].
pub struct Cache {
    path: PathBuf,
    root: String,
    /// Kept in the order of the last listing, so the posts that come out of it lie in memory
    /// in the order they are listed, sorted, and written.
    entries: Vec<Seen>,
    /// Entry by the hash of its path's text. Positions, not whole entries, and numbers, not
    /// paths: at 100,000 posts, probing a map of paths was mostly cache misses.
    index: HashMap<u64, usize>,
    claims: Vec<AtomicU8>,
    /// Whether what the scan found differs from what was loaded: then it is written again.
    changed: AtomicBool,
}

impl Cache {
    /// The cache of the blog rooted at `root`, in the state folder `dir`; empty when there
    /// is none yet or it can't be used.
    pub fn open(dir: &Path, root: &Path) -> Cache {
        let (root, name) = blog_name(root);
        let root = root.as_str();
        let path = dir.join("cache").join(format!("{name}.bin"));
        let entries = fs::read(&path)
            .ok()
            .and_then(|bytes| decode(&bytes, root))
            .unwrap_or_default();
        let mut index = HashMap::with_capacity(entries.len());
        for (at, entry) in entries.iter().enumerate() {
            // Two paths with one hash: the second is read from its file, as if not cached.
            index.entry(path_hash(&entry.file)).or_insert(at);
        }
        Cache {
            path,
            root: root.to_string(),
            changed: AtomicBool::new(entries.is_empty()),
            claims: entries.iter().map(|_| AtomicU8::new(FREE)).collect(),
            entries,
            index,
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// What was learnt of `file` when it had exactly this size and modification time, with
    /// its place in the cache to [`Cache::claim`] it by.
    pub fn get(&self, file: &Path, stat: Stat) -> Option<(usize, &Outcome)> {
        let hit = self
            .index
            .get(&path_hash(file))
            .map(|&at| (at, &self.entries[at]))
            // As bytes: comparing `Path`s walks their components, a noticeable share of a start.
            .filter(|(_, entry)| {
                entry.stat == Some(stat) && entry.file.as_os_str() == file.as_os_str()
            });
        if hit.is_none() {
            self.changed.store(true, Ordering::Relaxed);
        }
        hit.map(|(at, entry)| (at, &entry.outcome))
    }

    /// Takes the entry at `at` for the scan; false when the scan already took it (a file met
    /// twice is read the second time).
    pub fn claim(&self, at: usize, kept: Kept) -> bool {
        let claim = match kept {
            Kept::Listed => LISTED,
            Kept::Unlisted => UNLISTED,
            Kept::Out => OUT,
        };
        self.claims[at]
            .compare_exchange(FREE, claim, Ordering::Relaxed, Ordering::Relaxed)
            .is_ok()
    }

    /// The entries the scan claimed, in the cache's order; those it did not are forgotten
    /// (their files are gone), and the cache will be written again.
    pub fn claimed(&mut self) -> Vec<Seen> {
        let entries = std::mem::take(&mut self.entries);
        let claims = std::mem::take(&mut self.claims);
        let mut left = false;
        let claimed: Vec<Seen> = entries
            .into_iter()
            .zip(claims)
            .filter_map(|(mut entry, claim)| {
                entry.kept = match claim.into_inner() {
                    LISTED => Kept::Listed,
                    UNLISTED => Kept::Unlisted,
                    OUT => Kept::Out,
                    _ => {
                        left = true;
                        return None;
                    }
                };
                Some(entry)
            })
            .collect();
        if left {
            self.changed.store(true, Ordering::Relaxed);
        }
        claimed
    }

    /// Writes the cache again when the scan found anything new or missed anything cached
    /// (a deleted post). `found` is every file the scan read, in the order of the listing.
    pub fn save(self, found: &[Seen]) -> std::io::Result<()> {
        if !self.changed.into_inner() {
            return Ok(());
        }
        let now = SystemTime::now();
        let header = Header {
            stamp: stamp(),
            root: self.root,
        };
        let entries: Vec<EntryRef<'_>> = found
            .iter()
            .filter(|seen| seen.stat.is_some_and(|stat| stat.settled(now)))
            .map(|seen| EntryRef {
                file: &seen.file,
                stat: seen.stat,
                outcome: seen.outcome.as_ref(),
            })
            .collect();
        let mut bytes = postcard::to_stdvec(&header).map_err(std::io::Error::other)?;
        bytes.extend(postcard::to_stdvec(&entries).map_err(std::io::Error::other)?);
        write_atomically(&self.path, &bytes)
    }
}

fn path_hash(file: &Path) -> u64 {
    fnv1a(file.as_os_str().as_encoded_bytes())
}

/// [`Seen`] by reference, to write without copying every post.
#[derive(Serialize)]
struct EntryRef<'a> {
    file: &'a Path,
    stat: Option<Stat>,
    outcome: Result<&'a Post, &'a Problem>,
}

fn decode(bytes: &[u8], root: &str) -> Option<Vec<Seen>> {
    let (header, rest) = postcard::take_from_bytes::<Header>(bytes).ok()?;
    if header.stamp != stamp() || header.root != root {
        return None;
    }
    postcard::from_bytes(rest).ok()
}

/// Temporary file in the same folder, then rename: readers see the old file or the new one.
fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(dir)?;
    let temporary = path.with_extension(format!("tmp{}", std::process::id()));
    let written = fs::File::create(&temporary).and_then(|mut file| file.write_all(bytes));
    match written.and_then(|()| fs::rename(&temporary, path)) {
        Ok(()) => Ok(()),
        Err(error) => {
            let _ = fs::remove_file(&temporary);
            Err(error)
        }
    }
}

#[cfg(test)]
mod tests {
    use std::time::SystemTime;

    use super::*;
    use crate::content::{Library, Source};

    /// Writes a post whose modification time is an hour ago, so the cache trusts it.
    fn write_old(path: &Path, text: &str) -> SystemTime {
        fs::write(path, text).unwrap();
        let when = SystemTime::now() - Duration::from_secs(3600);
        fs::File::options()
            .write(true)
            .open(path)
            .unwrap()
            .set_modified(when)
            .unwrap();
        when
    }

    fn titles(blog: &Path, state: &Path) -> Vec<String> {
        let source = Source::Disk {
            root: blog.to_path_buf(),
            starts: vec![blog.to_path_buf()],
            site: Default::default(),
        };
        let library = Library::load_cached(source, Some(state)).unwrap();
        library.posts().iter().map(|p| p.title.clone()).collect()
    }

    fn cache_file(state: &Path) -> PathBuf {
        let mut files = fs::read_dir(state.join("cache")).unwrap();
        let file = files.next().unwrap().unwrap().path();
        assert!(files.next().is_none(), "one cache file per blog");
        file
    }

    #[test]
    fn an_unchanged_file_is_not_read_again_and_a_changed_one_is() {
        let blog = tempfile::tempdir().unwrap();
        let state = tempfile::tempdir().unwrap();
        let post = blog.path().join("a.md");
        let when = write_old(&post, "---\ntitle: First\n---\nBody.\n");
        assert_eq!(titles(blog.path(), state.path()), ["First"]);

        // Same size, same time: the cache is believed (this is how it saves the reads).
        fs::write(&post, "---\ntitle: Other\n---\nBody.\n").unwrap();
        fs::File::options()
            .write(true)
            .open(&post)
            .unwrap()
            .set_modified(when)
            .unwrap();
        assert_eq!(titles(blog.path(), state.path()), ["First"]);

        // Any change `stat` can see wins over the cache.
        write_old(&post, "---\ntitle: Second one\n---\nBody.\n");
        assert_eq!(titles(blog.path(), state.path()), ["Second one"]);
    }

    #[test]
    fn a_file_written_just_now_is_not_cached() {
        let blog = tempfile::tempdir().unwrap();
        let state = tempfile::tempdir().unwrap();
        write_old(&blog.path().join("old.md"), "# Old\n");
        fs::write(blog.path().join("new.md"), "# New\n").unwrap();
        assert_eq!(titles(blog.path(), state.path()).len(), 2);
        let bytes = fs::read(cache_file(state.path())).unwrap();
        let root = blog_name(blog.path()).0;
        let entries = decode(&bytes, &root).expect("a cache this build reads");
        let files: Vec<&Path> = entries.iter().map(|e| e.file.as_path()).collect();
        assert_eq!(
            files,
            [Path::new("old.md")],
            "only the settled file is cached"
        );
    }

    #[test]
    fn deleted_posts_leave_and_new_ones_arrive() {
        let blog = tempfile::tempdir().unwrap();
        let state = tempfile::tempdir().unwrap();
        write_old(&blog.path().join("a.md"), "# A\n");
        write_old(&blog.path().join("b.md"), "# B\n");
        assert_eq!(titles(blog.path(), state.path()).len(), 2);
        fs::remove_file(blog.path().join("a.md")).unwrap();
        write_old(&blog.path().join("c.md"), "# C\n");
        let mut now = titles(blog.path(), state.path());
        now.sort();
        assert_eq!(now, ["B", "C"]);
    }

    #[test]
    fn a_corrupt_or_foreign_cache_is_ignored_and_rebuilt() {
        let blog = tempfile::tempdir().unwrap();
        let state = tempfile::tempdir().unwrap();
        let post = blog.path().join("a.md");
        write_old(&post, "---\ntitle: Real\n---\n");
        assert_eq!(titles(blog.path(), state.path()), ["Real"]);
        let file = cache_file(state.path());
        let good = fs::read(&file).unwrap();

        for bad in [
            b"not a cache at all".to_vec(),
            good[..good.len() / 2].to_vec(),
            Vec::new(),
        ] {
            fs::write(&file, bad).unwrap();
            assert_eq!(titles(blog.path(), state.path()), ["Real"]);
            assert_eq!(fs::read(&file).unwrap(), good, "rebuilt as it was");
        }

        // A cache another build wrote, claiming a title the file does not have.
        let (root, _) = blog_name(blog.path());
        let stat = Stat::of(&fs::metadata(&post).unwrap());
        let lie = Post::from_bytes(Path::new("a.md"), b"---\ntitle: Lie\n---\n").unwrap();
        let header = Header {
            stamp: "folio-cache/2 0.0.0 another build".into(),
            root,
        };
        let mut bytes = postcard::to_stdvec(&header).unwrap();
        let entries = [EntryRef {
            file: Path::new("a.md"),
            stat: Some(stat),
            outcome: Ok(&lie),
        }];
        bytes.extend(postcard::to_stdvec(&entries[..]).unwrap());
        fs::write(&file, bytes).unwrap();
        assert_eq!(titles(blog.path(), state.path()), ["Real"]);
    }

    #[test]
    fn dates_survive_the_cache_exactly() {
        for written in [
            "2025-12-21",
            "2025-12-21T10:00:00",
            "2025-12-21T10:00:00.123456789+05:30",
            "2024-09-16 21:34:22 +0530",
            "2025-01-01T00:00:00Z",
        ] {
            let date = crate::content::date::parse(written).expect(written);
            let bytes = postcard::to_stdvec(&date).unwrap();
            let back: crate::content::PostDate = postcard::from_bytes(&bytes).unwrap();
            assert_eq!(back, date, "{written}");
            assert_eq!(back.iso(), date.iso());
        }
    }
}
