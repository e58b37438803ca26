//! The post index: which posts are shown, in which order, and which one is selected; and
//! the index's actions.

use std::collections::BTreeMap;

use nucleo_matcher::pattern::{AtomKind, CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};
use unicode_segmentation::UnicodeSegmentation;

use super::{App, Focus, Input, Overlay};
use crate::action::Action;
use crate::content::{Library, Post, SortOrder};
use crate::keymap::Mode;

/// One row of the index: a post and the title characters the filter matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// Position of the post in the library.
    pub post: usize,
    /// Char indices into the title to highlight.
    pub matched: Vec<u32>,
}

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
    matcher: Matcher,
}

impl IndexState {
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
            matcher: Matcher::new(Config::DEFAULT),
        };
        state.refresh(library);
        state
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

    /// Sets the filter text; the best match is selected.
    pub fn set_filter(&mut self, library: &Library, text: String) {
        self.filter = text;
        self.refresh(library);
        self.selected = 0;
    }

    /// Recomputes the rows after the filter, tag, drafts or sort changed, keeping the same post
    /// selected when it is still shown.
    pub fn refresh(&mut self, library: &Library) {
        let keep = self.selected_post();
        let posts = library.posts();
        self.dated = posts.iter().any(|post| post.listed && post.date.is_some());
        let candidates = (0..posts.len()).filter(|&i| {
            let post = &posts[i];
            post.listed
                && (self.drafts || !post.meta.draft)
                && self
                    .tag
                    .as_deref()
                    .is_none_or(|tag| post.meta.labels().contains(&tag))
        });
        let mut scored: Vec<(u32, Row)> = if self.filter.trim().is_empty() {
            candidates
                .map(|post| {
                    (
                        0,
                        Row {
                            post,
                            matched: Vec::new(),
                        },
                    )
                })
                .collect()
        } else {
            let filter = Filter::new(&self.filter);
            candidates
                .filter_map(|post| {
                    let (score, matched) = filter.score(&posts[post], &mut self.matcher)?;
                    Some((score, Row { post, matched }))
                })
                .collect()
        };
        match self.sort {
            SortOrder::Date => {}
            SortOrder::Title => {
                scored.sort_by_cached_key(|(_, row)| posts[row.post].title.to_lowercase())
            }
        }
        if !self.filter.trim().is_empty() {
            scored.sort_by_key(|(score, _)| std::cmp::Reverse(*score));
        }
        self.rows = scored.into_iter().map(|(_, row)| row).collect();
        self.selected = 0;
        if let Some(post) = keep {
            self.select_post(post);
        }
    }
}

/// The typed filter: fuzzy over the title and tags, as written in the description.
struct Filter {
    fuzzy: Pattern,
    exact: Pattern,
}

impl Filter {
    fn new(text: &str) -> Filter {
        Filter {
            fuzzy: Pattern::parse(text, CaseMatching::Smart, Normalization::Smart),
            exact: Pattern::new(
                text,
                CaseMatching::Smart,
                Normalization::Smart,
                AtomKind::Substring,
            ),
        }
    }

    /// A post's score and the title characters that matched; `None` when it doesn't match.
    /// Descriptions are long prose where scattered letters match almost anything, so they
    /// count only when they hold the text as typed, and rank below title and tag matches.
    fn score(&self, post: &Post, matcher: &mut Matcher) -> Option<(u32, Vec<u32>)> {
        let mut buffer = Vec::new();
        let mut heading = post.title.clone();
        for tag in &post.meta.tags {
            heading.push(' ');
            heading.push_str(tag);
        }
        let mut matched = Vec::new();
        let haystack = Utf32Str::new(&heading, &mut buffer);
        let by_bytes = matches!(haystack, Utf32Str::Ascii(_));
        if let Some(score) = self.fuzzy.indices(haystack, matcher, &mut matched) {
            matched.sort_unstable();
            matched.dedup();
            return Some((score, title_chars(&post.title, &matched, by_bytes)));
        }
        let description = post.meta.description.as_deref()?;
        let score = self
            .exact
            .score(Utf32Str::new(description, &mut buffer), matcher)?;
        Some((score / 2, Vec::new()))
    }
}

/// The title's char indices of what nucleo matched, a letter's combining marks included.
/// nucleo's indices are not chars: over a string whose graphemes all start with ASCII they are
/// bytes (its `Utf32Str::Ascii` reads the bytes), else graphemes (its `Utf32Str::Unicode`
/// keeps the first char of each).
fn title_chars(title: &str, matched: &[u32], by_bytes: bool) -> Vec<u32> {
    let mut chars = Vec::new();
    let mut at = 0;
    for (number, (byte, grapheme)) in (0..).zip(title.grapheme_indices(true)) {
        let count = grapheme.chars().count() as u32;
        let hit = if by_bytes {
            let bytes = byte as u32..(byte + grapheme.len()) as u32;
            let first = matched.partition_point(|&i| i < bytes.start);
            matched.get(first).is_some_and(|i| bytes.contains(i))
        } else {
            matched.binary_search(&number).is_ok()
        };
        if hit {
            chars.extend(at..at + count);
        }
        at += count;
    }
    chars
}

/// Every tag and category of the shown posts (drafts counted only when shown) with its number of
/// posts, most used first.
pub fn tag_counts(library: &Library, drafts: bool) -> Vec<(String, usize)> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for post in library
        .posts()
        .iter()
        .filter(|p| p.listed && (drafts || !p.meta.draft))
    {
        for tag in post.meta.labels() {
            *counts.entry(tag).or_default() += 1;
        }
    }
    let mut tags: Vec<(String, usize)> = counts
        .into_iter()
        .map(|(t, n)| (t.to_string(), n))
        .collect();
    tags.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    tags
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

    pub(super) fn refresh_index(&mut self) {
        self.index.refresh(&self.library);
        self.after_index_change();
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The title's matched chars for `query`, as the filter marks them.
    fn marked(title: &str, query: &str) -> String {
        let filter = Filter::new(query);
        let mut matcher = Matcher::new(Config::DEFAULT);
        let mut buffer = Vec::new();
        let mut matched = Vec::new();
        let haystack = Utf32Str::new(title, &mut buffer);
        let by_bytes = matches!(haystack, Utf32Str::Ascii(_));
        filter
            .fuzzy
            .indices(haystack, &mut matcher, &mut matched)
            .expect("it matches");
        matched.sort_unstable();
        let chars = title_chars(title, &matched, by_bytes);
        title
            .chars()
            .enumerate()
            .filter(|(i, _)| chars.contains(&(*i as u32)))
            .map(|(_, c)| c)
            .collect()
    }

    #[test]
    fn matches_after_combining_marks_land_on_the_right_letters() {
        // "Cafe" with a combining acute accent: five chars, four graphemes.
        assert_eq!(marked("Cafe\u{301} notes", "notes"), "notes");
        assert_eq!(marked("Cafe\u{301} notes", "cafe"), "Cafe\u{301}");
        assert_eq!(marked("plain notes", "notes"), "notes");
        // Graphemes that start with other letters: nucleo counts graphemes then.
        assert_eq!(marked("Ёжи\u{301}к в тумане", "туман"), "туман");
        assert_eq!(marked("Ёжи\u{301}к в тумане", "жик"), "жи\u{301}к");
    }
}
