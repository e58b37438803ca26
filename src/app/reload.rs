//! Posts changing on disk while reading: edits, new posts, deletions and renames.
//!
//! Reading a changed file costs in proportion to it, and indexing the blog's links in
//! proportion to the blog, so both run on the runner's worker: the app hands it a copy of the
//! library (the posts are shared, so the copy is cheap) with the changes, and takes back the
//! library with them applied. One such job is out at a time; changes that come meanwhile wait
//! and go with the next, so none is applied to a library that has since moved on.
//!
//! The app refers to posts by library position, and inserting or removing a post shifts
//! positions. So around a change the app notes the open post, the selection and the link
//! history by path, applies the change, and finds them again by path; layouts made before
//! the change are dropped (the generation in their key no longer matches).

use std::path::Path;

use super::reader::Resume;
use super::{App, Effect, Focus};
use crate::content::Library;
use crate::content::links::LinkIndex;
use crate::content::post::display_path;
use crate::watch::Change;

/// Changes on disk to apply to the blog, off the UI thread.
#[derive(Debug)]
pub struct Refresh {
    pub library: Library,
    pub changes: Vec<Change>,
}

/// The blog with changes applied, and the changes, for the renames among them.
#[derive(Debug)]
pub struct Refreshed {
    pub library: Library,
    pub changes: Vec<Change>,
}

impl Refresh {
    /// Reads each changed file again, in the order the changes came.
    pub fn run(self) -> Refreshed {
        let Refresh {
            mut library,
            changes,
        } = self;
        for change in &changes {
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
                }
            }
        }
        Refreshed { library, changes }
    }
}

/// The blog whose links to index, off the UI thread, as it was at a generation.
#[derive(Debug)]
pub struct LinkJob {
    pub library: Library,
    pub generation: u64,
}

/// Every page's URLs, for the library of one generation.
#[derive(Debug)]
pub struct Linked {
    pub links: LinkIndex,
    pub generation: u64,
}

impl LinkJob {
    pub fn run(self) -> Linked {
        Linked {
            links: LinkIndex::new(&self.library),
            generation: self.generation,
        }
    }
}

impl App {
    /// Applies changes reported by the folder watcher: they go to the worker with the library,
    /// or wait for the job out there to come back.
    pub fn apply_changes(&mut self, changes: &[Change]) -> Vec<Effect> {
        self.changes_waiting.extend_from_slice(changes);
        self.send_changes();
        self.take_effects()
    }

    /// Hands the waiting changes to the worker, unless a job that changes the library is out.
    fn send_changes(&mut self) {
        if self.library_jobs > 0 || self.changes_waiting.is_empty() {
            return;
        }
        self.library_jobs += 1;
        let refresh = Refresh {
            library: self.library.clone(),
            changes: std::mem::take(&mut self.changes_waiting),
        };
        self.effects.push(Effect::Refresh(Box::new(refresh)));
    }

    /// The library with changes applied, back from the worker.
    pub(super) fn refreshed(&mut self, refreshed: Refreshed) {
        self.library_jobs = self.library_jobs.saturating_sub(1);
        self.restructure(|library, state| {
            *library = refreshed.library;
            refreshed
                .changes
                .iter()
                .filter_map(|change| match change {
                    Change::Renamed(from, to) => {
                        let renamed = (display_path(from), display_path(to));
                        state.rename(&renamed.0, &renamed.1);
                        Some(renamed)
                    }
                    _ => None,
                })
                .collect()
        });
        self.send_changes();
    }

    /// Asks the worker for the index of the blog's links, which following a link needs; the
    /// runner asks once the first frame is drawn, and it is asked again after every change.
    pub fn index_links(&mut self) -> Vec<Effect> {
        self.ask_links();
        self.take_effects()
    }

    pub(super) fn ask_links(&mut self) {
        self.links_asked = true;
        self.effects.push(Effect::IndexLinks(LinkJob {
            library: self.library.clone(),
            generation: self.generation,
        }));
    }

    /// The link index arrived: kept when the library is still the one it was made of; a link
    /// that waited for it is followed now.
    pub(super) fn linked(&mut self, linked: Linked) {
        if linked.generation != self.generation {
            return;
        }
        self.links = Some(linked.links);
        if let Some((post, url)) = self.link_waiting.take()
            && self.reader.as_ref().is_some_and(|r| r.post == post)
        {
            self.follow(&url);
        }
    }

    /// The watcher lost track of events: read everything again rather than miss a change.
    pub fn changes_lost(&mut self, why: String) -> Vec<Effect> {
        self.reload_all();
        self.message = Some(why);
        self.take_effects()
    }

    /// Asks for the whole blog to be read again; it arrives through [`App::receive`].
    pub(super) fn reload_all(&mut self) {
        self.library_jobs += 1;
        let state_dir = self.library.state_dir().map(Path::to_path_buf);
        self.effects
            .push(Effect::Reload(self.library.source().clone(), state_dir));
    }

    /// The blog read again, or why it couldn't be.
    pub(super) fn reloaded(&mut self, fresh: Result<Library, String>) {
        self.library_jobs = self.library_jobs.saturating_sub(1);
        match fresh {
            Ok(fresh) => {
                self.restructure(|library, _| {
                    *library = fresh;
                    Vec::new()
                });
                let listed = self.library.posts().iter().filter(|p| p.listed).count();
                self.message = Some(format!("reloaded {listed} posts"));
            }
            Err(error) => self.message = Some(error),
        }
        self.send_changes();
    }

    /// Layouts and links of the old content are no longer valid.
    pub(super) fn content_changed(&mut self) {
        self.generation += 1;
        self.layouts.clear();
        self.requested = None;
        self.links = None;
        if self.links_asked {
            self.ask_links();
        }
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
