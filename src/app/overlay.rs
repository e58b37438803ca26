//! What sits over the panes and takes the keys while it is open: the help, the outline and
//! tag lists, and the input lines (filter, search, link number). Each handles its own actions.

use super::rows::{Tagged, TagsJob};
use super::{App, Effect};
use crate::action::Action;

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
    FullText(Box<super::FullText>),
}

/// Where a list cursor goes for a motion; `None` for an action that is not a motion.
pub(super) fn step_list(selected: usize, count: usize, action: Action) -> Option<usize> {
    let last = count.saturating_sub(1);
    Some(match action {
        Action::Down => (selected + 1).min(last),
        Action::Up => selected.saturating_sub(1),
        Action::PageDown | Action::HalfPageDown => (selected + 10).min(last),
        Action::PageUp | Action::HalfPageUp => selected.saturating_sub(10),
        Action::Top => 0,
        Action::Bottom => last,
        _not_a_motion => return None,
    })
}

impl App {
    pub(super) fn help_action(&mut self, action: Action) {
        let shown = usize::from(crate::geometry::help_height(self.size.height).saturating_sub(2));
        let last = self.keymap.help_len().saturating_sub(shown);
        let Some(Overlay::Help { scroll }) = &mut self.overlay else {
            return;
        };
        // Kept within the text, so a key up after the end moves at once.
        *scroll = (*scroll).min(last);
        match action {
            Action::Down => *scroll = (*scroll + 1).min(last),
            Action::Up => *scroll = scroll.saturating_sub(1),
            Action::PageDown | Action::HalfPageDown => *scroll = (*scroll + 10).min(last),
            Action::PageUp | Action::HalfPageUp => *scroll = scroll.saturating_sub(10),
            Action::Top => *scroll = 0,
            Action::Bottom => *scroll = last,
            Action::Cancel | Action::Help | Action::Confirm => self.overlay = None,
            other => self.not_here(other),
        }
    }

    pub(super) fn outline_action(&mut self, action: Action) {
        let count = self
            .reader
            .as_ref()
            .map_or(0, |r| r.rendered.headings.len());
        let Some(Overlay::Outline { selected }) = &mut self.overlay else {
            return;
        };
        if let Some(next) = step_list(*selected, count, action) {
            *selected = next;
            return;
        }
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
            other => self.not_here(other),
        }
    }

    pub(super) fn tags_action(&mut self, action: Action) {
        let Some(Overlay::Tags { tags, selected }) = &mut self.overlay else {
            return;
        };
        if let Some(next) = step_list(*selected, tags.len() + 1, action) {
            *selected = next;
            return;
        }
        match action {
            Action::Confirm => {
                // The first entry is "all posts".
                let tag = selected
                    .checked_sub(1)
                    .and_then(|i| tags.get(i))
                    .map(|(t, _)| t.clone());
                self.overlay = None;
                self.index.tag = tag;
                self.refresh_index();
            }
            Action::Cancel | Action::TagFilter => self.overlay = None,
            other => self.not_here(other),
        }
    }

    /// Asks for the blog's tags, counted on the worker; the list opens when they come.
    pub(super) fn open_tags(&mut self) {
        self.tags_asked = true;
        self.effects.push(Effect::CountTags(Box::new(TagsJob {
            posts: self.library.shared_posts(),
            drafts: self.index.drafts,
            generation: self.generation,
        })));
    }

    /// The tags came: the list opens, with the tag filtered by (if any) selected, unless
    /// the blog changed or another key opened something else meanwhile.
    pub(super) fn tags_counted(&mut self, tagged: Tagged) {
        self.tags_asked = false;
        if tagged.generation != self.generation || self.overlay.is_some() || self.input.is_some() {
            return;
        }
        let tags = tagged.tags;
        if tags.is_empty() {
            self.message = Some("no post has tags".to_string());
            return;
        }
        let selected = self.index.tag.as_ref().map_or(0, |current| {
            tags.iter()
                .position(|(t, _)| t == current)
                .map_or(0, |i| i + 1)
        });
        self.overlay = Some(Overlay::Tags { tags, selected });
    }

    /// The filter, search and link-number lines: moving the selection under a filter,
    /// accepting, cancelling.
    pub(super) fn input_action(&mut self, action: Action) {
        let Some(input) = self.input.clone() else {
            return;
        };
        match (action, input) {
            (Action::Down, Input::Filter) => self.move_selection(1),
            (Action::Up, Input::Filter) => self.move_selection(-1),
            (Action::Confirm, Input::Filter) | (Action::Cancel, Input::Follow(_)) => {
                self.input = None
            }
            (Action::Cancel, Input::Filter) => {
                self.input = None;
                self.index.filter.clear();
                self.refresh_index();
            }
            (Action::Confirm, Input::Search(query)) => {
                self.input = None;
                if let Some(reader) = &self.reader
                    && reader
                        .search
                        .as_ref()
                        .is_some_and(|s| s.matches.is_empty() && !s.is_looking())
                {
                    self.message = Some(format!("no match for “{query}”"));
                }
            }
            (Action::Cancel, Input::Search(_)) => {
                self.input = None;
                if let Some(reader) = &mut self.reader {
                    reader.search = None;
                }
            }
            (Action::Confirm, Input::Follow(digits)) => {
                self.input = None;
                self.follow_number(&digits);
            }
            (other, _) => self.not_here(other),
        }
    }

    pub(super) fn type_char(&mut self, c: char) {
        match &mut self.input {
            Some(Input::Filter) => {
                let text = format!("{}{c}", self.index.filter);
                self.set_filter(text);
            }
            Some(Input::Search(query)) => {
                query.push(c);
                let query = query.clone();
                self.search(&query);
            }
            Some(Input::Follow(digits)) => {
                if !c.is_ascii_digit() {
                    return;
                }
                digits.push(c);
                let digits = digits.clone();
                let links = self.reader.as_ref().map_or(0, |r| r.rendered.links.len());
                // Enough digits for any link of this post: no need to wait for enter.
                if digits.len() >= links.to_string().len() {
                    self.input = None;
                    self.follow_number(&digits);
                }
            }
            None => self.edit_fulltext(|query| query.push(c)),
        }
    }

    pub(super) fn delete_char(&mut self) {
        match &mut self.input {
            Some(Input::Filter) => {
                let mut text = self.index.filter.clone();
                text.pop();
                self.set_filter(text);
            }
            Some(Input::Search(query)) => {
                query.pop();
                let query = query.clone();
                self.search(&query);
            }
            Some(Input::Follow(digits)) => {
                digits.pop();
            }
            None => self.edit_fulltext(|query| {
                query.pop();
            }),
        }
    }

    /// An action the part with the keyboard has no use for. The default keymap binds none of
    /// these there; a user's keymap may, and then the status bar says why nothing happened.
    pub(super) fn not_here(&mut self, action: Action) {
        self.message = Some(format!("{} does nothing here", action.name()));
    }
}
