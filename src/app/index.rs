//! The post index: which posts are shown, in which order, and which one is selected; and
//! the index's actions.

use std::sync::Arc;

use super::rows::{self, Listed, Query, RowsJob};
use super::{App, Effect, Focus, Input, Overlay};
use crate::action::Action;
use crate::content::{Library, Post, SortOrder};
use crate::keymap::Mode;

pub use super::rows::Row;

#[derive(Debug)]
pub struct IndexState {
    pub rows: Vec<Row>,
    pub selected: usize,
    /// The first row shown.
    pub offset: usize,
    /// The fuzzy filter as typed.
    pub filter: String,
    pub tag: Option<String>,
    pub drafts: bool,
    pub sort: SortOrder,
    /// Only posts not yet read are shown.
    pub unread_only: bool,
    /// Some listed post has a date; without one the index has no date column.
    pub dated: bool,
    /// The number of the last query sent to be listed, and of the one the rows answer.
    asked: u64,
    shown: u64,
    /// When the rows asked for come, select the best match rather than keep the selection.
    select_best: bool,
    /// When the rows asked for come, say in the status bar how many there are (after a
    /// reload).
    pub(super) count_when_listed: bool,
}

impl IndexState {
    /// The index of `library`, listed here: the first frame needs its rows.
    pub fn new(library: &Library, drafts: bool) -> Self {
        let mut state = IndexState {
            rows: Vec::new(),
            selected: 0,
            offset: 0,
            filter: String::new(),
            tag: None,
            drafts,
            sort: SortOrder::Date,
            unread_only: false,
            dated: false,
            asked: 0,
            shown: 0,
            select_best: false,
            count_when_listed: false,
        };
        (state.rows, state.dated) = rows::rows(library.posts(), &state.query());
        state
    }

    /// What the index lists now.
    pub fn query(&self) -> Query {
        Query {
            filter: self.filter.clone(),
            tag: self.tag.clone(),
            drafts: self.drafts,
            sort: self.sort,
        }
    }

    /// Whether rows asked for have not come yet.
    pub fn awaiting(&self) -> bool {
        self.asked != self.shown
    }

    /// The library position of the selected post.
    pub fn selected_post(&self) -> Option<usize> {
        self.rows.get(self.selected).map(|row| row.post)
    }

    pub fn select(&mut self, row: usize) {
        self.selected = row.min(self.rows.len().saturating_sub(1));
    }

    /// Moves the selection by `delta` rows, stopping at the ends.
    pub fn move_by(&mut self, delta: isize) {
        self.select(self.selected.saturating_add_signed(delta));
    }

    /// Selects the row showing `post`, if it is shown.
    pub fn select_post(&mut self, post: usize) -> bool {
        match self.rows.iter().position(|row| row.post == post) {
            Some(row) => {
                self.selected = row;
                true
            }
            None => false,
        }
    }

    /// Drops the rows of read posts (`read` is by library position), keeping the selected
    /// post selected when it stays.
    pub fn keep_unread(&mut self, read: &[bool]) {
        let keep = self.selected_post();
        self.rows
            .retain(|row| !read.get(row.post).copied().unwrap_or(false));
        self.selected = 0;
        if let Some(post) = keep {
            self.select_post(post);
        }
    }

    /// The job that lists the current query over `posts`; `best`: select the best match when
    /// its rows come, as after typing in the filter.
    fn ask(&mut self, posts: Arc<Vec<Post>>, generation: u64, best: bool) -> RowsJob {
        self.asked += 1;
        self.select_best |= best;
        RowsJob {
            posts,
            query: self.query(),
            generation,
            asked: self.asked,
        }
    }

    /// Rows came: shown when they answer the newest query over the library as it is (true),
    /// keeping the same post selected when it is still listed.
    fn take(&mut self, listed: Listed, generation: u64) -> bool {
        if listed.asked != self.asked || listed.generation != generation {
            return false;
        }
        let keep = if std::mem::take(&mut self.select_best) {
            None
        } else {
            self.selected_post()
        };
        self.rows = listed.rows;
        self.dated = listed.dated;
        self.shown = listed.asked;
        self.selected = 0;
        if let Some(post) = keep {
            self.select_post(post);
        }
        true
    }

    /// The library changed under the rows: the post at `post` is now at `moved(post)`, and a
    /// row whose post went is dropped, until the rows asked since come.
    pub(super) fn follow_moves(&mut self, moved: impl Fn(usize) -> Option<usize>) {
        self.rows.retain_mut(|row| match moved(row.post) {
            Some(post) => {
                row.post = post;
                true
            }
            None => false,
        });
        self.select(self.selected);
    }
}

impl App {
    pub(super) fn index_action(&mut self, action: Action) {
        let page = isize::try_from(self.index_height().max(1)).unwrap_or(isize::MAX);
        match action {
            Action::Down => self.move_selection(1),
            Action::Up => self.move_selection(-1),
            Action::HalfPageDown => self.move_selection(page / 2),
            Action::HalfPageUp => self.move_selection(-page / 2),
            Action::PageDown => self.move_selection(page),
            Action::PageUp => self.move_selection(-page),
            Action::Top => self.move_selection(isize::MIN / 2),
            Action::Bottom => self.move_selection(isize::MAX / 2),
            Action::Open => {
                if self.index.selected_post().is_some() {
                    // The reader has the keyboard first, so its layout is not held back.
                    self.focus = Focus::Reader;
                    self.open_selected();
                    self.note_progress();
                }
            }
            Action::MarkRead | Action::MarkUnread => {
                if let Some(post) = self.index.selected_post() {
                    self.set_read(post, action == Action::MarkRead);
                }
            }
            Action::UnreadFilter => self.toggle_unread_filter(),
            Action::Copy => self.copy(),
            Action::NextUnread => self.next_unread(),
            Action::Reload => self.reload_all(),
            Action::SwitchPane => {
                if self.reader.is_some() {
                    self.focus = Focus::Reader;
                }
            }
            Action::Zoom => self.toggle_zoom(),
            Action::Edit => {
                if let Some(post) = self.index.selected_post() {
                    self.edit(post);
                }
            }
            Action::Filter => self.input = Some(Input::Filter),
            Action::TagFilter => self.open_tags(),
            Action::SearchAll => self.open_fulltext(),
            Action::ToggleDrafts => {
                self.set_drafts(!self.index.drafts);
                let shown = if self.index.drafts {
                    "showing drafts"
                } else {
                    "drafts hidden"
                };
                self.message = Some(shown.to_string());
            }
            Action::CycleSort => {
                self.index.sort = match self.index.sort {
                    SortOrder::Date => SortOrder::Title,
                    SortOrder::Title => SortOrder::Date,
                };
                self.refresh_index();
            }
            Action::Cancel => {
                if !self.index.filter.is_empty()
                    || self.index.tag.is_some()
                    || self.index.unread_only
                {
                    self.index.filter.clear();
                    self.index.tag = None;
                    self.index.unread_only = false;
                    self.refresh_index();
                }
            }
            Action::Help => {
                self.overlay = Some(Overlay::Help {
                    scroll: self.keymap.help_line(Mode::Index),
                })
            }
            Action::Back
            | Action::PreviousPost
            | Action::NextPost
            | Action::Search
            | Action::NextMatch
            | Action::PreviousMatch
            | Action::Outline
            | Action::ViewImage
            | Action::NextLink
            | Action::PreviousLink
            | Action::FollowLink
            | Action::FollowNumber
            | Action::HistoryBack
            | Action::Confirm
            | Action::Quit
            | Action::Suspend => self.not_here(action),
        }
    }

    pub(super) fn move_selection(&mut self, delta: isize) {
        self.index.move_by(delta);
        self.keep_selection_visible();
        self.preview_selected();
    }

    /// Scrolls the index so the selection is in it: the index as it shows, or, while the reader
    /// has the whole screen, as it will show on going back, so it does not jump meanwhile.
    pub(super) fn keep_selection_visible(&mut self) {
        let panes = crate::geometry::Panes {
            zoom: false,
            reader_shown: false,
            ..self.panes()
        };
        let height = crate::geometry::areas(self.size, panes)
            .index
            .map_or(1, |area| {
                usize::from(crate::geometry::inner(area).height).max(1)
            });
        let selected = self.index.selected;
        if selected < self.index.offset {
            self.index.offset = selected;
        } else if selected >= self.index.offset + height {
            self.index.offset = selected + 1 - height;
        }
        let max_offset = self.index.rows.len().saturating_sub(height);
        self.index.offset = self.index.offset.min(max_offset);
    }

    /// Shows or hides drafts in the index.
    fn set_drafts(&mut self, shown: bool) {
        self.index.drafts = shown;
        self.refresh_index();
    }

    /// Asks for the rows of the index's query; they come through [`App::receive`].
    pub(super) fn refresh_index(&mut self) {
        self.ask_rows(false);
    }

    /// Sets the filter text; the best match is selected when its rows come.
    pub(super) fn set_filter(&mut self, text: String) {
        self.index.filter = text;
        self.ask_rows(true);
    }

    fn ask_rows(&mut self, best: bool) {
        let posts = self.library.shared_posts();
        let job = self.index.ask(posts, self.generation, best);
        self.effects.push(Effect::ListPosts(Box::new(job)));
    }

    /// The index's rows came from the worker.
    pub(super) fn listed(&mut self, listed: Listed) {
        if self.index.take(listed, self.generation) {
            self.after_index_change();
            if std::mem::take(&mut self.index.count_when_listed) {
                // The count the index shows: hidden drafts and filtered-out posts are not in it.
                let shown = self.index.rows.len();
                let posts = if shown == 1 { "post" } else { "posts" };
                self.message = Some(format!("reloaded {shown} {posts}"));
            }
        }
    }

    pub(super) fn after_index_change(&mut self) {
        if self.index.unread_only {
            self.index.keep_unread(&self.read);
        }
        self.keep_selection_visible();
        // With nothing left in the index, the post shown before is not what was asked for.
        if self.index.rows.is_empty() && self.focus == Focus::Index && self.reader.is_some() {
            self.remember_position();
            self.reader = None;
            self.zoom = false;
        }
        self.preview_selected();
    }
}
