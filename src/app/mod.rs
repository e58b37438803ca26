//! The reader's state and the one place it changes: [`App::update`].
//!
//! Keys become [`Action`]s through the keymap; `update` applies an action and may hand back an
//! [`Effect`] for `main` to carry out (open a browser, run an editor). Nothing here touches
//! the terminal, so every behaviour can be tested by feeding actions.

pub mod index;
mod layouts;
mod links;
mod memory;
pub mod reader;
mod reload;
mod search;

pub use layouts::{LayoutJob, LayoutKey};

use crate::highlight::SyntaxTheme;
use std::cell::OnceCell;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use ratatui::crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::{Position, Rect};

use crate::action::Action;
use crate::content::links::LinkIndex;
use crate::content::{Library, SortOrder, Source};
use crate::keymap::{Key, Keymap, Mode};
use crate::render::Rendered;
use crate::state::{ReadingState, Store};
use crate::theme::{Appearance, ColorDepth};
use crate::ui::layout::{self, Areas, IndexWidth};
use crate::watch::Change;
use index::IndexState;
use reader::ReaderState;

/// Widest text column the reader lays out by default, for comfortable reading on wide terminals.
pub const MAX_READING_WIDTH: u16 = 100;

/// How the index writes dates unless the user says otherwise: `2025-12-21`.
pub const DEFAULT_DATE_FORMAT: &str = "%Y-%m-%d";

/// Lines one step of the mouse wheel scrolls.
const WHEEL_LINES: isize = 3;

/// Link schemes that may be handed to the browser.
const OPENABLE_SCHEMES: [&str; 3] = ["http://", "https://", "mailto:"];

/// Which pane has the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Index,
    Reader,
}

/// A line of text being typed, and what it is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    Filter,
    Search(String),
    Follow(String),
}

/// A panel over the panes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    Help {
        scroll: usize,
    },
    Outline {
        selected: usize,
    },
    Tags {
        tags: Vec<(String, usize)>,
        selected: usize,
    },
}

/// Work for `main`, outside the pure state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Open an http(s) or mailto URL in the browser.
    OpenUrl(String),
    /// Edit this file, then reload the post.
    Edit(PathBuf),
}

pub struct App {
    library: Library,
    /// Built on the first followed link: a 10,000-post blog's first frame need not wait for it.
    links: OnceCell<LinkIndex>,
    pub keymap: Keymap,
    pub appearance: Appearance,
    /// What the terminal can show; colours are brought down to it when drawn.
    pub color_depth: ColorDepth,
    pub index: IndexState,
    pub reader: Option<ReaderState>,
    pub focus: Focus,
    pub input: Option<Input>,
    pub overlay: Option<Overlay>,
    pub zoom: bool,
    /// The widest text column the reader lays out.
    pub reading_width: u16,
    /// The index pane's width beside the reader; `None` lets the layout choose.
    pub index_width: Option<IndexWidth>,
    /// How the index writes dates, in strftime form.
    pub date_format: String,
    /// The colours of highlighted code; `None` suits the appearance.
    pub syntax_theme: Option<SyntaxTheme>,
    /// Whether each post (by library position) has been read; mirrors `state`.
    pub read: Vec<bool>,
    /// What is remembered between runs, and where it is saved (`None`: not saved).
    state: ReadingState,
    store: Option<Store>,
    /// Counts changes to the library, so layouts made before one are not installed after it.
    generation: u64,
    /// Posts a followed link came from, with their scroll positions.
    pub history: Vec<(usize, usize)>,
    /// A one-line message for the status bar, cleared by the next key.
    pub message: Option<String>,
    pub should_quit: bool,
    size: Rect,
    /// Finished layouts by post and width, with whether they are highlighted.
    layouts: HashMap<LayoutKey, (Arc<Rendered>, bool)>,
    /// Layouts waiting for highlighting.
    pending: Vec<LayoutJob>,
}

impl App {
    pub fn new(library: Library, keymap: Keymap, appearance: Appearance, size: Rect) -> Self {
        let index = IndexState::new(&library, false);
        let read = vec![false; library.posts().len()];
        let mut app = App {
            library,
            links: OnceCell::new(),
            keymap,
            appearance,
            color_depth: ColorDepth::TrueColor,
            index,
            reader: None,
            focus: Focus::Index,
            input: None,
            overlay: None,
            zoom: false,
            reading_width: MAX_READING_WIDTH,
            index_width: None,
            date_format: DEFAULT_DATE_FORMAT.to_string(),
            syntax_theme: None,
            read,
            state: ReadingState::default(),
            store: None,
            generation: 0,
            history: Vec::new(),
            message: None,
            should_quit: false,
            size,
            layouts: HashMap::new(),
            pending: Vec::new(),
        };
        app.preview_selected();
        app
    }

    pub fn library(&self) -> &Library {
        &self.library
    }

    /// Where the keys go now.
    pub fn mode(&self) -> Mode {
        match (&self.overlay, &self.input) {
            (Some(Overlay::Help { .. }), _) => Mode::Help,
            (Some(Overlay::Outline { .. }), _) => Mode::Outline,
            (Some(Overlay::Tags { .. }), _) => Mode::Tags,
            (None, Some(Input::Filter)) => Mode::Filter,
            (None, Some(Input::Search(_))) => Mode::Search,
            (None, Some(Input::Follow(_))) => Mode::Follow,
            (None, None) => match self.focus {
                Focus::Index => Mode::Index,
                Focus::Reader => Mode::Reader,
            },
        }
    }

    /// The screen areas for the current size and state.
    pub fn areas(&self) -> Areas {
        layout::areas(self.size, self)
    }

    /// A key press: its bound action, or a typed character in an input line.
    pub fn handle_key(&mut self, key: Key) -> Option<Effect> {
        self.message = None;
        let mode = self.mode();
        if let Some(action) = self.keymap.action(mode, &key) {
            return self.update(action);
        }
        if mode.takes_text() {
            match key.typed_char() {
                Some(c) => return self.type_char(c),
                None if key.is_backspace() => self.delete_char(),
                None => {}
            }
        }
        None
    }

    /// Applies one action.
    pub fn update(&mut self, action: Action) -> Option<Effect> {
        match self.mode() {
            Mode::Help => self.update_help(action),
            Mode::Outline => self.update_outline(action),
            Mode::Tags => self.update_tags(action),
            Mode::Filter => self.update_filter(action),
            Mode::Search | Mode::Follow => return self.update_input(action),
            Mode::Index => return self.update_index(action),
            Mode::Reader => return self.update_reader(action),
        }
        None
    }

    /// The terminal changed size: lay the open post out again for the new width.
    pub fn resize(&mut self, size: Rect) {
        self.size = size;
        if self.reader.is_some() {
            self.layout_open_post();
        }
        self.keep_selection_visible();
    }

    fn update_index(&mut self, action: Action) -> Option<Effect> {
        let page = self.index_height().max(1) as isize;
        match action {
            Action::Down => self.move_selection(1),
            Action::Up => self.move_selection(-1),
            Action::HalfPageDown => self.move_selection(page / 2),
            Action::HalfPageUp => self.move_selection(-page / 2),
            Action::PageDown => self.move_selection(page),
            Action::PageUp => self.move_selection(-page),
            Action::Top => self.move_selection(isize::MIN / 2),
            Action::Bottom => self.move_selection(isize::MAX / 2),
            Action::Open if self.open_selected() => {
                self.focus = Focus::Reader;
                self.note_progress();
            }
            Action::MarkRead => {
                if let Some(post) = self.index.selected_post() {
                    self.set_read(post, true);
                }
            }
            Action::MarkUnread => {
                if let Some(post) = self.index.selected_post() {
                    self.set_read(post, false);
                }
            }
            Action::UnreadFilter => self.toggle_unread_filter(),
            Action::Reload => self.reload_all(),
            Action::SwitchPane if self.reader.is_some() => self.focus = Focus::Reader,
            Action::Zoom => self.toggle_zoom(),
            Action::Edit => return self.edit_selected(),
            Action::Filter => self.input = Some(Input::Filter),
            Action::TagFilter => {
                let tags = index::tag_counts(&self.library, self.index.drafts);
                if tags.is_empty() {
                    self.message = Some("no post has tags".to_string());
                } else {
                    let selected = self.index.tag.as_ref().map_or(0, |current| {
                        tags.iter()
                            .position(|(t, _)| t == current)
                            .map_or(0, |i| i + 1)
                    });
                    self.overlay = Some(Overlay::Tags { tags, selected });
                }
            }
            Action::ToggleDrafts => {
                self.set_drafts(!self.index.drafts);
                self.message = Some(
                    if self.index.drafts {
                        "showing drafts"
                    } else {
                        "drafts hidden"
                    }
                    .to_string(),
                );
            }
            Action::CycleSort => {
                self.index.sort = match self.index.sort {
                    SortOrder::Date => SortOrder::Title,
                    SortOrder::Title => SortOrder::Date,
                };
                self.refresh_index();
            }
            Action::Cancel
                if !self.index.filter.is_empty()
                    || self.index.tag.is_some()
                    || self.index.unread_only =>
            {
                self.index.filter.clear();
                self.index.tag = None;
                self.index.unread_only = false;
                self.refresh_index();
            }
            Action::Help => self.overlay = Some(Overlay::Help { scroll: 0 }),
            Action::Quit => self.should_quit = true,
            _ => {}
        }
        None
    }

    fn update_reader(&mut self, action: Action) -> Option<Effect> {
        let height = self.reader_height();
        let page = height.max(1) as isize;
        match action {
            Action::Down => self.scroll_by(1),
            Action::Up => self.scroll_by(-1),
            Action::HalfPageDown => self.scroll_by(page / 2),
            Action::HalfPageUp => self.scroll_by(-page / 2),
            Action::PageDown => self.scroll_by(page.saturating_sub(2).max(1)),
            Action::PageUp => self.scroll_by(-(page.saturating_sub(2).max(1))),
            Action::Top => self.scroll_by(isize::MIN / 2),
            Action::Bottom => self.scroll_by(isize::MAX / 2),
            Action::Back => {
                self.focus = Focus::Index;
                self.zoom = false;
            }
            Action::PreviousPost => self.step_post(-1),
            Action::NextPost => self.step_post(1),
            Action::Edit => return self.edit_open_post(),
            Action::Zoom => self.toggle_zoom(),
            Action::Search => self.input = Some(Input::Search(String::new())),
            Action::NextMatch => self.step_match(1),
            Action::PreviousMatch => self.step_match(-1),
            Action::Outline => self.open_outline(),
            Action::NextLink => self.step_link(1),
            Action::PreviousLink => self.step_link(-1),
            Action::FollowLink => return self.follow_cursor_link(),
            Action::FollowNumber => self.input = Some(Input::Follow(String::new())),
            Action::HistoryBack => self.history_back(),
            Action::MarkRead | Action::MarkUnread => {
                if let Some(post) = self.reader.as_ref().map(|r| r.post) {
                    self.set_read(post, action == Action::MarkRead);
                }
            }
            Action::Reload => self.reload_all(),
            Action::Help => self.overlay = Some(Overlay::Help { scroll: 0 }),
            Action::Quit => self.should_quit = true,
            _ => {}
        }
        None
    }

    fn update_filter(&mut self, action: Action) {
        match action {
            Action::Down => self.move_selection(1),
            Action::Up => self.move_selection(-1),
            Action::Confirm => self.input = None,
            Action::Cancel => {
                self.input = None;
                self.index.filter.clear();
                self.refresh_index();
            }
            Action::Quit => self.should_quit = true,
            _ => {}
        }
    }

    fn update_input(&mut self, action: Action) -> Option<Effect> {
        let input = self.input.clone();
        match (action, input) {
            (Action::Confirm, Some(Input::Search(query))) => {
                self.input = None;
                if let Some(reader) = &self.reader
                    && reader.search.as_ref().is_some_and(|s| s.matches.is_empty())
                {
                    self.message = Some(format!("no match for “{query}”"));
                }
            }
            (Action::Cancel, Some(Input::Search(_))) => {
                self.input = None;
                if let Some(reader) = &mut self.reader {
                    reader.search = None;
                }
            }
            (Action::Confirm, Some(Input::Follow(digits))) => {
                self.input = None;
                return self.follow_number(&digits);
            }
            (Action::Cancel, Some(Input::Follow(_))) => self.input = None,
            (Action::Quit, _) => self.should_quit = true,
            _ => {}
        }
        None
    }

    fn update_help(&mut self, action: Action) {
        let Some(Overlay::Help { scroll }) = &mut self.overlay else {
            return;
        };
        match action {
            Action::Down => *scroll += 1,
            Action::Up => *scroll = scroll.saturating_sub(1),
            Action::PageDown => *scroll += 10,
            Action::PageUp => *scroll = scroll.saturating_sub(10),
            Action::Top => *scroll = 0,
            Action::Bottom => *scroll = usize::MAX / 2,
            Action::Cancel | Action::Help => self.overlay = None,
            Action::Quit => self.should_quit = true,
            _ => {}
        }
    }

    fn update_outline(&mut self, action: Action) {
        let count = self
            .reader
            .as_ref()
            .map_or(0, |r| r.rendered.headings.len());
        let Some(Overlay::Outline { selected }) = &mut self.overlay else {
            return;
        };
        match action {
            Action::Confirm => {
                let chosen = *selected;
                self.overlay = None;
                let height = self.reader_height();
                if let Some(reader) = &mut self.reader
                    && let Some(heading) = reader.rendered.headings.get(chosen)
                {
                    let line = heading.line;
                    reader.scroll_to(line, height);
                }
            }
            Action::Cancel | Action::Outline => self.overlay = None,
            Action::Quit => self.should_quit = true,
            other => *selected = step_list(*selected, count, other),
        }
    }

    fn update_tags(&mut self, action: Action) {
        let Some(Overlay::Tags { tags, selected }) = &mut self.overlay else {
            return;
        };
        match action {
            Action::Confirm => {
                let tag = selected
                    .checked_sub(1)
                    .and_then(|i| tags.get(i))
                    .map(|(t, _)| t.clone());
                self.overlay = None;
                self.index.tag = tag;
                self.refresh_index();
            }
            Action::Cancel | Action::TagFilter => self.overlay = None,
            Action::Quit => self.should_quit = true,
            other => *selected = step_list(*selected, tags.len() + 1, other),
        }
    }

    fn type_char(&mut self, c: char) -> Option<Effect> {
        match &mut self.input {
            Some(Input::Filter) => {
                let text = format!("{}{c}", self.index.filter);
                self.index.set_filter(&self.library, text);
                self.after_index_change();
            }
            Some(Input::Search(query)) => {
                query.push(c);
                let query = query.clone();
                self.search(&query);
            }
            Some(Input::Follow(digits)) if c.is_ascii_digit() => {
                digits.push(c);
                let digits = digits.clone();
                let links = self.reader.as_ref().map_or(0, |r| r.rendered.links.len());
                if digits.len() >= links.to_string().len() {
                    self.input = None;
                    return self.follow_number(&digits);
                }
            }
            _ => {}
        }
        None
    }

    fn delete_char(&mut self) {
        match &mut self.input {
            Some(Input::Filter) => {
                let mut text = self.index.filter.clone();
                text.pop();
                self.index.set_filter(&self.library, text);
                self.after_index_change();
            }
            Some(Input::Search(query)) => {
                query.pop();
                let query = query.clone();
                self.search(&query);
            }
            Some(Input::Follow(digits)) => {
                digits.pop();
            }
            None => {}
        }
    }
}

/// Moves a list cursor for a navigation action; other actions leave it.
fn step_list(selected: usize, count: usize, action: Action) -> usize {
    let last = count.saturating_sub(1);
    match action {
        Action::Down => (selected + 1).min(last),
        Action::Up => selected.saturating_sub(1),
        Action::PageDown | Action::HalfPageDown => (selected + 10).min(last),
        Action::PageUp | Action::HalfPageUp => selected.saturating_sub(10),
        Action::Top => 0,
        Action::Bottom => last,
        _ => selected,
    }
}

/// Moving through the index and the open post, opening posts, editing, the mouse.
impl App {
    /// Rows the index pane shows.
    pub fn index_height(&self) -> usize {
        self.areas()
            .index
            .map_or(0, |area| layout::inner(area).height as usize)
    }

    /// Lines the reader pane shows.
    pub fn reader_height(&self) -> usize {
        self.areas()
            .reader
            .map_or(0, |area| layout::inner(area).height as usize)
    }

    /// The width posts are laid out to.
    pub fn reader_width(&self) -> u16 {
        let area = self.areas().reader.unwrap_or(self.size);
        layout::text_width(area, self.reading_width)
    }

    fn move_selection(&mut self, delta: isize) {
        self.index.move_by(delta);
        self.keep_selection_visible();
        self.preview_selected();
    }

    fn keep_selection_visible(&mut self) {
        let height = self.index_height().max(1);
        let selected = self.index.selected;
        if selected < self.index.offset {
            self.index.offset = selected;
        } else if selected >= self.index.offset + height {
            self.index.offset = selected + 1 - height;
        }
        let max_offset = self.index.rows.len().saturating_sub(height);
        self.index.offset = self.index.offset.min(max_offset);
    }

    /// Shows or hides drafts in the index, as the setting or the key asks.
    pub fn set_drafts(&mut self, shown: bool) {
        self.index.drafts = shown;
        self.refresh_index();
    }

    fn refresh_index(&mut self) {
        self.index.refresh(&self.library);
        self.after_index_change();
    }

    fn after_index_change(&mut self) {
        if self.index.unread_only {
            self.index.keep_unread(&self.read);
        }
        self.keep_selection_visible();
        self.preview_selected();
    }

    /// On a wide screen the reader follows the index selection.
    fn preview_selected(&mut self) {
        if self.areas().reader.is_some() && self.areas().index.is_some() {
            self.open_selected();
        }
    }

    fn open_selected(&mut self) -> bool {
        match self.index.selected_post() {
            Some(post) => {
                self.open_post(post);
                true
            }
            None => false,
        }
    }

    /// Shows a post in the reader where it was left.
    fn open_post(&mut self, post: usize) {
        if self.reader.as_ref().is_some_and(|r| r.post == post) {
            return;
        }
        self.remember_position();
        let width = self.reader_width();
        let (rendered, highlighted) = self.layout(post, width);
        self.reader = Some(ReaderState::new(post, rendered, highlighted));
        self.resume_position();
        if self.focus == Focus::Reader {
            self.note_progress();
        }
    }

    fn scroll_by(&mut self, delta: isize) {
        let height = self.reader_height();
        if let Some(reader) = &mut self.reader {
            reader.scroll_by(delta, height);
            reader.link = None;
        }
        if self.focus == Focus::Reader {
            self.note_progress();
        }
    }

    fn toggle_zoom(&mut self) {
        if self.reader.is_none() && !self.open_selected() {
            return;
        }
        self.zoom = !self.zoom;
        self.focus = Focus::Reader;
        self.layout_open_post();
    }

    fn step_post(&mut self, delta: isize) {
        let Some(current) = self.reader.as_ref().map(|r| r.post) else {
            return;
        };
        if !self.index.select_post(current) {
            return;
        }
        let before = self.index.selected;
        self.index.move_by(delta);
        if self.index.selected == before {
            self.message = Some(
                if delta > 0 {
                    "this is the last post"
                } else {
                    "this is the first post"
                }
                .to_string(),
            );
            return;
        }
        self.keep_selection_visible();
        self.open_selected();
    }

    fn edit_selected(&self) -> Option<Effect> {
        self.edit(self.index.selected_post()?)
    }

    fn edit_open_post(&self) -> Option<Effect> {
        self.edit(self.reader.as_ref()?.post)
    }

    fn edit(&self, post: usize) -> Option<Effect> {
        match self.library.source() {
            Source::Disk { root, .. } => {
                Some(Effect::Edit(root.join(&self.library.posts()[post].file)))
            }
            Source::Sample => None,
        }
    }

    /// After an edit: read the open post again and keep the place.
    pub fn reload_open_post(&mut self) {
        let Some(post) = self.reader.as_ref().map(|r| r.post) else {
            return;
        };
        let file = self.library.posts()[post].file.clone();
        self.apply_changes(&[Change::Modified(file)]);
    }

    /// The wheel scrolls the pane under the pointer; a click selects a post or focuses the
    /// reader.
    pub fn handle_mouse(&mut self, mouse: MouseEvent) {
        let areas = self.areas();
        let at = Position::new(mouse.column, mouse.row);
        let over_index = areas.index.is_some_and(|a| a.contains(at));
        let over_reader = areas.reader.is_some_and(|a| a.contains(at));
        if self.overlay.is_some() || self.input.is_some() {
            return;
        }
        match mouse.kind {
            MouseEventKind::ScrollDown if over_reader => self.scroll_by(WHEEL_LINES),
            MouseEventKind::ScrollUp if over_reader => self.scroll_by(-WHEEL_LINES),
            MouseEventKind::ScrollDown if over_index => self.move_selection(1),
            MouseEventKind::ScrollUp if over_index => self.move_selection(-1),
            MouseEventKind::Down(MouseButton::Left) if over_index => {
                let inner = areas.index.map(layout::inner).unwrap_or_default();
                if inner.contains(at) {
                    let row = self.index.offset + (at.y - inner.y) as usize;
                    if row < self.index.rows.len() {
                        self.focus = Focus::Index;
                        self.index.select(row);
                        self.preview_selected();
                    }
                }
            }
            MouseEventKind::Down(MouseButton::Left) if over_reader && self.reader.is_some() => {
                self.focus = Focus::Reader;
            }
            _ => {}
        }
    }
}
