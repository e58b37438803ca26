//! Moving between posts: opening one where it was left, the preview that follows the
//! selection, the next and previous post, the next unread one, zoom, the editor, and the mouse.

use ratatui::crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::Position;

use super::reader::{ReaderState, Resume};
use super::{App, Effect, Focus};
use crate::content::Source;
use crate::geometry;
use crate::watch::Change;

/// Lines one step of the mouse wheel scrolls.
const WHEEL_LINES: isize = 3;

impl App {
    /// On a wide screen the reader follows the index selection.
    pub(super) fn preview_selected(&mut self) {
        let areas = self.areas();
        if areas.reader.is_some() && areas.index.is_some() {
            self.open_selected();
        }
    }

    pub(super) fn open_selected(&mut self) -> bool {
        match self.index.selected_post() {
            Some(post) => {
                self.open_post(post, None);
                true
            }
            None => false,
        }
    }

    /// Shows a post in the reader: at `line`, else where it was left. Its layout comes from
    /// the cache or, later, from the worker.
    pub(super) fn open_post(&mut self, post: usize, line: Option<usize>) {
        if self.reader.as_ref().is_some_and(|r| r.post == post) {
            if let Some(line) = line {
                let height = self.reader_height();
                if let Some(reader) = &mut self.reader {
                    reader.scroll_to(line, height);
                }
            }
            return;
        }
        self.remember_position();
        let Some(entry) = self.library.posts().get(post) else {
            return;
        };
        let resume = match line {
            Some(line) => Resume::Line(line),
            None => Resume::Place(self.state.place(entry)),
        };
        std::sync::Arc::make_mut(&mut self.state).open(entry);
        self.reader = Some(ReaderState::waiting(post, resume));
        self.lay_out_open_post();
    }

    pub(super) fn toggle_zoom(&mut self) {
        if self.reader.is_none() && !self.open_selected() {
            return;
        }
        self.zoom = !self.zoom;
        self.focus = Focus::Reader;
        self.lay_out_open_post();
    }

    pub(super) fn step_post(&mut self, delta: isize) {
        let Some(current) = self.reader.as_ref().map(|r| r.post) else {
            return;
        };
        if !self.index.select_post(current) {
            return;
        }
        let before = self.index.selected;
        self.index.move_by(delta);
        if self.index.selected == before {
            let end = if delta > 0 { "last" } else { "first" };
            self.message = Some(format!("this is the {end} post"));
            return;
        }
        self.keep_selection_visible();
        self.open_selected();
    }

    /// Opens the first unread post after the current one in the index's order, coming round
    /// from the top; from the reader, the post left is marked read first, as newsboat does.
    pub(super) fn next_unread(&mut self) {
        let current = match self.focus {
            Focus::Reader => self.reader.as_ref().map(|r| r.post),
            Focus::Index => self.index.selected_post(),
        };
        if self.focus == Focus::Reader
            && let Some(post) = current
            && !self.is_read(post)
        {
            self.set_read(post, true);
        }
        let rows = &self.index.rows;
        let start = current
            .and_then(|post| rows.iter().position(|row| row.post == post))
            .unwrap_or(self.index.selected);
        let next = (1..=rows.len())
            .map(|step| rows[(start + step) % rows.len()].post)
            .find(|&post| Some(post) != current && !self.is_read(post));
        let Some(post) = next else {
            self.message = Some("no other unread post in the index".to_string());
            return;
        };
        self.index.select_post(post);
        self.keep_selection_visible();
        self.focus = Focus::Reader;
        self.open_post(post, None);
        self.note_progress();
    }

    /// Asks for the editor on a post's file (the built-in sample has no file to edit).
    pub(super) fn edit(&mut self, post: usize) {
        match self.library.source() {
            Source::Disk { root, .. } => {
                let file = root.join(&self.library.posts()[post].file);
                self.effects.push(Effect::Edit(file));
            }
            Source::Sample => self.message = Some("the sample blog can't be edited".to_string()),
            Source::Stdin(_) => {
                self.message = Some("a post from standard input can't be edited".to_string());
            }
        }
    }

    /// The editor closed: read the open post again and keep the place.
    pub fn edited(&mut self) -> Vec<Effect> {
        if let Some(post) = self.reader.as_ref().map(|r| r.post) {
            let file = self.library.posts()[post].file.clone();
            return self.apply_changes(&[Change::Modified(file)]);
        }
        self.take_effects()
    }

    /// The wheel scrolls the pane under the pointer; a click selects a post or focuses the
    /// reader.
    pub fn handle_mouse(&mut self, mouse: MouseEvent) -> Vec<Effect> {
        if self.overlay.is_none() && self.input.is_none() {
            let at = Position::new(mouse.column, mouse.row);
            match mouse.kind {
                MouseEventKind::ScrollDown => self.wheel(at, 1),
                MouseEventKind::ScrollUp => self.wheel(at, -1),
                MouseEventKind::Down(MouseButton::Left) => self.click(at),
                // Other buttons, releases, drags, moves and sideways scrolling mean nothing here.
                MouseEventKind::Down(MouseButton::Right | MouseButton::Middle)
                | MouseEventKind::Up(_)
                | MouseEventKind::Drag(_)
                | MouseEventKind::Moved
                | MouseEventKind::ScrollLeft
                | MouseEventKind::ScrollRight => {}
            }
        }
        self.take_effects()
    }

    fn wheel(&mut self, at: Position, direction: isize) {
        let areas = self.areas();
        if areas.reader.is_some_and(|a| a.contains(at)) {
            self.scroll_by(direction * WHEEL_LINES);
        } else if areas.index.is_some_and(|a| a.contains(at)) {
            self.move_selection(direction);
        }
    }

    fn click(&mut self, at: Position) {
        let areas = self.areas();
        if let Some(index) = areas.index.filter(|a| a.contains(at)) {
            let inner = geometry::inner(index);
            if inner.contains(at) {
                let row = self.index.offset + usize::from(at.y - inner.y);
                if row < self.index.rows.len() {
                    self.focus = Focus::Index;
                    self.index.select(row);
                    self.preview_selected();
                }
            }
        } else if areas.reader.is_some_and(|a| a.contains(at)) && self.reader.is_some() {
            self.focus = Focus::Reader;
        }
    }
}
