//! Posts changing on disk while reading: edits, new posts, deletions and renames.
//!
//! The app refers to posts by library position, and inserting or removing a post shifts
//! positions. So around a change the app notes the open post, the selection and the link
//! history by path, applies the change, and finds them again by path; layouts made before
//! the change are dropped (the generation in their key no longer matches).

use std::cell::OnceCell;
use std::path::Path;

use super::reader::Resume;
use super::{App, Effect, Focus};
use crate::content::Library;
use crate::content::post::display_path;
use crate::watch::Change;

impl App {
    /// Applies changes reported by the folder watcher.
    pub fn apply_changes(&mut self, changes: &[Change]) -> Vec<Effect> {
        if changes.is_empty() {
            return self.take_effects();
        }
        self.restructure(|library, state| {
            for change in changes {
                match change {
                    Change::Modified(file) | Change::Created(file) => {
                        library.refresh_file(file);
                    }
                    Change::Removed(file) => {
                        library.remove(file);
                    }
                    Change::Renamed(from, to) => {
                        library.remove(from);
                        library.refresh_file(to);
                        state.rename(&display_path(from), &display_path(to));
                    }
                }
            }
            changes
                .iter()
                .filter_map(|change| match change {
                    Change::Renamed(from, to) => Some((display_path(from), display_path(to))),
                    _ => None,
                })
                .collect()
        });
        self.take_effects()
    }

    /// The watcher lost track of events: read everything again rather than miss a change.
    pub fn changes_lost(&mut self, why: String) -> Vec<Effect> {
        self.reload_all();
        self.message = Some(why);
        self.take_effects()
    }

    /// Asks for the whole blog to be read again; it arrives through [`App::receive`].
    pub(super) fn reload_all(&mut self) {
        let state_dir = self.library.state_dir().map(Path::to_path_buf);
        self.effects
            .push(Effect::Reload(self.library.source().clone(), state_dir));
    }

    /// The blog read again.
    pub(super) fn replace_library(&mut self, fresh: Library) {
        self.restructure(|library, _| {
            *library = fresh;
            Vec::new()
        });
        // The count the index shows: hidden drafts and filtered-out posts are not in it.
        let shown = self.index.rows.len();
        let posts = if shown == 1 { "post" } else { "posts" };
        self.message = Some(format!("reloaded {shown} {posts}"));
    }

    /// Layouts and links of the old content are no longer valid.
    pub(super) fn content_changed(&mut self) {
        self.generation += 1;
        self.layouts.clear();
        self.requested = None;
        self.links = OnceCell::new();
    }

    /// Changes the library with `change` (which returns the renames it made, old path to
    /// new) and finds the open post, the selection and the history again by path.
    fn restructure(
        &mut self,
        change: impl FnOnce(&mut Library, &mut crate::state::ReadingState) -> Vec<(String, String)>,
    ) {
        self.remember_position();
        let path_of =
            |app: &App, post: usize| app.library.posts().get(post).map(|p| p.path.clone());
        let open = self.reader.as_ref().and_then(|r| {
            let resume = r
                .waiting
                .clone()
                .unwrap_or_else(|| Resume::Place(r.place()));
            Some((path_of(self, r.post)?, resume))
        });
        let selected = self.index.selected_post().and_then(|p| path_of(self, p));
        let history: Vec<(Option<String>, usize)> = self
            .history
            .iter()
            .map(|&(post, scroll)| (path_of(self, post), scroll))
            .collect();

        let renames = change(&mut self.library, &mut self.state);
        let renamed = |path: String| {
            renames
                .iter()
                .find(|(from, _)| *from == path)
                .map_or(path, |(_, to)| to.clone())
        };
        self.state.reconcile(self.library.posts());
        self.content_changed();
        self.sync_read_marks();

        self.history = history
            .into_iter()
            .filter_map(|(path, scroll)| Some((self.position_of(&renamed(path?))?, scroll)))
            .collect();
        self.index.refresh(&self.library);
        if let Some(post) = selected.and_then(|path| self.position_of(&renamed(path))) {
            self.index.select_post(post);
        }
        if self.index.unread_only {
            self.index.keep_unread(&self.read);
        }
        self.keep_selection_visible();
        match open {
            Some((path, resume)) => match self.position_of(&renamed(path.clone())) {
                Some(post) => {
                    // The old layout stays in sight until the new one arrives.
                    if let Some(reader) = &mut self.reader {
                        reader.post = post;
                        reader.waiting = Some(resume);
                    }
                    self.lay_out_open_post();
                }
                None => {
                    self.reader = None;
                    self.zoom = false;
                    self.focus = Focus::Index;
                    self.message = Some(format!("{path} was deleted"));
                    self.preview_selected();
                }
            },
            None => self.preview_selected(),
        }
    }
}
