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
use std::ffi::OsString;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
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
        "folio-cache/1 {} {}:{:?}",
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
    /// Nanoseconds since the epoch.
    modified: Option<u128>,
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
        let now = now
            .duration_since(UNIX_EPOCH)
            .unwrap_or_default()
            .as_nanos();
        self.modified
            .is_some_and(|modified| modified + SETTLE.as_nanos() <= now)
    }
}

fn stamp_time(metadata: &fs::Metadata) -> Option<u128> {
    let modified = metadata.modified().ok()?;
    Some(modified.duration_since(UNIX_EPOCH).ok()?.as_nanos())
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

#[derive(Serialize, Deserialize)]
struct Header {
    stamp: String,
    root: String,
}

#[derive(Serialize, Deserialize)]
struct Entry {
    file: PathBuf,
    stat: Stat,
    outcome: Outcome,
}

/// Entries by file. The map holds only positions: with whole posts in its buckets, building
/// and probing it at 100,000 posts was mostly cache misses.
#[derive(Default)]
struct Entries {
    /// Keyed by the path's raw text: hashing a `Path` walks its components, which was a
    /// noticeable share of a cached start.
    index: HashMap<OsString, usize>,
    slots: Vec<Option<(Stat, Outcome)>>,
}

/// The cache of one blog, loaded: entries are taken out as the scan meets their files.
pub struct Cache {
    path: PathBuf,
    root: String,
    entries: Mutex<Entries>,
    /// Whether what the scan found differs from what was loaded: then it is written again.
    changed: Mutex<bool>,
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
        let changed = entries.index.is_empty();
        Cache {
            path,
            root: root.to_string(),
            entries: Mutex::new(entries),
            changed: Mutex::new(changed),
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// What was learnt of `file` when it had exactly this size and modification time.
    pub fn take(&self, file: &Path, stat: Stat) -> Option<Outcome> {
        let mut entries = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        let slot = entries.index.remove(file.as_os_str());
        let hit = match slot.and_then(|at| entries.slots.get_mut(at)?.take()) {
            Some((cached, outcome)) if cached == stat => Some(outcome),
            _ => None,
        };
        drop(entries);
        if hit.is_none() {
            *self.changed.lock().unwrap_or_else(|p| p.into_inner()) = true;
        }
        hit
    }

    /// Writes the cache again when the scan found anything new or missed anything cached
    /// (a deleted post). `found` is every file the scan read, with its outcome.
    pub fn save<'a>(
        self,
        found: impl Iterator<Item = (&'a Path, Stat, Result<&'a Post, &'a Problem>)>,
    ) -> std::io::Result<()> {
        let left = self.entries.into_inner().unwrap_or_else(|p| p.into_inner());
        let changed = self.changed.into_inner().unwrap_or_else(|p| p.into_inner());
        if !changed && left.index.is_empty() {
            return Ok(());
        }
        let now = SystemTime::now();
        let header = Header {
            stamp: stamp(),
            root: self.root,
        };
        let entries: Vec<EntryRef<'_>> = found
            .filter(|(_, stat, _)| stat.settled(now))
            .map(|(file, stat, outcome)| EntryRef {
                file,
                stat,
                outcome,
            })
            .collect();
        let mut bytes = postcard::to_stdvec(&header).map_err(std::io::Error::other)?;
        bytes.extend(postcard::to_stdvec(&entries).map_err(std::io::Error::other)?);
        write_atomically(&self.path, &bytes)
    }
}

/// [`Entry`] by reference, to write without copying every post.
#[derive(Serialize)]
struct EntryRef<'a> {
    file: &'a Path,
    stat: Stat,
    outcome: Result<&'a Post, &'a Problem>,
}

fn decode(bytes: &[u8], root: &str) -> Option<Entries> {
    let (header, rest) = postcard::take_from_bytes::<Header>(bytes).ok()?;
    if header.stamp != stamp() || header.root != root {
        return None;
    }
    let entries: Vec<Entry> = postcard::from_bytes(rest).ok()?;
    let mut index = HashMap::with_capacity(entries.len());
    let mut slots = Vec::with_capacity(entries.len());
    for entry in entries {
        index.insert(entry.file.into_os_string(), slots.len());
        slots.push(Some((entry.stat, entry.outcome)));
    }
    Some(Entries { index, slots })
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
        assert_eq!(
            entries.index.keys().collect::<Vec<_>>(),
            [&OsString::from("old.md")],
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
            stamp: "folio-cache/1 0.0.0 another build".into(),
            root,
        };
        let mut bytes = postcard::to_stdvec(&header).unwrap();
        let entries = [EntryRef {
            file: Path::new("a.md"),
            stat,
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
