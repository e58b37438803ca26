//! The reader pane's state: the laid-out post, where it is scrolled to, search and links.

use std::sync::Arc;

use crate::render::Rendered;

/// A search match: line, and the char range within the line's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Match {
    pub line: usize,
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, Default)]
pub struct Search {
    pub query: String,
    pub matches: Vec<Match>,
    /// The match the cursor is on.
    pub current: usize,
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
}

impl ReaderState {
    pub fn new(post: usize, rendered: Arc<Rendered>, highlighted: bool) -> Self {
        let text = Arc::new(rendered.plain());
        ReaderState {
            post,
            rendered,
            text,
            scroll: 0,
            search: None,
            link: None,
            highlighted,
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
    /// keeping the reading position in proportion and redoing the search.
    pub fn relayout(&mut self, rendered: Arc<Rendered>, highlighted: bool, height: usize) {
        let old_total = self.line_count().max(1);
        let new_total = rendered.lines.len();
        let scroll = if old_total == new_total {
            self.scroll
        } else {
            self.scroll * new_total / old_total
        };
        self.text = Arc::new(rendered.plain());
        self.rendered = rendered;
        self.highlighted = highlighted;
        self.link = None;
        self.scroll_to(scroll, height);
        if let Some(search) = self.search.take() {
            self.search = Some(find(&self.text, &search.query));
        }
    }

    /// The heading the viewport is in: the last one at or above the top line.
    pub fn current_heading(&self) -> usize {
        let headings = &self.rendered.headings;
        headings
            .iter()
            .rposition(|h| h.line <= self.scroll)
            .unwrap_or(0)
    }

    /// Link indices whose line is in the viewport.
    pub fn visible_links(&self, height: usize) -> Vec<usize> {
        let shown = self.scroll..self.scroll + height;
        (0..self.rendered.links.len())
            .filter(|&i| shown.contains(&self.rendered.links[i].line))
            .collect()
    }
}

/// Every occurrence of `query` in `lines`: case-insensitive unless the query has a capital
/// letter (as in less and vim's smartcase).
pub fn find(lines: &[String], query: &str) -> Search {
    let mut search = Search {
        query: query.to_string(),
        ..Search::default()
    };
    if query.is_empty() {
        return search;
    }
    let fold = !query.chars().any(char::is_uppercase);
    let needle: Vec<char> = if fold {
        query.chars().flat_map(char::to_lowercase).collect()
    } else {
        query.chars().collect()
    };
    for (number, line) in lines.iter().enumerate() {
        let chars: Vec<char> = if fold {
            line.chars()
                .map(|c| c.to_lowercase().next().unwrap_or(c))
                .collect()
        } else {
            line.chars().collect()
        };
        let mut start = 0;
        while start + needle.len() <= chars.len() {
            if chars[start..start + needle.len()] == needle[..] {
                search.matches.push(Match {
                    line: number,
                    start,
                    end: start + needle.len(),
                });
                start += needle.len();
            } else {
                start += 1;
            }
        }
    }
    search
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &[&str]) -> Vec<String> {
        text.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn search_is_smart_case_and_finds_every_match() {
        let text = lines(&["Bread and bread", "no match", "BREAD"]);
        let found = find(&text, "bread");
        let at: Vec<(usize, usize)> = found.matches.iter().map(|m| (m.line, m.start)).collect();
        assert_eq!(at, [(0, 0), (0, 10), (2, 0)]);
        assert_eq!(find(&text, "Bread").matches.len(), 1);
    }

    #[test]
    fn search_counts_chars_not_bytes() {
        let found = find(&lines(&["café crème"]), "crème");
        assert_eq!((found.matches[0].start, found.matches[0].end), (5, 10));
    }
}
