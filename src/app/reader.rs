//! The reader pane's state: the laid-out post, where it is scrolled to, search and links;
//! and the reader's actions.

use std::sync::Arc;

use super::{App, Focus, Input, Overlay};
use crate::action::Action;
use crate::keymap::Mode;
use crate::render::Rendered;
use crate::state::Place;

pub use super::search::{Match, Search, find};

/// A post laid out for the reader with each line's text for search, both made on the worker:
/// the text costs in proportion to the post.
#[derive(Debug, Clone, Default)]
pub struct Laid {
    pub rendered: Arc<Rendered>,
    pub text: Arc<Vec<String>>,
}

impl Laid {
    pub fn of(rendered: Rendered) -> Laid {
        Laid {
            text: Arc::new(rendered.plain()),
            rendered: Arc::new(rendered),
        }
    }
}

/// Where a post opened before its layout arrived goes once it does.
#[derive(Debug, Clone, PartialEq)]
pub enum Resume {
    /// Where it was left, as remembered.
    Place(Place),
    /// A line, as when coming back through the link history.
    Line(usize),
}

#[derive(Debug, Clone)]
pub struct ReaderState {
    /// Position of the post in the library.
    pub post: usize,
    pub rendered: Arc<Rendered>,
    /// Each line's text, for searching; the same indexing as the rendered lines.
    pub text: Arc<Vec<String>>,
    /// The first line shown.
    pub scroll: usize,
    pub search: Option<Search>,
    /// The link (index into `rendered.links`) the link cursor is on.
    pub link: Option<usize>,
    /// Whether code highlighting has arrived for this layout.
    pub highlighted: bool,
    /// The post's layout is being made; where to go when it arrives.
    pub waiting: Option<Resume>,
}

impl ReaderState {
    pub fn new(post: usize, laid: Laid, highlighted: bool) -> Self {
        ReaderState {
            post,
            rendered: laid.rendered,
            text: laid.text,
            scroll: 0,
            search: None,
            link: None,
            highlighted,
            waiting: None,
        }
    }

    /// A post whose layout is on its way: nothing to show yet but its title.
    pub fn waiting(post: usize, resume: Resume) -> Self {
        ReaderState {
            waiting: Some(resume),
            ..ReaderState::new(post, Laid::default(), false)
        }
    }

    /// Goes where a just-arrived layout should start.
    pub fn resume(&mut self, resume: &Resume, height: usize) {
        match resume {
            Resume::Place(place) => self.go_to(place, height),
            Resume::Line(line) => self.scroll_to(*line, height),
        }
    }

    pub fn line_count(&self) -> usize {
        self.rendered.lines.len()
    }

    /// The last scroll position that still fills the viewport.
    pub fn max_scroll(&self, height: usize) -> usize {
        self.line_count().saturating_sub(height.max(1))
    }

    pub fn scroll_to(&mut self, line: usize, height: usize) {
        self.scroll = line.min(self.max_scroll(height));
    }

    pub fn scroll_by(&mut self, delta: isize, height: usize) {
        self.scroll_to(self.scroll.saturating_add_signed(delta), height);
    }

    /// How far through the post the bottom of the viewport is, in percent.
    pub fn percent(&self, height: usize) -> usize {
        let total = self.line_count();
        if total <= height {
            return 100;
        }
        ((self.scroll + height) * 100 / total).min(100)
    }

    /// Swaps in a new layout of the same post (another width, or highlighting arrived),
    /// keeping the reading position in proportion. A search's matches are of the old lines:
    /// the search is taken out and returned, to look for again.
    pub fn relayout(&mut self, laid: Laid, highlighted: bool, height: usize) -> Option<Search> {
        let old_total = self.line_count().max(1);
        let new_total = laid.rendered.lines.len();
        let scroll = if old_total == new_total {
            self.scroll
        } else {
            self.scroll * new_total / old_total
        };
        self.text = laid.text;
        self.rendered = laid.rendered;
        self.highlighted = highlighted;
        self.link = None;
        self.scroll_to(scroll, height);
        self.search.take()
    }

    /// Where the top line is, to come back to later: see [`Place`].
    pub fn place(&self) -> Place {
        let total = self.line_count().max(1);
        let fraction = self.scroll as f64 / total as f64;
        let headings = &self.rendered.headings;
        let Some(at) = headings.iter().rposition(|h| h.line <= self.scroll) else {
            return Place {
                fraction,
                ..Place::default()
            };
        };
        let start = headings[at].line;
        let end = headings
            .get(at + 1)
            .map_or(total, |h| h.line)
            .max(start + 1);
        Place {
            fraction,
            heading: Some(headings[at].text.clone()),
            within: (self.scroll - start) as f64 / (end - start) as f64,
        }
    }

    /// Scrolls to a remembered place: into the section under the same heading (the one
    /// nearest the old fraction when several share the text), else to the same fraction.
    pub fn go_to(&mut self, place: &Place, height: usize) {
        let total = self.line_count();
        let by_fraction = (place.fraction * total as f64).round() as usize;
        let headings = &self.rendered.headings;
        let section = place.heading.as_ref().and_then(|text| {
            (0..headings.len())
                .filter(|&i| headings[i].text == *text)
                .min_by_key(|&i| headings[i].line.abs_diff(by_fraction))
        });
        let line = match section {
            Some(at) => {
                let start = headings[at].line;
                let end = headings.get(at + 1).map_or(total, |h| h.line).max(start);
                start + (place.within * (end - start) as f64).round() as usize
            }
            None => by_fraction,
        };
        self.scroll_to(line, height);
    }

    /// The heading the viewport is in: the last one at or above the top line.
    pub fn current_heading(&self) -> usize {
        let headings = &self.rendered.headings;
        headings
            .iter()
            .rposition(|h| h.line <= self.scroll)
            .unwrap_or(0)
    }
}

impl App {
    pub(super) fn reader_action(&mut self, action: Action) {
        let page = isize::try_from(self.reader_height().max(1)).unwrap_or(isize::MAX);
        // A page keeps two lines of the last one in sight.
        let screenful = page.saturating_sub(2).max(1);
        match action {
            Action::Down => self.scroll_by(1),
            Action::Up => self.scroll_by(-1),
            Action::HalfPageDown => self.scroll_by(page / 2),
            Action::HalfPageUp => self.scroll_by(-page / 2),
            Action::PageDown => self.scroll_by(screenful),
            Action::PageUp => self.scroll_by(-screenful),
            Action::Top => self.scroll_by(isize::MIN / 2),
            Action::Bottom => self.scroll_by(isize::MAX / 2),
            Action::Back => {
                self.focus = Focus::Index;
                self.zoom = false;
            }
            Action::PreviousPost => self.step_post(-1),
            Action::NextPost => self.step_post(1),
            Action::NextUnread => self.next_unread(),
            Action::Edit => {
                if let Some(post) = self.reader.as_ref().map(|r| r.post) {
                    self.edit(post);
                }
            }
            Action::Zoom => self.toggle_zoom(),
            Action::Search => self.input = Some(Input::Search(String::new())),
            Action::NextMatch => self.step_match(1),
            Action::PreviousMatch => self.step_match(-1),
            Action::Outline => self.open_outline(),
            Action::SearchAll => self.open_fulltext(),
            Action::ViewImage => {
                let height = self.reader_height();
                self.picture_view = self.reader.as_ref().and_then(|r| {
                    let selected = r.link.map(|l| r.rendered.links[l].line);
                    crate::images::picture_to_view(&r.rendered.images, r.scroll, height, selected)
                });
            }
            Action::NextLink => self.step_link(1),
            Action::PreviousLink => self.step_link(-1),
            Action::FollowLink => self.follow_cursor_link(),
            Action::Copy => self.copy(),
            Action::FollowNumber => self.input = Some(Input::Follow(String::new())),
            Action::HistoryBack => self.history_back(),
            Action::MarkRead | Action::MarkUnread => {
                if let Some(post) = self.reader.as_ref().map(|r| r.post) {
                    self.set_read(post, action == Action::MarkRead);
                }
            }
            Action::Reload => self.reload_all(),
            Action::Help => {
                self.overlay = Some(Overlay::Help {
                    scroll: self.keymap.help_line(Mode::Reader),
                })
            }
            Action::SwitchPane => {
                if self.areas().index.is_some() {
                    self.focus = Focus::Index;
                }
            }
            Action::Open
            | Action::Filter
            | Action::TagFilter
            | Action::ToggleDrafts
            | Action::CycleSort
            | Action::UnreadFilter
            | Action::Confirm
            | Action::Cancel
            | Action::Quit
            | Action::Suspend => self.not_here(action),
        }
    }

    pub(super) fn scroll_by(&mut self, delta: isize) {
        let height = self.reader_height();
        if let Some(reader) = &mut self.reader {
            reader.scroll_by(delta, height);
            reader.link = None;
        }
        if self.focus == Focus::Reader {
            self.note_progress();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn laid_out(width: usize) -> ReaderState {
        let mut body = String::new();
        for section in ["First", "Second", "Third"] {
            body.push_str(&format!("## {section}\n\n"));
            for i in 0..6 {
                body.push_str(&format!(
                    "Paragraph {i} of the {section} section, with enough words in it to wrap \
                     onto more lines when the column is narrow.\n\n"
                ));
            }
        }
        let options = crate::render::Options::new(width, crate::theme::Appearance::Dark);
        let rendered = crate::render::render(&body, None, &options);
        ReaderState::new(0, Laid::of(rendered), true)
    }

    #[test]
    fn a_place_survives_a_new_width() {
        let mut wide = laid_out(100);
        let second = wide.rendered.headings[1].line;
        let third = wide.rendered.headings[2].line;
        wide.scroll_to(second + (third - second) / 2, 5);
        let place = wide.place();
        assert_eq!(place.heading.as_deref(), Some("Second"));

        let mut narrow = laid_out(40);
        narrow.go_to(&place, 5);
        assert_eq!(narrow.current_heading(), 1, "still in the second section");
        let (start, end) = (
            narrow.rendered.headings[1].line,
            narrow.rendered.headings[2].line,
        );
        let halfway = start + (end - start) / 2;
        assert!(
            narrow.scroll.abs_diff(halfway) <= 1,
            "{} vs {halfway}",
            narrow.scroll
        );
    }

    #[test]
    fn a_place_whose_heading_is_gone_falls_back_to_the_fraction() {
        let mut reader = laid_out(60);
        let place = Place {
            fraction: 0.5,
            heading: Some("Renamed away".into()),
            within: 0.9,
        };
        reader.go_to(&place, 5);
        assert_eq!(reader.scroll, reader.line_count() / 2);
    }
}
