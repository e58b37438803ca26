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
use std::sync::{Arc, Mutex, PoisonError};
use std::thread;
use std::time::Duration;

use notify::event::{EventKind, ModifyKind, RenameMode};
use notify::{Event, PollWatcher, RecursiveMode};
use notify_debouncer_full::{
    DebounceEventResult, Debouncer, FileIdCache, NoCache, new_debouncer, new_debouncer_opt,
};

use crate::content::discover::{self, WalkRules};
use crate::content::shift::Shift;
use crate::content::{Library, Post};
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

impl Change {
    /// Puts the change into `library`: `fresh` is the post the file now holds, read off the
    /// UI thread (`None`: gone, or no longer a post). Notes in `shifts` how positions moved.
    pub fn apply_to(&self, library: &mut Library, fresh: Option<Post>, shifts: &mut Vec<Shift>) {
        match self {
            Change::Modified(file) | Change::Created(file) => {
                let (taken, put) = library.put(file, fresh);
                shifts.extend(taken.map(Shift::Lifted));
                shifts.extend(put.map(Shift::Put));
            }
            Change::Removed(file) => shifts.extend(library.remove(file).map(Shift::Dropped)),
            Change::Renamed(from, to) => {
                shifts.extend(library.remove(from).map(Shift::Lifted));
                let (written_over, put) = library.put(to, fresh);
                shifts.extend(written_over.map(Shift::Dropped));
                shifts.extend(put.map(Shift::Put));
            }
        }
        shifts.push(Shift::End);
    }
}

/// A running watch of one content root. Dropping it stops watching.
pub struct Watcher {
    root: PathBuf,
    starts: Vec<PathBuf>,
    rules: WalkRules,
    events: Receiver<DebounceEventResult>,
    /// What setting up the watch had to say: it fell back to polling, or failed.
    setup: Receiver<String>,
    /// Kept only to keep watching, once set up; whichever kind of watcher it is.
    _debouncer: Arc<Mutex<Option<Box<dyn Any + Send>>>>,
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

/// Follows `starts` natively, else by polling; says so when it had to poll or couldn't watch.
fn set_up(
    starts: &[PathBuf],
    tx: mpsc::Sender<DebounceEventResult>,
) -> (Option<Box<dyn Any + Send>>, Option<String>) {
    match new_debouncer(DEBOUNCE, None, tx.clone()).and_then(|d| follow(d, starts)) {
        Ok(native) => (Some(Box::new(native)), None),
        Err(error) => {
            let config = notify::Config::default().with_poll_interval(POLL_INTERVAL);
            let polling =
                new_debouncer_opt::<_, PollWatcher, NoCache>(DEBOUNCE, None, tx, NoCache, config)
                    .and_then(|d| follow(d, starts));
            match polling {
                Ok(polling) => {
                    let note = format!(
                        "checking the folder for changes every {} s ({error})",
                        POLL_INTERVAL.as_secs()
                    );
                    (Some(Box::new(polling)), Some(note))
                }
                Err(error) => {
                    let note =
                        format!("not following changes to the folder ({error}); press r to reload");
                    (None, Some(note))
                }
            }
        }
    }
}

impl Watcher {
    /// Starts watching what a blog reads: each folder of `starts` with everything below it,
    /// and for a single post the folder it is in (editors replace the file when saving, so
    /// the file itself can't be followed). Registering thousands of folders takes a while,
    /// so it happens on a thread of its own and the first frame need not wait for it. When
    /// the system's notifications can't be had (too many folders, a network mount), the
    /// folder is polled instead, and the next [`Watcher::poll`] says so.
    pub fn start(root: &Path, starts: &[PathBuf], rules: WalkRules) -> Watcher {
        let (tx, events) = mpsc::channel();
        let (report, setup) = mpsc::channel();
        let slot: Arc<Mutex<Option<Box<dyn Any + Send>>>> = Arc::default();
        let kept = Arc::clone(&slot);
        let folders = starts.to_vec();
        let reporter = report.clone();
        let spawned = thread::Builder::new()
            .name("watch-set-up".into())
            .spawn(move || {
                let (debouncer, note) = set_up(&folders, tx);
                *kept.lock().unwrap_or_else(PoisonError::into_inner) = debouncer;
                if let Some(note) = note {
                    // The watcher may be gone already; then nobody needs the note.
                    drop(reporter.send(note));
                }
            });
        if let Err(error) = spawned {
            let note = format!("not following changes to the folder ({error}); press r to reload");
            drop(report.send(note));
        }
        Watcher {
            root: root.to_path_buf(),
            starts: starts.to_vec(),
            rules,
            events,
            setup,
            _debouncer: slot,
        }
    }

    /// The changes reported since the last call, without waiting. Errors (an overflowed
    /// event queue, a watch that fell back to polling or failed) are returned as text for
    /// the status bar; events may have been missed then.
    pub fn poll(&self) -> (Vec<Change>, Option<String>) {
        let mut events = Vec::new();
        let mut error = self
            .setup
            .try_recv()
            .ok()
            .map(|note| sanitize::line(&note).into_owned());
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
        (
            changes(&events, &self.root, &self.starts, self.rules),
            error,
        )
    }
}

/// Folds file system events into one change per post file that the blog reads (below one of
/// `starts`, outside the folders its walk with `rules` skips; paths relative to `root`),
/// then checks each
/// touched path on disk, since the events of one burst may arrive folded or out of order
/// (delete `b`, then rename `a` over it: `b` now holds what `a` held). A path that exists
/// is created or modified, one that does not is removed; a rename (chains folded) stands
/// only when its source is gone and its target is there. Renames the events miss are found
/// by the reading state's identity hash when the app reconciles it.
pub fn changes(events: &[Event], root: &Path, starts: &[PathBuf], rules: WalkRules) -> Vec<Change> {
    changes_on(events, root, starts, rules, &|path| {
        root.join(path).is_file()
    })
}

/// [`changes`] with `exists` telling whether a post file (relative to `root`) is there now.
fn changes_on(
    events: &[Event],
    root: &Path,
    starts: &[PathBuf],
    rules: WalkRules,
    exists: &dyn Fn(&Path) -> bool,
) -> Vec<Change> {
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
                .is_ok_and(|below| !discover::in_skipped_folder(below, rules))
        });
        (read && discover::is_post_file(inside)).then(|| inside.to_path_buf())
    };
    // Every post path touched, with whether the events say it was created, and the renames.
    let mut touched: BTreeMap<PathBuf, bool> = BTreeMap::new();
    let mut renames: Vec<(PathBuf, PathBuf)> = Vec::new();
    let mut touch = |path: &Path, created: bool| {
        if let Some(path) = relative(path) {
            let was_created = touched.entry(path).or_insert(false);
            *was_created |= created;
        }
    };
    for event in events {
        match event.kind {
            EventKind::Modify(ModifyKind::Name(RenameMode::Both)) if event.paths.len() == 2 => {
                let (from, to) = (&event.paths[0], &event.paths[1]);
                if let (Some(from), Some(to)) = (relative(from), relative(to)) {
                    match renames.iter_mut().find(|(_, end)| *end == from) {
                        Some(chain) => chain.1 = to,
                        None => renames.push((from, to)),
                    }
                } else {
                    touch(from, false);
                    touch(to, true);
                }
            }
            EventKind::Create(_) | EventKind::Modify(ModifyKind::Name(RenameMode::To)) => {
                event.paths.iter().for_each(|path| touch(path, true));
            }
            EventKind::Modify(ModifyKind::Metadata(_)) | EventKind::Access(_) => {}
            EventKind::Remove(_) | EventKind::Modify(_) | EventKind::Any | EventKind::Other => {
                event.paths.iter().for_each(|path| touch(path, false));
            }
        }
    }
    let mut out = Vec::new();
    for (from, to) in renames {
        if from != to && !exists(&from) && exists(&to) {
            touched.remove(&from);
            touched.remove(&to);
            out.push(Change::Renamed(from, to));
        } else {
            touched.entry(from).or_insert(false);
            touched.entry(to).or_insert(false);
        }
    }
    out.extend(
        touched
            .into_iter()
            .map(|(path, created)| match (exists(&path), created) {
                (false, _) => Change::Removed(path),
                (true, true) => Change::Created(path),
                (true, false) => Change::Modified(path),
            }),
    );
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

    /// The changes `events` make when afterwards exactly `existing` are on disk.
    fn after(events: &[Event], existing: &[&str]) -> Vec<Change> {
        after_in(events, &[root()], existing)
    }

    /// [`after`] with `starts` walked as a site root's are.
    fn after_in(events: &[Event], starts: &[PathBuf], existing: &[&str]) -> Vec<Change> {
        after_with(events, starts, WalkRules::default(), existing)
    }

    fn after_with(
        events: &[Event],
        starts: &[PathBuf],
        rules: WalkRules,
        existing: &[&str],
    ) -> Vec<Change> {
        changes_on(events, &root(), starts, rules, &|path| {
            existing.iter().any(|e| Path::new(e) == path)
        })
    }

    #[test]
    fn a_burst_of_writes_is_one_modification() {
        let events = [
            write("posts/a.md"),
            write("posts/a.md"),
            write("posts/a.md"),
        ];
        assert_eq!(
            after(&events, &["posts/a.md"]),
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
            after(&events, &["posts/a.md"]),
            [Change::Created(p("posts/a.md"))],
            "the app reads an existing post again on creation"
        );
        let events = [
            remove("posts/a.md"),
            create("posts/a.md"),
            write("posts/a.md"),
        ];
        assert_eq!(
            after(&events, &["posts/a.md"]),
            [Change::Created(p("posts/a.md"))]
        );
    }

    #[test]
    fn new_and_deleted_posts() {
        let events = [create("new.md"), write("new.md"), remove("old.md")];
        assert_eq!(
            after(&events, &["new.md"]),
            [Change::Created(p("new.md")), Change::Removed(p("old.md"))]
        );
        assert_eq!(
            after(&[create("brief.md"), remove("brief.md")], &[]),
            [Change::Removed(p("brief.md"))],
            "gone at the end, whatever it was at the start"
        );
    }

    #[test]
    fn a_rename_between_post_names_is_a_rename() {
        assert_eq!(
            after(&[rename("a.md", "b.md")], &["b.md"]),
            [Change::Renamed(p("a.md"), p("b.md"))]
        );
        assert_eq!(
            after(&[rename("a.md", "a.md.bak")], &[]),
            [Change::Removed(p("a.md"))]
        );
    }

    #[test]
    fn deleting_b_then_renaming_a_to_b_leaves_b_with_the_text_of_a() {
        let events = [remove("b.md"), rename("a.md", "b.md")];
        assert_eq!(
            after(&events, &["b.md"]),
            [Change::Renamed(p("a.md"), p("b.md"))],
            "b is read again (from a's file), a leaves, nothing removes b"
        );
    }

    #[test]
    fn the_same_events_in_other_orders_end_as_the_disk_does() {
        // Renamed a to b, then deleted b: both gone.
        assert_eq!(
            after(&[rename("a.md", "b.md"), remove("b.md")], &[]),
            [Change::Removed(p("a.md")), Change::Removed(p("b.md"))]
        );
        // Renamed a to b, then a new a written: both there, both read again.
        assert_eq!(
            after(&[rename("a.md", "b.md"), create("a.md")], &["a.md", "b.md"]),
            [Change::Created(p("a.md")), Change::Modified(p("b.md"))]
        );
        // A chain of renames is one rename.
        assert_eq!(
            after(&[rename("a.md", "b.md"), rename("b.md", "c.md")], &["c.md"]),
            [Change::Renamed(p("a.md"), p("c.md"))]
        );
        // Renamed there and back: the post was only touched.
        assert_eq!(
            after(&[rename("a.md", "b.md"), rename("b.md", "a.md")], &["a.md"]),
            [Change::Modified(p("a.md"))]
        );
        // Swapped through a temporary name: both read again.
        let swap = [
            rename("a.md", "t.md"),
            rename("b.md", "a.md"),
            rename("t.md", "b.md"),
        ];
        assert_eq!(
            after(&swap, &["a.md", "b.md"]),
            [Change::Modified(p("a.md")), Change::Modified(p("b.md"))]
        );
    }

    #[test]
    fn files_that_are_not_posts_or_outside_the_root_are_ignored() {
        let outside = Event::new(EventKind::Create(CreateKind::File))
            .add_path(PathBuf::from("/elsewhere/x.md"));
        let events = [write("image.png"), write("notes.txt"), outside];
        assert_eq!(after(&events, &["image.png", "notes.txt"]), []);
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
            after_in(&events, &jekyll, &["_posts/a.md", "README.md"]),
            [Change::Modified(p("_posts/a.md"))]
        );
        let single = [root().join("one.md")];
        let events = [write("one.md"), write("two.md")];
        assert_eq!(
            after_in(&events, &single, &["one.md", "two.md"]),
            [Change::Modified(p("one.md"))]
        );
    }

    #[test]
    fn a_build_folder_name_inside_a_content_folder_is_content() {
        let content = WalkRules {
            content: true,
            jekyll_pages: false,
        };
        let events = [create("public/a.md"), create("node_modules/b.md")];
        let existing = ["public/a.md", "node_modules/b.md"];
        assert_eq!(
            after_with(&events, &[root()], content, &existing),
            [Change::Created(p("public/a.md"))]
        );
        assert_eq!(after(&events, &existing), []);
    }

    #[test]
    fn on_a_real_folder_b_ends_with_what_a_held() {
        use crate::content::{Library, Source};
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().to_path_buf();
        std::fs::write(root.join("a.md"), "---\ntitle: Apples\n---\n").unwrap();
        std::fs::write(root.join("b.md"), "---\ntitle: Bananas\n---\n").unwrap();
        let source = Source::Disk {
            root: root.clone(),
            starts: vec![root.clone()],
            site: Default::default(),
        };
        let rules = source.walk_rules();
        let mut library = Library::load(source).unwrap();
        std::fs::remove_file(root.join("b.md")).unwrap();
        std::fs::rename(root.join("a.md"), root.join("b.md")).unwrap();
        let events = [
            Event::new(EventKind::Remove(RemoveKind::File)).add_path(root.join("b.md")),
            Event::new(EventKind::Modify(ModifyKind::Name(RenameMode::Both)))
                .add_path(root.join("a.md"))
                .add_path(root.join("b.md")),
        ];
        // As the app applies them, the files read on the worker.
        let changes = changes(&events, &root, std::slice::from_ref(&root), rules);
        let source = library.source().clone();
        let refreshed = crate::app::Refresh { source, changes }.run();
        for (change, fresh) in refreshed.changes {
            change.apply_to(&mut library, fresh, &mut Vec::new());
        }
        let posts: Vec<(&str, &str)> = library
            .posts()
            .iter()
            .map(|post| (post.path.as_str(), post.title.as_str()))
            .collect();
        assert_eq!(posts, [("b.md", "Apples")]);
    }

    #[test]
    fn a_live_watch_reports_a_new_post_once_set_up_in_the_background() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().to_path_buf();
        let watcher = Watcher::start(&root, std::slice::from_ref(&root), WalkRules::default());
        let deadline = std::time::Instant::now() + Duration::from_secs(20);
        while watcher._debouncer.lock().unwrap().is_none() {
            assert!(std::time::Instant::now() < deadline, "the watch is set up");
            std::thread::sleep(Duration::from_millis(10));
        }
        std::fs::write(root.join("new.md"), "# New\n").unwrap();
        let mut seen = Vec::new();
        while !seen.contains(&Change::Created(p("new.md"))) {
            assert!(
                std::time::Instant::now() < deadline,
                "seen so far: {seen:?}"
            );
            std::thread::sleep(Duration::from_millis(50));
            let (changes, error) = watcher.poll();
            assert_eq!(error, None);
            seen.extend(changes);
        }
    }
}
