//! Following the content folder while reading: file system events, debounced, become a short
//! list of [`Change`]s to posts that the app applies.
//!
//! Editors save in bursts (several writes, or a temporary file renamed over the post); the
//! debouncer folds a burst into one event per file, and [`changes`] folds what is left into at
//! most one change per post, so a save is one reload.

use std::any::Any;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver};
use std::time::Duration;

use notify::event::{EventKind, ModifyKind, RenameMode};
use notify::{Event, PollWatcher, RecursiveMode};
use notify_debouncer_full::{
    DebounceEventResult, Debouncer, FileIdCache, NoCache, new_debouncer, new_debouncer_opt,
};

use crate::content::discover;
use crate::sanitize;

/// How long the folder must be quiet before a burst of events is reported.
const DEBOUNCE: Duration = Duration::from_millis(200);

/// How often a folder that can't be followed is looked at instead.
const POLL_INTERVAL: Duration = Duration::from_secs(2);

/// A change to a post file; paths are relative to the content root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    Modified(PathBuf),
    Created(PathBuf),
    Removed(PathBuf),
    Renamed(PathBuf, PathBuf),
}

/// A running watch of one content root. Dropping it stops watching.
pub struct Watcher {
    root: PathBuf,
    starts: Vec<PathBuf>,
    events: Receiver<DebounceEventResult>,
    /// Set when the folder is polled rather than followed, for the status bar.
    pub note: Option<String>,
    /// Kept only to keep watching; whichever kind of watcher it is.
    _debouncer: Box<dyn Any + Send>,
}

/// Watches each start of a blog with `debouncer`.
fn follow<T: notify::Watcher, C: FileIdCache>(
    mut debouncer: Debouncer<T, C>,
    starts: &[PathBuf],
) -> notify::Result<Debouncer<T, C>> {
    for start in starts {
        if start.is_dir() {
            debouncer.watch(start, RecursiveMode::Recursive)?;
        } else {
            let folder = start.parent().filter(|p| !p.as_os_str().is_empty());
            debouncer.watch(
                folder.unwrap_or(Path::new(".")),
                RecursiveMode::NonRecursive,
            )?;
        }
    }
    Ok(debouncer)
}

impl Watcher {
    /// Starts watching what a blog reads: each folder of `starts` with everything below it,
    /// and for a single post the folder it is in (editors replace the file when saving, so
    /// the file itself can't be followed). When the system's notifications can't be had (too
    /// many folders, a network mount), the folder is polled instead and `note` says so.
    pub fn start(root: &Path, starts: &[PathBuf]) -> notify::Result<Watcher> {
        let (tx, events) = mpsc::channel();
        let (debouncer, note): (Box<dyn Any + Send>, _) =
            match new_debouncer(DEBOUNCE, None, tx.clone()).and_then(|d| follow(d, starts)) {
                Ok(native) => (Box::new(native), None),
                Err(error) => {
                    let config = notify::Config::default().with_poll_interval(POLL_INTERVAL);
                    let polling = new_debouncer_opt::<_, PollWatcher, NoCache>(
                        DEBOUNCE, None, tx, NoCache, config,
                    )
                    .and_then(|d| follow(d, starts))?;
                    let note = format!(
                        "checking the folder for changes every {} s ({error})",
                        POLL_INTERVAL.as_secs()
                    );
                    (Box::new(polling), Some(sanitize::line(&note).into_owned()))
                }
            };
        Ok(Watcher {
            root: root.to_path_buf(),
            starts: starts.to_vec(),
            events,
            note,
            _debouncer: debouncer,
        })
    }

    /// The changes reported since the last call, without waiting. Errors (an overflowed
    /// event queue) are returned as text for the status bar.
    pub fn poll(&self) -> (Vec<Change>, Option<String>) {
        let mut events = Vec::new();
        let mut error = None;
        while let Ok(result) = self.events.try_recv() {
            match result {
                Ok(batch) => events.extend(batch.into_iter().map(|e| e.event)),
                Err(errors) => {
                    error = errors
                        .first()
                        .map(|e| sanitize::line(&format!("watching the folder: {e}")).into_owned());
                }
            }
        }
        if events.is_empty() {
            return (Vec::new(), error);
        }
        (changes(&events, &self.root, &self.starts), error)
    }
}

/// What happened to one path over a batch of events.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fate {
    Created,
    Modified,
    Removed,
}

/// Folds file system events into one change per post file that the blog reads (below one of
/// `starts`, outside hidden and build folders; paths relative to `root`): created then
/// modified is created; created then removed is nothing; removed then created (a save by
/// rename) is modified; a rename between two post names is a rename, and a rename from or to
/// another name (an editor's temporary file) is the post's creation, change or removal.
pub fn changes(events: &[Event], root: &Path, starts: &[PathBuf]) -> Vec<Change> {
    let canonical = std::fs::canonicalize(root).ok();
    let starts: Vec<&Path> = starts
        .iter()
        .map(|start| start.strip_prefix(root).unwrap_or(start))
        .collect();
    let relative = |path: &Path| -> Option<PathBuf> {
        let inside = path
            .strip_prefix(root)
            .ok()
            .or_else(|| path.strip_prefix(canonical.as_deref()?).ok())?;
        let read = starts.iter().any(|start| {
            inside
                .strip_prefix(start)
                .is_ok_and(|below| !discover::in_skipped_folder(below))
        });
        (read && discover::is_post_file(inside)).then(|| inside.to_path_buf())
    };
    let mut fates: BTreeMap<PathBuf, Fate> = BTreeMap::new();
    let mut renames: Vec<(PathBuf, PathBuf)> = Vec::new();
    let record = |path: &Path, fate: Fate, fates: &mut BTreeMap<PathBuf, Fate>| {
        let Some(path) = relative(path) else {
            return;
        };
        let merged = match (fates.get(&path), fate) {
            (None, fate) => Some(fate),
            (Some(Fate::Created), Fate::Modified) => Some(Fate::Created),
            (Some(Fate::Created), Fate::Removed) => None,
            (Some(Fate::Removed), Fate::Created | Fate::Modified) => Some(Fate::Modified),
            (Some(_), fate) => Some(fate),
        };
        match merged {
            Some(fate) => fates.insert(path, fate),
            None => fates.remove(&path),
        };
    };
    for event in events {
        match event.kind {
            EventKind::Create(_) => {
                for path in &event.paths {
                    record(path, Fate::Created, &mut fates);
                }
            }
            EventKind::Remove(_) => {
                for path in &event.paths {
                    record(path, Fate::Removed, &mut fates);
                }
            }
            EventKind::Modify(ModifyKind::Name(RenameMode::Both)) if event.paths.len() == 2 => {
                let (from, to) = (&event.paths[0], &event.paths[1]);
                match (relative(from), relative(to)) {
                    (Some(from), Some(to)) if !fates.contains_key(&from) => {
                        renames.push((from, to));
                    }
                    _ => {
                        record(from, Fate::Removed, &mut fates);
                        record(to, Fate::Created, &mut fates);
                    }
                }
            }
            EventKind::Modify(ModifyKind::Name(RenameMode::From)) => {
                for path in &event.paths {
                    record(path, Fate::Removed, &mut fates);
                }
            }
            EventKind::Modify(ModifyKind::Name(RenameMode::To)) => {
                for path in &event.paths {
                    record(path, Fate::Created, &mut fates);
                }
            }
            EventKind::Modify(ModifyKind::Metadata(_)) | EventKind::Access(_) => {}
            EventKind::Modify(_) | EventKind::Any | EventKind::Other => {
                for path in &event.paths {
                    record(path, Fate::Modified, &mut fates);
                }
            }
        }
    }
    let mut out: Vec<Change> = renames
        .into_iter()
        .map(|(from, to)| Change::Renamed(from, to))
        .collect();
    out.extend(fates.into_iter().map(|(path, fate)| match fate {
        Fate::Created => Change::Created(path),
        Fate::Modified => Change::Modified(path),
        Fate::Removed => Change::Removed(path),
    }));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::{CreateKind, DataChange, RemoveKind};

    fn root() -> PathBuf {
        PathBuf::from("/blog/content")
    }

    fn event(kind: EventKind, paths: &[&str]) -> Event {
        paths
            .iter()
            .fold(Event::new(kind), |e, p| e.add_path(root().join(p)))
    }

    fn write(path: &str) -> Event {
        event(
            EventKind::Modify(ModifyKind::Data(DataChange::Any)),
            &[path],
        )
    }

    fn create(path: &str) -> Event {
        event(EventKind::Create(CreateKind::File), &[path])
    }

    fn remove(path: &str) -> Event {
        event(EventKind::Remove(RemoveKind::File), &[path])
    }

    fn rename(from: &str, to: &str) -> Event {
        event(
            EventKind::Modify(ModifyKind::Name(RenameMode::Both)),
            &[from, to],
        )
    }

    fn p(path: &str) -> PathBuf {
        PathBuf::from(path)
    }

    #[test]
    fn a_burst_of_writes_is_one_modification() {
        let events = [
            write("posts/a.md"),
            write("posts/a.md"),
            write("posts/a.md"),
        ];
        assert_eq!(
            changes(&events, &root(), &[root()]),
            [Change::Modified(p("posts/a.md"))]
        );
    }

    #[test]
    fn saving_through_a_temporary_file_is_a_modification() {
        let events = [
            create("posts/.a.md.swp"),
            write("posts/.a.md.swp"),
            rename("posts/.a.md.swp", "posts/a.md"),
        ];
        assert_eq!(
            changes(&events, &root(), &[root()]),
            [Change::Created(p("posts/a.md"))],
            "the app reads an existing post again on creation"
        );
        let events = [
            remove("posts/a.md"),
            create("posts/a.md"),
            write("posts/a.md"),
        ];
        assert_eq!(
            changes(&events, &root(), &[root()]),
            [Change::Modified(p("posts/a.md"))]
        );
    }

    #[test]
    fn new_and_deleted_posts() {
        let events = [create("new.md"), write("new.md"), remove("old.md")];
        assert_eq!(
            changes(&events, &root(), &[root()]),
            [Change::Created(p("new.md")), Change::Removed(p("old.md"))]
        );
        assert_eq!(
            changes(
                &[create("brief.md"), remove("brief.md")],
                &root(),
                &[root()]
            ),
            []
        );
    }

    #[test]
    fn a_rename_between_post_names_is_a_rename() {
        assert_eq!(
            changes(&[rename("a.md", "b.md")], &root(), &[root()]),
            [Change::Renamed(p("a.md"), p("b.md"))]
        );
        assert_eq!(
            changes(&[rename("a.md", "a.md.bak")], &root(), &[root()]),
            [Change::Removed(p("a.md"))]
        );
    }

    #[test]
    fn files_that_are_not_posts_or_outside_the_root_are_ignored() {
        let outside = Event::new(EventKind::Create(CreateKind::File))
            .add_path(PathBuf::from("/elsewhere/x.md"));
        let events = [write("image.png"), write("notes.txt"), outside];
        assert_eq!(changes(&events, &root(), &[root()]), []);
    }

    #[test]
    fn only_what_the_blog_reads_counts() {
        let jekyll = [root().join("_posts"), root().join("_drafts")];
        let events = [
            write("_posts/a.md"),
            write("README.md"),
            write("_site/_posts/a.md"),
            write("_posts/.hidden/b.md"),
            write("_posts/node_modules/c.md"),
        ];
        assert_eq!(
            changes(&events, &root(), &jekyll),
            [Change::Modified(p("_posts/a.md"))]
        );
        let single = [root().join("one.md")];
        let events = [write("one.md"), write("two.md")];
        assert_eq!(
            changes(&events, &root(), &single),
            [Change::Modified(p("one.md"))]
        );
    }
}
