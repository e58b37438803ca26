//! The reader's memory of a blog in the app: read marks, where each post was left, the post
//! last open, and the unread filter.

use std::sync::Arc;

use super::{App, Effect};
use crate::state::{ReadingState, Store};

/// How far through a post (bottom of the screen, in percent) counts as having read it.
const READ_THRESHOLD: usize = 80;

/// The reading state as it was when the save was asked for, and where it goes. Writing it
/// costs in proportion to the state, so the runner's worker does it; the app's state is
/// shared with it, and copied only if it changes before the save is done.
#[derive(Debug)]
pub struct Save {
    store: Store,
    state: Arc<ReadingState>,
}

impl Save {
    /// Writes the file; a failure is a one-line message naming it, never fatal.
    pub fn run(&self) -> Result<(), String> {
        self.store.save(&self.state).map_err(|e| {
            let message = format!(
                "couldn't save reading state to {}: {}",
                self.store.path().display(),
                crate::error::reason(&e)
            );
            crate::sanitize::line(&message).into_owned()
        })
    }
}

impl App {
    /// Takes over the state remembered from earlier runs, and where to save it (`None`:
    /// remember for this run only). Selects the post that was open last.
    pub fn restore(&mut self, mut state: ReadingState, store: Option<Store>) -> Vec<Effect> {
        state.reconcile(self.library.posts());
        let last = state.last_open.clone();
        self.state = Arc::new(state);
        self.store = store;
        self.sync_read_marks();
        if let Some(post) = last.and_then(|path| self.position_of(&path)) {
            self.index.select_post(post);
        }
        // Opened again, so the post resumes where it was left; the first preview's layout, if
        // still to be asked for, is no longer wanted.
        self.reader = None;
        self.requested = None;
        self.effects
            .retain(|effect| !matches!(effect, Effect::LayOut(_)));
        self.keep_selection_visible();
        self.preview_selected();
        self.take_effects()
    }

    /// The state as it would be saved now.
    pub fn reading_state(&mut self) -> &ReadingState {
        self.remember_position();
        &self.state
    }

    /// Whether the post at `post` has been read.
    pub fn is_read(&self, post: usize) -> bool {
        self.read.get(post).copied().unwrap_or(false)
    }

    /// The state to write now, if it has a file; the runner saves it on its way out and now
    /// and then while reading.
    pub fn save(&mut self) -> Option<Save> {
        self.remember_position();
        Some(Save {
            store: self.store.clone()?,
            state: Arc::clone(&self.state),
        })
    }

    pub(super) fn position_of(&self, path: &str) -> Option<usize> {
        self.library.posts().iter().position(|p| p.path == path)
    }

    pub(super) fn sync_read_marks(&mut self) {
        self.read = self
            .library
            .posts()
            .iter()
            .map(|post| self.state.is_read(post))
            .collect();
    }

    /// Marks a post read or unread by hand, and saves.
    pub(super) fn set_read(&mut self, post: usize, read: bool) {
        let Some(entry) = self.library.posts().get(post) else {
            return;
        };
        Arc::make_mut(&mut self.state).set_read(entry, read);
        if let Some(mark) = self.read.get_mut(post) {
            *mark = read;
        }
        let mark = if read { "read" } else { "unread" };
        self.message = Some(format!("marked “{}” {mark}", entry.title));
        if let Some(save) = self.save() {
            self.effects.push(Effect::Save(save));
        }
    }

    /// A post counts as read once the reader has been scrolled far enough through it.
    pub(super) fn note_progress(&mut self) {
        let height = self.reader_height();
        let Some(reader) = self.reader.as_ref().filter(|r| r.waiting.is_none()) else {
            return;
        };
        if reader.percent(height) >= READ_THRESHOLD
            && !self.is_read(reader.post)
            && let Some(post) = self.library.posts().get(reader.post)
        {
            Arc::make_mut(&mut self.state).set_read(post, true);
            if let Some(mark) = self.read.get_mut(reader.post) {
                *mark = true;
            }
        }
    }

    /// Keeps the open post's place in the state; a post still waiting for its layout has not
    /// moved from where it was left.
    pub(super) fn remember_position(&mut self) {
        let Some(reader) = self.reader.as_ref().filter(|r| r.waiting.is_none()) else {
            return;
        };
        let Some(post) = self.library.posts().get(reader.post) else {
            return;
        };
        let place = reader.place();
        // An unchanged place is not news: rewriting it would stamp the entry as changed.
        if self
            .state
            .get(post)
            .is_some_and(|known| known.place == place)
        {
            return;
        }
        Arc::make_mut(&mut self.state).set_place(post, place);
    }

    /// Shows only unread posts, or all again.
    pub(super) fn toggle_unread_filter(&mut self) {
        self.index.unread_only = !self.index.unread_only;
        self.refresh_index();
        self.message = Some(
            if self.index.unread_only {
                "showing unread posts"
            } else {
                "showing read and unread posts"
            }
            .to_string(),
        );
    }
}
