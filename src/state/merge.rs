//! Saving one blog's state when another folio process may be saving it too.
//!
//! A save takes an advisory lock on a file beside the state file, reads what is on disk now,
//! merges it with this process's state entry by entry (the newer change wins), prunes
//! entries of posts gone for long, and writes the result atomically, all before it lets go
//! of the lock. Two readers of one blog thus never lose each other's read marks or places.

use std::fs;
use std::io;
use std::time::{SystemTime, UNIX_EPOCH};

use fd_lock::RwLock;

use super::{ReadingState, Store};
use crate::content::Post;

/// Entries of posts not seen in the blog for this long are forgotten.
pub(super) const PRUNE_AFTER_SECONDS: u64 = 90 * 24 * 60 * 60;

pub(super) fn now_millis() -> u64 {
    since_epoch().as_millis().try_into().unwrap_or(u64::MAX)
}

pub(super) fn now_seconds() -> u64 {
    since_epoch().as_secs()
}

fn since_epoch() -> std::time::Duration {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default()
}

impl ReadingState {
    /// Notes that every post in `posts` is still in the blog.
    pub(super) fn mark_seen(&mut self, posts: &[Post]) {
        let now = now_seconds();
        for post in posts {
            if let Some(entry) = self.posts.get_mut(&post.path) {
                entry.seen = now;
            }
        }
        // Entries from before `seen` was kept start their clock now.
        for entry in self.posts.values_mut().filter(|e| e.seen == 0) {
            entry.seen = now;
        }
    }

    /// Folds in `other`, the state another process saved: of two entries for one post the
    /// more recently changed wins (this one on a tie), and the post counts as seen when
    /// either saw it.
    pub(super) fn merge(&mut self, other: ReadingState) {
        for (path, theirs) in other.posts {
            match self.posts.get_mut(&path) {
                Some(ours) => {
                    let seen = ours.seen.max(theirs.seen);
                    if theirs.changed > ours.changed {
                        *ours = theirs;
                    }
                    ours.seen = seen;
                }
                None => {
                    self.posts.insert(path, theirs);
                }
            }
        }
        if other.last_open_at > self.last_open_at {
            self.last_open = other.last_open;
            self.last_open_at = other.last_open_at;
        }
    }

    /// Forgets entries of posts not seen in the blog since `now - PRUNE_AFTER_SECONDS`.
    pub(super) fn prune(&mut self, now: u64) {
        let cutoff = now.saturating_sub(PRUNE_AFTER_SECONDS);
        self.posts.retain(|_, entry| entry.seen >= cutoff);
    }
}

impl Store {
    /// Saves `state` merged with what another process may have saved meanwhile, under a
    /// lock; on failure the previous file is untouched.
    pub fn save(&self, state: &ReadingState) -> io::Result<()> {
        let lock_path = self.path.with_extension("lock");
        if let Some(dir) = lock_path.parent() {
            fs::create_dir_all(dir)?;
        }
        let lock_file = fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)?;
        let mut lock = RwLock::new(lock_file);
        let _held = lock.write()?;
        let mut merged = state.clone();
        if let Some(on_disk) = self.read_for_merge() {
            merged.merge(on_disk);
        }
        merged.prune(now_seconds());
        self.write(&merged)
    }

    /// What is on disk now; `None` when there is nothing, or nothing readable (a file that
    /// can't be understood is set aside, as at load).
    fn read_for_merge(&self) -> Option<ReadingState> {
        if !self.path.exists() {
            return None;
        }
        let (state, warning) = self.read();
        warning.is_none().then_some(state)
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Barrier;
    use std::thread;

    use super::*;
    use crate::state::Place;
    use crate::state::tests::{post, store};

    fn titled_as_path(path: &str) -> Post {
        post(path, path)
    }

    #[test]
    fn two_readers_saving_at_once_keep_each_others_marks_and_places() {
        let dir = tempfile::tempdir().unwrap();
        let store = store(dir.path());
        const READERS: usize = 4;
        const POSTS: usize = 25;
        let start = Barrier::new(READERS);
        thread::scope(|scope| {
            for reader in 0..READERS {
                let (store, start) = (&store, &start);
                scope.spawn(move || {
                    // Each reader starts from the file as it was, as a new process would.
                    let (mut state, _) = store.load();
                    start.wait();
                    for i in 0..POSTS {
                        let post = titled_as_path(&format!("r{reader}-{i}.md"));
                        state.set_read(&post, true);
                        let place = Place {
                            fraction: 0.5,
                            ..Place::default()
                        };
                        state.set_place(&post, place);
                        store.save(&state).unwrap();
                    }
                });
            }
        });
        let (state, warning) = store.load();
        assert_eq!(warning, None);
        for reader in 0..READERS {
            for i in 0..POSTS {
                let post = titled_as_path(&format!("r{reader}-{i}.md"));
                assert!(state.is_read(&post), "{}", post.path);
                assert_eq!(state.place(&post).fraction, 0.5, "{}", post.path);
            }
        }
    }

    #[test]
    fn the_newer_change_to_one_post_wins_either_way_round() {
        let dir = tempfile::tempdir().unwrap();
        let store = store(dir.path());
        let a = titled_as_path("a.md");
        let (mut first, _) = store.load();
        let (mut second, _) = store.load();
        first.set_read(&a, true);
        store.save(&first).unwrap();
        thread::sleep(std::time::Duration::from_millis(5));
        second.set_read(&a, false);
        store.save(&second).unwrap();
        assert!(!store.load().0.is_read(&a), "marked unread later");
        // The first process saves again without touching the post: its older mark loses.
        store.save(&first).unwrap();
        assert!(!store.load().0.is_read(&a));
    }

    #[test]
    fn the_last_post_opened_by_either_process_is_the_one_kept() {
        let dir = tempfile::tempdir().unwrap();
        let store = store(dir.path());
        let (mut first, _) = store.load();
        let (mut second, _) = store.load();
        second.open(&titled_as_path("b.md"));
        thread::sleep(std::time::Duration::from_millis(5));
        first.open(&titled_as_path("a.md"));
        store.save(&first).unwrap();
        store.save(&second).unwrap();
        assert_eq!(store.load().0.last_open.as_deref(), Some("a.md"));
    }

    #[test]
    fn entries_of_posts_gone_for_long_are_pruned_and_the_file_stays_small() {
        let dir = tempfile::tempdir().unwrap();
        let store = store(dir.path());
        let mut state = ReadingState::default();
        for i in 0..2000 {
            state.set_read(&titled_as_path(&format!("old-{i}.md")), true);
        }
        let kept = titled_as_path("kept.md");
        state.set_read(&kept, true);
        let long_ago = now_seconds() - PRUNE_AFTER_SECONDS - 60;
        for entry in state.posts.values_mut() {
            entry.seen = long_ago;
        }
        // The blog now holds only `kept.md`; the others were deleted long ago.
        state.reconcile(std::slice::from_ref(&kept));
        store.save(&state).unwrap();
        let (loaded, _) = store.load();
        assert_eq!(loaded.posts.keys().collect::<Vec<_>>(), ["kept.md"]);
        assert!(fs::metadata(store.path()).unwrap().len() < 1024);
    }

    #[test]
    fn a_post_deleted_recently_is_remembered_in_case_it_comes_back() {
        let dir = tempfile::tempdir().unwrap();
        let store = store(dir.path());
        let mut state = ReadingState::default();
        state.set_read(&titled_as_path("away.md"), true);
        state.reconcile(&[]);
        store.save(&state).unwrap();
        assert!(store.load().0.is_read(&titled_as_path("away.md")));
    }
}
