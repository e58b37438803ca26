//! Posts changing on disk while reading: edits, new posts, deletions and renames.
//!
//! The app refers to posts by library position, and inserting or removing a post shifts
//! positions. So around a change the app notes the open post, the selection and the link
//! history by path, applies the change, and finds them again by path; layouts made before
//! the change are dropped (the generation in their key no longer matches).

use std::cell::OnceCell;

use super::{App, Focus};
use crate::content::Library;
use crate::content::post::display_path;
use crate::watch::Change;

impl App {
    /// Applies changes reported by the folder watcher.
    pub fn apply_changes(&mut self, changes: &[Change]) {
        if changes.is_empty() {
            return;
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
    }

    /// Reads the whole blog again (`r`, or after the watcher lost track of events).
    pub fn reload_all(&mut self) {
        match self.library.reload() {
            Ok(fresh) => {
                self.restructure(|library, _| {
                    *library = fresh;
                    Vec::new()
                });
                self.message = Some(format!("reloaded {} posts", self.library.posts().len()));
            }
            Err(error) => self.message = Some(format!("couldn't reload: {error}")),
        }
    }

    /// Layouts and links of the old content are no longer valid.
    pub(super) fn content_changed(&mut self) {
        self.generation += 1;
        self.layouts.clear();
        self.pending.clear();
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
        let open = self
            .reader
            .as_ref()
            .and_then(|r| Some((path_of(self, r.post)?, r.place())));
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
            Some((path, place)) => match self.position_of(&renamed(path.clone())) {
                Some(post) => {
                    if let Some(reader) = &mut self.reader {
                        reader.post = post;
                    }
                    self.layout_open_post();
                    let height = self.reader_height();
                    if let Some(reader) = &mut self.reader {
                        reader.go_to(&place, height);
                    }
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
