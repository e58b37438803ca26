//! Search over every post's text, as you type: the overlay's state and actions.
//!
//! Each keystroke sends the query to the worker as an [`Effect::SearchAll`] with a new
//! generation and moves the shared `latest` counter, so a search still running for an older
//! query gives up early; results come back as [`Done::Searched`] and are shown only when
//! their generation is the newest asked. Enter opens the post and, once its layout arrives,
//! runs the reader's own search for the query, so the first match is in view and `n`/`N` step
//! through the rest.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use super::{App, Done, Effect, Focus, Overlay};
use crate::action::Action;
use crate::content::{Post, Source};
use crate::search::{Corpus, Hit, Request, Scope, Ticket};

/// Results kept for the list: more than anyone scrolls through, few enough to draw at once.
pub const SHOWN: usize = 200;

/// The overlay: the query being typed and the results of the newest search that came back.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FullText {
    pub query: String,
    pub hits: Vec<Hit>,
    /// Posts that matched, of which `hits` are the best [`SHOWN`].
    pub total: usize,
    pub selected: usize,
    /// The generation of the newest query sent, and of the results shown.
    pub asked: u64,
    pub shown: u64,
    /// The query the results shown are for: the selection stays when they come again for it.
    pub shown_query: String,
    /// The library generation the results' post positions are of.
    pub library: u64,
}

impl FullText {
    /// Whether the results shown are for an older query than the one typed.
    pub fn searching(&self) -> bool {
        self.asked != self.shown
    }
}

/// What the app keeps about full-text search between overlays.
#[derive(Debug, Default)]
pub struct Session {
    /// The newest generation asked; the worker's search compares against it to give up.
    latest: Arc<AtomicU64>,
    /// The overlay as it was closed, to come back to.
    last: Option<FullText>,
    /// A post opened from a result, and what to search in it once its layout arrives.
    pending: Option<(usize, String)>,
}

/// A search for the worker.
#[derive(Debug)]
pub struct SearchJob {
    pub posts: Arc<Vec<Post>>,
    pub source: Source,
    pub query: String,
    pub scope: Scope,
    pub generation: u64,
    /// The library's generation: the worker checks its kept texts against the disk when it
    /// moves.
    pub library: u64,
    latest: Arc<AtomicU64>,
}

/// Results for one query.
#[derive(Debug)]
pub struct Searched {
    pub generation: u64,
    /// The library generation the hits' positions are of.
    pub library: u64,
    pub hits: Vec<Hit>,
    pub total: usize,
}

impl SearchJob {
    /// Runs the search over `corpus` (kept by the worker between jobs); `None` when a newer
    /// query came meanwhile.
    pub fn run(&self, corpus: &mut Corpus) -> Option<Done> {
        let ticket = Ticket {
            latest: &self.latest,
            generation: self.generation,
        };
        let request = Request {
            query: &self.query,
            scope: self.scope,
            limit: SHOWN,
            ticket: Some(ticket),
        };
        let found = corpus.search(&self.posts, &self.source, request, self.library)?;
        Some(Done::Searched(Searched {
            generation: self.generation,
            library: self.library,
            hits: found.hits,
            total: found.total,
        }))
    }
}

impl App {
    /// Opens the overlay, as it was last left.
    pub(super) fn open_fulltext(&mut self) {
        let last = self.fulltext.last.take().unwrap_or_default();
        self.overlay = Some(Overlay::FullText(Box::new(last)));
        // Also when the query is blank: the worker then reads the posts in, ready for the
        // first keystroke.
        self.send_fulltext();
    }

    pub(super) fn fulltext_action(&mut self, action: Action) {
        let Some(Overlay::FullText(state)) = &mut self.overlay else {
            return;
        };
        let count = state.hits.len();
        if let Some(next) = super::overlay::step_list(state.selected, count, action) {
            state.selected = next;
            return;
        }
        match action {
            Action::Confirm => self.open_hit(),
            Action::Cancel | Action::SearchAll => self.close_fulltext(),
            other => self.not_here(other),
        }
    }

    /// The query changed by a typed character or a deletion.
    pub(super) fn edit_fulltext(&mut self, edit: impl FnOnce(&mut String)) {
        if let Some(Overlay::FullText(state)) = &mut self.overlay {
            edit(&mut state.query);
            self.send_fulltext();
        }
    }

    /// Whether the overlay waits for the results of its query; the runner looks for them
    /// sooner.
    pub(super) fn awaiting_search(&self) -> bool {
        matches!(&self.overlay, Some(Overlay::FullText(state)) if state.searching())
    }

    /// Results arrived: shown when they answer the newest query.
    pub(super) fn searched(&mut self, searched: Searched) {
        if let Some(Overlay::FullText(state)) = &mut self.overlay
            && searched.generation == state.asked
        {
            state.hits = searched.hits;
            state.total = searched.total;
            state.shown = searched.generation;
            state.library = searched.library;
            if state.shown_query != state.query {
                state.shown_query = state.query.clone();
                state.selected = 0;
            }
            state.selected = state.selected.min(state.hits.len().saturating_sub(1));
        }
    }

    fn send_fulltext(&mut self) {
        let generation = self.fulltext.latest.fetch_add(1, Ordering::Relaxed) + 1;
        let posts = self.library.shared_posts();
        let Some(Overlay::FullText(state)) = &mut self.overlay else {
            return;
        };
        state.asked = generation;
        if state.query.trim().is_empty() {
            state.hits.clear();
            state.total = 0;
            state.selected = 0;
            state.shown_query.clear();
        }
        self.effects.push(Effect::SearchAll(Box::new(SearchJob {
            posts,
            source: self.library.source().clone(),
            query: state.query.clone(),
            scope: Scope {
                drafts: self.index.drafts,
            },
            generation,
            library: self.generation,
            latest: self.fulltext.latest.clone(),
        })));
    }

    /// Closes the overlay, keeping it to come back to; a search in flight stops.
    fn close_fulltext(&mut self) {
        self.fulltext.latest.fetch_add(1, Ordering::Relaxed);
        if let Some(Overlay::FullText(state)) = self.overlay.take() {
            self.fulltext.last = Some(*state);
        }
    }

    /// Opens the selected result's post at its first match.
    fn open_hit(&mut self) {
        let (hit, library) = match &self.overlay {
            Some(Overlay::FullText(state)) => {
                (state.hits.get(state.selected).cloned(), state.library)
            }
            _ => (None, self.generation),
        };
        let Some(hit) = hit else {
            return;
        };
        if library != self.generation {
            // Posts changed on disk since: positions may have moved, so search again first.
            self.message = Some("the blog changed: results updated".to_string());
            self.send_fulltext();
            return;
        }
        self.close_fulltext();
        if self.index.select_post(hit.post) {
            self.keep_selection_visible();
        }
        self.focus = Focus::Reader;
        self.open_post(hit.post, Some(0));
        self.note_progress();
        self.fulltext.pending = Some((hit.post, hit.find));
        self.find_pending();
    }

    /// Runs the search a result asked for in its post, once the post's layout is in.
    pub(super) fn find_pending(&mut self) {
        let Some((post, _)) = &self.fulltext.pending else {
            return;
        };
        let Some(reader) = &mut self.reader else {
            return;
        };
        if reader.post != *post {
            self.fulltext.pending = None;
            return;
        }
        if reader.waiting.is_some() {
            return;
        }
        if reader.rendered.lines.is_empty() {
            // The post could not be read; the status bar says why.
            self.fulltext.pending = None;
            return;
        }
        let Some((_, query)) = self.fulltext.pending.take() else {
            return;
        };
        reader.scroll = 0;
        self.search_for_result(query);
    }
}
