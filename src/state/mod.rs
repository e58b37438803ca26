//! What a reader remembers about each blog between runs: which posts were read, where each
//! was left, and the post last open.
//!
//! One JSON file per blog under the state directory, named after a hash of the content root so
//! two blogs never share one. Files are replaced atomically (temporary file, fsync, rename), so
//! a crash or a full disk leaves the previous state, never half of one. A file that can't be
//! understood is moved aside and reported, never deleted, never fatal. Two folio processes
//! reading one blog merge their states on save (see [`merge`]), so neither loses the other's
//! read marks or places.

mod merge;

use std::collections::BTreeMap;
use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::content::{Post, Source, cache};
use crate::sanitize;

/// Written into every state file; a file without it is not ours.
const FORMAT: &str = "folio-state/1";

/// Where state files live: `FOLIO_STATE_DIR`, else `$XDG_STATE_HOME/folio` or the platform's
/// equivalent. `None` when there is no home to put it in.
pub fn state_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("FOLIO_STATE_DIR").filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    use etcetera::BaseStrategy;
    let base = etcetera::choose_base_strategy().ok()?;
    let dir = base.state_dir().unwrap_or_else(|| base.data_dir());
    Some(dir.join("folio"))
}

/// Where a post was left, in terms that survive a new terminal width (which changes the
/// number of lines) and edits elsewhere in the post: the heading above the top line and how
/// far through its section, with the fraction of the whole post for when the heading is gone.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Place {
    #[serde(default)]
    pub fraction: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub heading: Option<String>,
    #[serde(default)]
    pub within: f64,
}

impl Place {
    pub fn is_top(&self) -> bool {
        self.fraction == 0.0 && self.heading.is_none()
    }

    /// The same place with numbers a corrupt or hand-edited file can't make strange.
    fn clamped(mut self) -> Place {
        let unit = |x: f64| {
            if x.is_finite() {
                x.clamp(0.0, 1.0)
            } else {
                0.0
            }
        };
        self.fraction = unit(self.fraction);
        self.within = unit(self.within);
        self
    }
}

/// What is remembered about one post.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PostState {
    /// Title and date hashed: finds the post again after its file was renamed.
    pub identity: String,
    #[serde(default)]
    pub read: bool,
    #[serde(flatten)]
    pub place: Place,
    /// When this process or another last changed the entry, in milliseconds since the epoch:
    /// the newer change wins when two states merge.
    #[serde(default)]
    pub changed: u64,
    /// When the post was last seen in the blog, in seconds since the epoch: entries for posts
    /// gone for long are pruned.
    #[serde(default)]
    pub seen: u64,
}

/// The remembered state of one blog, keyed by each post's path relative to the content root.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ReadingState {
    #[serde(default)]
    pub last_open: Option<String>,
    /// When `last_open` was set, in milliseconds since the epoch.
    #[serde(default)]
    pub last_open_at: u64,
    #[serde(default)]
    pub posts: BTreeMap<String, PostState>,
}

/// The file on disk as written.
#[derive(Serialize, Deserialize)]
struct StateFile {
    format: String,
    root: String,
    #[serde(flatten)]
    state: ReadingState,
}

/// A stable identity for a post that does not depend on its path.
pub fn identity(post: &Post) -> String {
    let date = post.date.map(|d| d.to_string()).unwrap_or_default();
    format!(
        "{:016x}",
        fnv1a(&[post.title.as_bytes(), b"\0", date.as_bytes()])
    )
}

/// FNV-1a: small and stable across Rust releases, unlike the std hasher.
fn fnv1a(parts: &[&[u8]]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in parts.iter().flat_map(|p| p.iter()) {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

impl ReadingState {
    pub fn get(&self, post: &Post) -> Option<&PostState> {
        self.posts.get(&post.path)
    }

    pub fn is_read(&self, post: &Post) -> bool {
        self.get(post).is_some_and(|s| s.read)
    }

    /// Where the post was left.
    pub fn place(&self, post: &Post) -> Place {
        self.get(post)
            .map(|s| s.place.clone().clamped())
            .unwrap_or_default()
    }

    /// The post's entry, made if need be, marked as changed now.
    fn entry(&mut self, post: &Post) -> &mut PostState {
        let entry = self
            .posts
            .entry(post.path.clone())
            .or_insert_with(|| PostState {
                identity: identity(post),
                read: false,
                place: Place::default(),
                changed: 0,
                seen: merge::now_seconds(),
            });
        entry.changed = merge::now_millis();
        entry
    }

    /// Remembers `post` as the one open last.
    pub fn open(&mut self, post: &Post) {
        self.last_open = Some(post.path.clone());
        self.last_open_at = merge::now_millis();
    }

    pub fn set_read(&mut self, post: &Post, read: bool) {
        self.entry(post).read = read;
    }

    /// Remembers where a post was left; a post only glanced at leaves no entry.
    pub fn set_place(&mut self, post: &Post, place: Place) {
        if place.is_top() && self.get(post).is_none() {
            return;
        }
        self.entry(post).place = place.clamped();
    }

    /// Matches remembered posts to the library: an entry whose path is gone moves to the post
    /// with the same identity that has no entry of its own (the file was renamed). Entries that
    /// match nothing are kept, in case the post comes back.
    pub fn reconcile(&mut self, posts: &[Post]) {
        let present: std::collections::HashSet<&str> =
            posts.iter().map(|p| p.path.as_str()).collect();
        let gone: Vec<String> = self
            .posts
            .keys()
            .filter(|path| !present.contains(path.as_str()))
            .cloned()
            .collect();
        // Hashing every post's identity is only worth it when some entry lost its file: on a
        // big blog with no renames it was a noticeable part of the start.
        if !gone.is_empty() {
            self.claim(gone, posts);
        }
        self.mark_seen(posts);
    }

    /// As [`ReadingState::reconcile`], after changes on disk: the entries of the posts whose
    /// paths are `gone` move to the post among `arrived` with the same identity. Returns the
    /// paths of the posts that took an entry over.
    pub fn reconcile_changes(&mut self, gone: Vec<String>, arrived: &[Post]) -> Vec<String> {
        self.claim(gone, arrived)
    }

    /// Moves each entry of a path in `gone` to the post in `posts` with the same identity that
    /// has no entry of its own; returns the paths that took one over.
    fn claim(&mut self, gone: Vec<String>, posts: &[Post]) -> Vec<String> {
        let mut unclaimed: BTreeMap<String, &Post> = BTreeMap::new();
        for post in posts.iter().filter(|p| !self.posts.contains_key(&p.path)) {
            unclaimed.entry(identity(post)).or_insert(post);
        }
        let mut claimed = Vec::new();
        for old in gone {
            let Some(known) = self.posts.get(&old) else {
                continue;
            };
            let Some(post) = unclaimed.remove(&known.identity) else {
                continue;
            };
            if let Some(entry) = self.posts.remove(&old) {
                if self.last_open.as_deref() == Some(old.as_str()) {
                    self.last_open = Some(post.path.clone());
                }
                self.posts.insert(post.path.clone(), entry);
                claimed.push(post.path.clone());
            }
        }
        claimed
    }

    /// A post's file moved from one path to another.
    pub fn rename(&mut self, from: &str, to: &str) {
        if let Some(entry) = self.posts.remove(from) {
            self.posts.insert(to.to_string(), entry);
        }
        if self.last_open.as_deref() == Some(from) {
            self.last_open = Some(to.to_string());
        }
    }
}

/// The state file of one blog.
#[derive(Debug, Clone)]
pub struct Store {
    path: PathBuf,
    root: String,
}

impl Store {
    /// The file for `source` in `dir`: the sample blog has its own; a folder is keyed by its
    /// canonical path, so `.` and its full path are the same blog.
    pub fn for_source(dir: &Path, source: &Source) -> Store {
        let (root, name) = match source {
            Source::Sample => (
                "sample:".to_string(),
                format!("sample-{:016x}", fnv1a(&[b"sample:"])),
            ),
            Source::Disk { root, .. } => cache::blog_name(root),
            Source::Stdin(_) => (
                "stdin:".to_string(),
                format!("stdin-{:016x}", fnv1a(&[b"stdin:"])),
            ),
        };
        Store {
            path: dir.join(format!("{name}.json")),
            root,
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The remembered state, empty when there is none yet. A file that isn't a folio state
    /// file for this blog is renamed to `*.corrupt-<seconds>` and the returned warning says so.
    pub fn load(&self) -> (ReadingState, Option<String>) {
        let (state, warning) = self.read();
        (state, warning.map(|w| sanitize::line(&w).into_owned()))
    }

    fn read(&self) -> (ReadingState, Option<String>) {
        let bytes = match fs::read(&self.path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                return (ReadingState::default(), None);
            }
            Err(e) => {
                let reason = crate::error::reason(&e);
                let warning = format!("couldn't read {}: {reason}", self.path.display());
                return (ReadingState::default(), Some(warning));
            }
        };
        match serde_json::from_slice::<StateFile>(&bytes) {
            Ok(file) if file.format == FORMAT && file.root == self.root => (file.state, None),
            _ => (ReadingState::default(), Some(self.set_aside())),
        }
    }

    fn set_aside(&self) -> String {
        let seconds = jiff::Timestamp::now().as_second();
        let mut aside = self.path.clone().into_os_string();
        aside.push(format!(".corrupt-{seconds}"));
        let aside = PathBuf::from(aside);
        match fs::rename(&self.path, &aside) {
            Ok(()) => format!(
                "reading state was unreadable; moved it to {} and started afresh",
                aside.display()
            ),
            Err(e) => format!(
                "reading state {} is unreadable and couldn't be moved aside ({}); it won't be saved",
                self.path.display(),
                crate::error::reason(&e)
            ),
        }
    }

    /// Writes the state atomically; on failure the previous file is untouched.
    fn write(&self, state: &ReadingState) -> io::Result<()> {
        let file = StateFile {
            format: FORMAT.to_string(),
            root: self.root.clone(),
            state: state.clone(),
        };
        let bytes = serde_json::to_vec_pretty(&file).map_err(io::Error::other)?;
        write_atomic(&self.path, |out| out.write_all(&bytes))
    }
}

/// Replaces `path` with what `fill` writes: into a temporary file in the same folder, synced,
/// then renamed over `path`, then the folder synced so the rename itself is durable.
pub fn write_atomic(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    fs::create_dir_all(dir)?;
    let mut temp_name = path.file_name().unwrap_or_default().to_os_string();
    temp_name.push(format!(".tmp-{}", std::process::id()));
    let temp = dir.join(temp_name);
    let written = (|| {
        let mut file = private_file(&temp)?;
        fill(&mut file)?;
        file.sync_all()?;
        fs::rename(&temp, path)
    })();
    if let Err(error) = written {
        let _ = fs::remove_file(&temp);
        return Err(error);
    }
    if let Ok(dir) = File::open(dir) {
        let _ = dir.sync_all();
    }
    Ok(())
}

/// A new file only its owner can read: what someone reads is nobody else's business.
fn private_file(path: &Path) -> io::Result<File> {
    let mut options = fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(super) fn post(path: &str, title: &str) -> Post {
        let text = format!("---\ntitle: {title}\ndate: 2024-05-01\n---\nbody\n");
        Post::from_bytes(Path::new(path), text.as_bytes()).unwrap()
    }

    pub(super) fn store(dir: &Path) -> Store {
        let root = dir.join("blog");
        fs::create_dir_all(&root).unwrap();
        Store::for_source(
            &dir.join("state"),
            &Source::Disk {
                root: root.clone(),
                starts: vec![root],
                site: Default::default(),
            },
        )
    }

    #[test]
    fn state_survives_a_save_and_a_load() {
        let dir = tempfile::tempdir().unwrap();
        let store = store(dir.path());
        let mut state = ReadingState::default();
        let a = post("a.md", "A");
        state.set_read(&a, true);
        let half = Place {
            fraction: 0.5,
            heading: Some("Crumb".into()),
            within: 0.25,
        };
        state.set_place(&a, half.clone());
        state.last_open = Some("a.md".into());
        store.save(&state).unwrap();
        let (loaded, warning) = store.load();
        assert_eq!(warning, None);
        assert_eq!(loaded, state);
        assert!(loaded.is_read(&a));
        assert_eq!(loaded.place(&a), half);
    }

    #[test]
    fn no_file_yet_is_an_empty_state_without_warning() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(store(dir.path()).load(), (ReadingState::default(), None));
    }

    #[test]
    fn a_failed_write_leaves_the_old_state() {
        let dir = tempfile::tempdir().unwrap();
        let store = store(dir.path());
        let mut state = ReadingState::default();
        state.set_read(&post("a.md", "A"), true);
        store.save(&state).unwrap();
        let before = fs::read(store.path()).unwrap();
        let failed = write_atomic(store.path(), |out| {
            out.write_all(b"{\"format\": \"folio-st")?;
            Err(io::Error::new(io::ErrorKind::StorageFull, "disk full"))
        });
        assert!(failed.is_err());
        assert_eq!(fs::read(store.path()).unwrap(), before);
        let leftovers = fs::read_dir(store.path().parent().unwrap())
            .unwrap()
            .filter(|e| e.as_ref().unwrap().path() != store.path().with_extension("lock"))
            .count();
        assert_eq!(leftovers, 1, "the temporary file is cleaned up");
    }

    #[test]
    fn an_unwritable_temporary_file_fails_the_save_and_keeps_the_old_state() {
        let dir = tempfile::tempdir().unwrap();
        let store = store(dir.path());
        let mut state = ReadingState::default();
        state.set_read(&post("a.md", "A"), true);
        store.save(&state).unwrap();
        let mut temp = store.path().file_name().unwrap().to_os_string();
        temp.push(format!(".tmp-{}", std::process::id()));
        fs::create_dir(store.path().with_file_name(temp)).unwrap();
        state.set_read(&post("b.md", "B"), true);
        assert!(store.save(&state).is_err());
        let (kept, warning) = store.load();
        assert_eq!(warning, None);
        assert!(kept.is_read(&post("a.md", "A")));
        assert!(!kept.is_read(&post("b.md", "B")));
    }

    #[test]
    fn a_corrupt_file_is_set_aside_with_a_warning() {
        let dir = tempfile::tempdir().unwrap();
        let store = store(dir.path());
        fs::create_dir_all(store.path().parent().unwrap()).unwrap();
        fs::write(store.path(), b"{ not json").unwrap();
        let (state, warning) = store.load();
        assert_eq!(state, ReadingState::default());
        assert!(warning.unwrap().contains("corrupt-"));
        let names: Vec<String> = fs::read_dir(store.path().parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names.len(), 1);
        assert!(names[0].contains(".json.corrupt-"), "{names:?}");
        assert_eq!(
            fs::read(store.path().with_file_name(&names[0])).unwrap(),
            b"{ not json"
        );
    }

    #[test]
    fn a_foreign_json_file_is_set_aside_too() {
        let dir = tempfile::tempdir().unwrap();
        let store = store(dir.path());
        fs::create_dir_all(store.path().parent().unwrap()).unwrap();
        fs::write(store.path(), br#"{"format": "other", "root": "x"}"#).unwrap();
        let (_, warning) = store.load();
        assert!(warning.is_some());
        assert!(!store.path().exists());
    }

    #[test]
    fn a_renamed_post_keeps_its_read_state() {
        let mut state = ReadingState::default();
        state.set_read(&post("old-name.md", "Bread"), true);
        let place = Place {
            fraction: 0.3,
            ..Place::default()
        };
        state.set_place(&post("old-name.md", "Bread"), place.clone());
        state.last_open = Some("old-name.md".into());
        let posts = [post("new-name.md", "Bread"), post("other.md", "Other")];
        state.reconcile(&posts);
        assert!(state.is_read(&posts[0]));
        assert_eq!(state.place(&posts[0]), place);
        assert!(!state.is_read(&posts[1]));
        assert_eq!(state.last_open.as_deref(), Some("new-name.md"));
    }

    #[test]
    fn blogs_and_the_sample_get_their_own_files() {
        let dir = tempfile::tempdir().unwrap();
        let a = store(dir.path());
        let sample = Store::for_source(dir.path(), &Source::Sample);
        let other_root = dir.path().join("other");
        fs::create_dir_all(&other_root).unwrap();
        let b = Store::for_source(
            dir.path(),
            &Source::Disk {
                root: other_root.clone(),
                starts: vec![other_root],
                site: Default::default(),
            },
        );
        assert_ne!(a.path().file_name(), b.path().file_name());
        assert_ne!(a.path().file_name(), sample.path().file_name());
    }
}
