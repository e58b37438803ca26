//! Posts changing on disk while reading: edits, new posts, deletions and renames.
//!
//! Reading a changed file costs in proportion to it, and indexing the blog's links in
//! proportion to the blog, so both run on the runner's worker. The worker reads the changed
//! files and hands them back in the order the changes came; the app puts them in its library.
//! The link index, the index's rows, the tag counts and full-text search work from the
//! library's posts shared with the worker, so while any of them runs, files read meanwhile
//! wait for it: changing the shared posts then would copy them all where keys are handled.
//!
//! The app refers to posts by library position, and inserting or removing a post shifts
//! positions. So each change notes where it took posts out and put them in ([`Shift`]), and
//! the open post, the selection, the rows, the read marks and the link history follow by
//! counting; when the whole blog is read again they are found by path instead. Layouts made
//! before a change are dropped (the generation in their key no longer matches).

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use super::reader::Resume;
use super::{App, Effect, Focus};
use crate::content::library::read_changed;
use crate::content::links::LinkIndex;
use crate::content::post::display_path;
use crate::content::shift::{self, Shift};
use crate::content::{Library, Post, Source};
use crate::watch::Change;

/// Changes on disk whose files to read, off the UI thread.
#[derive(Debug)]
pub struct Refresh {
    pub source: Source,
    pub changes: Vec<Change>,
}

/// The changes, each with the post its file now holds (`None`: gone, or no longer a post;
/// always `None` for a removal).
#[derive(Debug)]
pub struct Refreshed {
    pub changes: Vec<(Change, Option<Post>)>,
}

impl Refresh {
    /// Reads each changed file again, in the order the changes came.
    pub fn run(self) -> Refreshed {
        let changes = self
            .changes
            .into_iter()
            .map(|change| {
                let fresh = match &change {
                    Change::Modified(file) | Change::Created(file) | Change::Renamed(_, file) => {
                        read_changed(&self.source, file)
                    }
                    Change::Removed(_) => None,
                };
                (change, fresh)
            })
            .collect();
        Refreshed { changes }
    }
}

/// The blog whose links to index, off the UI thread, as it was at a generation.
#[derive(Debug)]
pub struct LinkJob {
    pub library: Library,
    pub generation: u64,
}

/// How to find, after a change, the posts the app pointed at before it.
enum Moves {
    /// Steps of changes on disk: positions are followed by counting.
    Shifted(Vec<Shift>),
    /// The whole blog read again: posts are found by path in the new library; the old one,
    /// kept until then, has their paths.
    Replaced(Library),
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
    /// Applies changes reported by the folder watcher: their files are read on the worker.
    pub fn apply_changes(&mut self, changes: &[Change]) -> Vec<Effect> {
        if !changes.is_empty() {
            self.effects.push(Effect::Refresh(Box::new(Refresh {
                source: self.library.source().clone(),
                changes: changes.to_vec(),
            })));
        }
        self.take_effects()
    }

    /// Changed files read on the worker: put in the library, unless work on the worker
    /// shares its posts; then they wait for it to be done.
    pub(super) fn refreshed(&mut self, refreshed: Refreshed) {
        self.refreshed_waiting.push(refreshed);
        self.put_refreshed();
    }

    /// Puts changed files that waited in the library once no work shares its posts; the
    /// runner also asks now and then, as work overtaken by newer work ends without an answer.
    pub fn put_waiting_changes(&mut self) -> Vec<Effect> {
        self.put_refreshed();
        self.take_effects()
    }

    pub(super) fn put_refreshed(&mut self) {
        if self.refreshed_waiting.is_empty() || self.library.shares_posts() {
            return;
        }
        let waiting = std::mem::take(&mut self.refreshed_waiting);
        self.restructure(|app| app.put_changes(waiting));
    }

    /// Puts changes in the library, the read marks following the posts step by step. A post
    /// that went may have been renamed outside folio (seen as a deletion and a creation), so
    /// what the reading state knows of it goes to a post that came with the same identity.
    fn put_changes(&mut self, waiting: Vec<Refreshed>) -> Moves {
        let mut shifts = Vec::new();
        let mut gone = Vec::new();
        let mut arrived = Vec::new();
        for (change, fresh) in waiting.into_iter().flat_map(|r| r.changes) {
            let first = shifts.len();
            change.apply_to(&mut self.library, fresh, &mut shifts);
            let state = Arc::make_mut(&mut self.state);
            if let Change::Renamed(from, to) = &change {
                state.rename(&display_path(from), &display_path(to));
            }
            let steps = &shifts[first..];
            let lifted = steps.iter().any(|step| matches!(step, Shift::Lifted(_)));
            let put = steps.iter().find_map(|step| match step {
                Shift::Put(at) => Some(*at),
                _ => None,
            });
            match (&change, lifted, put) {
                (Change::Removed(file), ..)
                | (
                    Change::Modified(file) | Change::Created(file) | Change::Renamed(_, file),
                    true,
                    None,
                ) => gone.push(display_path(file)),
                (_, false, Some(at)) => arrived.extend(self.library.posts().get(at).cloned()),
                _ => {}
            }
            for &step in steps {
                match step {
                    Shift::Lifted(at) | Shift::Dropped(at) if at < self.read.len() => {
                        self.read.remove(at);
                    }
                    Shift::Put(at) if at <= self.read.len() => {
                        let posts = self.library.posts();
                        let read = posts.get(at).is_some_and(|p| state.is_read(p));
                        self.read.insert(at, read);
                    }
                    _ => {}
                }
            }
        }
        if !gone.is_empty() && !arrived.is_empty() {
            let posts = self.library.posts();
            gone.retain(|path| !posts.iter().any(|post| post.path == *path));
            let state = Arc::make_mut(&mut self.state);
            for path in state.reconcile_changes(gone, &arrived) {
                if let Some(at) = posts.iter().position(|post| post.path == path)
                    && let Some(mark) = self.read.get_mut(at)
                {
                    *mark = state.is_read(&posts[at]);
                }
            }
        }
        Moves::Shifted(shifts)
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
        if linked.generation == self.generation {
            self.links = Some(linked.links);
            if let Some((post, url)) = self.link_waiting.take()
                && self.reader.as_ref().is_some_and(|r| r.post == post)
            {
                self.follow(&url);
            }
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
        let state_dir = self.library.state_dir().map(Path::to_path_buf);
        self.effects
            .push(Effect::Reload(self.library.source().clone(), state_dir));
    }

    /// The blog read again, or why it couldn't be.
    pub(super) fn reloaded(&mut self, fresh: Result<Library, String>) {
        match fresh {
            Ok(fresh) => {
                self.restructure(|app| Moves::Replaced(std::mem::replace(&mut app.library, fresh)));
                self.index.count_when_listed = true;
            }
            Err(error) => self.message = Some(error),
        }
    }

    /// Layouts and links of the old content are no longer valid.
    pub(super) fn content_changed(&mut self) {
        self.generation += 1;
        let gone = self.layouts.clear();
        self.free(gone);
        self.requested = None;
        self.links = None;
        if self.links_asked {
            self.ask_links();
        }
    }

    /// Changes the library with `change`, and finds the open post, the selection, the rows
    /// and the history again where the change put them.
    fn restructure(&mut self, change: impl FnOnce(&mut App) -> Moves) {
        self.remember_position();
        let open = self.reader.as_ref().map(|r| {
            let resume = r
                .waiting
                .clone()
                .unwrap_or_else(|| Resume::Place(r.place()));
            let path = self.library.posts().get(r.post).map(|p| p.path.clone());
            (r.post, path, resume)
        });
        let selected = self.index.selected_post();

        let moves = change(self);
        if let Moves::Replaced(_) = moves {
            // A post gone may be one renamed: its read mark and place go with it.
            Arc::make_mut(&mut self.state).reconcile(self.library.posts());
            self.sync_read_marks();
        }
        self.content_changed();

        let by_path: Option<HashMap<&str, usize>> = match &moves {
            Moves::Shifted(_) => None,
            Moves::Replaced(_) => Some(
                (self.library.posts().iter().enumerate())
                    .map(|(position, post)| (post.path.as_str(), position))
                    .collect(),
            ),
        };
        let moved = |post: usize| match &moves {
            Moves::Shifted(shifts) => shift::follow(shifts, post),
            Moves::Replaced(old) => {
                let path = old.posts().get(post)?.path.as_str();
                by_path.as_ref()?.get(path).copied()
            }
        };
        self.history = (self.history.iter())
            .filter_map(|&(post, scroll)| Some((moved(post)?, scroll)))
            .collect();
        // The rows stay in sight, each at its post's new place, until the new ones come.
        self.index.follow_moves(moved);
        let selected = selected.and_then(moved);
        let open = open.map(|(post, path, resume)| (moved(post), path, resume));
        drop(by_path);
        if let Some(post) = selected {
            self.index.select_post(post);
        }
        self.refresh_index();
        if self.index.unread_only {
            self.index.keep_unread(&self.read);
        }
        self.keep_selection_visible();
        match open {
            Some((position, path, resume)) => match position {
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
                    let path = path.unwrap_or_default();
                    self.message = Some(format!("{path} was deleted"));
                    self.preview_selected();
                }
            },
            None => self.preview_selected(),
        }
    }
}
