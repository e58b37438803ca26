//! Finding things in the open post: search with match stepping, and the outline of headings.
//!
//! Search looks through the post's text as one run, its lines joined, so a phrase that a soft
//! wrap cut in two is found; each match is then mapped back to the lines and columns it covers.
//! That costs in proportion to the post, so it runs on the runner's worker ([`FindJob`]) and
//! the matches come back as [`Found`].

use std::sync::Arc;

use super::{App, Effect, Input, Overlay};

/// A search of the open post's text, to make off the UI thread.
#[derive(Debug)]
pub struct FindJob {
    pub text: Arc<Vec<String>>,
    pub query: String,
    pub asked: u64,
}

/// The matches a [`FindJob`] found, for the text it looked through.
#[derive(Debug)]
pub struct Found {
    pub search: Search,
    pub text: Arc<Vec<String>>,
    pub asked: u64,
}

impl FindJob {
    pub fn run(self) -> Found {
        Found {
            search: find(&self.text, &self.query),
            text: self.text,
            asked: self.asked,
        }
    }
}

/// A search on its way, and what to do when it comes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Finding {
    asked: u64,
    /// Scroll to the first match from the top line, as when typing the query.
    go: bool,
    /// Asked by a full-text search result: if the text has no match, say it is in the markup.
    for_result: bool,
}

impl App {
    /// Looks for `query` in the open post, as typed: the view goes to the first match from
    /// the top line when the matches come.
    pub(super) fn search(&mut self, query: &str) {
        self.ask_find(query.to_string(), true, false);
    }

    /// Looks for the query of a full-text search result in the post it opened.
    pub(super) fn search_for_result(&mut self, query: String) {
        self.ask_find(query, true, true);
    }

    /// Looks again in a new layout of the open post for `before`, the search made in the
    /// old one, as it was asked.
    pub(super) fn find_again(&mut self, before: Search) {
        let (go, for_result) = (before.looking).map_or((false, false), |f| (f.go, f.for_result));
        self.ask_find(before.query, go, for_result);
    }

    fn ask_find(&mut self, query: String, go: bool, for_result: bool) {
        let Some(reader) = &mut self.reader else {
            return;
        };
        self.finds_asked += 1;
        let looking = Finding {
            asked: self.finds_asked,
            go,
            for_result,
        };
        reader.search = Some(Search {
            query: query.clone(),
            looking: Some(looking),
            ..Search::default()
        });
        self.effects.push(Effect::Find(Box::new(FindJob {
            text: Arc::clone(&reader.text),
            query,
            asked: self.finds_asked,
        })));
    }

    /// Whether a search of the open post is on its way.
    pub fn awaiting_find(&self) -> bool {
        (self.reader.as_ref()).is_some_and(|r| r.search.as_ref().is_some_and(Search::is_looking))
    }

    /// Matches came: shown when they are of the newest search over the text shown now.
    pub(super) fn found(&mut self, found: Found) {
        let height = self.reader_height();
        let typing = matches!(self.input, Some(Input::Search(_)));
        let Some(reader) = &mut self.reader else {
            return;
        };
        let Some(finding) = reader.search.as_ref().and_then(|s| s.looking) else {
            return;
        };
        if finding.asked != found.asked || !Arc::ptr_eq(&found.text, &reader.text) {
            return;
        }
        let mut search = found.search;
        search.current = search
            .matches
            .iter()
            .position(|m| m.line >= reader.scroll)
            .unwrap_or(0);
        if finding.go
            && let Some(found) = search.matches.get(search.current)
        {
            let line = found.line;
            if line < reader.scroll || line >= reader.scroll + height {
                reader.scroll_to(line.saturating_sub(height / 3), height);
            }
        }
        let query = search.query.clone();
        let none = search.matches.is_empty() && !query.trim().is_empty();
        reader.search = Some(search);
        if none && finding.for_result {
            self.message = Some(format!("“{query}” is in the post's markup, not its text"));
        } else if none && !typing {
            self.message = Some(format!("no match for “{query}”"));
        }
    }

    pub(super) fn step_match(&mut self, delta: isize) {
        let height = self.reader_height();
        let Some(reader) = &mut self.reader else {
            return;
        };
        let Some(search) = &mut reader.search else {
            self.message = Some("no search: press / to search".to_string());
            return;
        };
        let count = search.matches.len();
        if search.is_looking() {
            self.message = Some(format!("still looking for “{}”", search.query));
            return;
        }
        if count == 0 {
            self.message = Some(format!("no match for “{}”", search.query));
            return;
        }
        search.current = (search.current as isize + delta).rem_euclid(count as isize) as usize;
        let line = search.matches[search.current].line;
        if line < reader.scroll || line >= reader.scroll + height {
            reader.scroll_to(line.saturating_sub(height / 3), height);
        }
    }

    pub(super) fn open_outline(&mut self) {
        let Some(reader) = &self.reader else { return };
        if reader.rendered.headings.is_empty() {
            self.message = Some("this post has no headings".to_string());
            return;
        }
        self.overlay = Some(Overlay::Outline {
            selected: reader.current_heading(),
        });
    }
}

/// A search match: the line it starts on and its char range there, and where it goes on when
/// it crosses a wrap.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Match {
    pub line: usize,
    pub start: usize,
    pub end: usize,
    /// The rest of a match that runs over the end of its line: (line, start, end) on each
    /// line after.
    pub continues: Vec<(usize, usize, usize)>,
}

impl Match {
    /// Every (line, start, end) the match covers.
    pub fn pieces(&self) -> impl Iterator<Item = (usize, usize, usize)> + '_ {
        std::iter::once((self.line, self.start, self.end)).chain(self.continues.iter().copied())
    }

    /// The line the match ends on.
    pub fn last_line(&self) -> usize {
        self.continues.last().map_or(self.line, |piece| piece.0)
    }
}

#[derive(Debug, Clone, Default)]
pub struct Search {
    pub query: String,
    pub matches: Vec<Match>,
    /// The match the cursor is on.
    pub current: usize,
    /// The matches are on their way from the worker, asked for so.
    looking: Option<Finding>,
}

impl Search {
    /// Whether the matches are still being looked for.
    pub fn is_looking(&self) -> bool {
        self.looking.is_some()
    }

    /// "1 match", "2 matches"; "searching…" while they are looked for.
    pub fn count(&self) -> String {
        if self.is_looking() {
            return "searching…".to_string();
        }
        match self.matches.len() {
            1 => "1 match".to_string(),
            n => format!("{n} matches"),
        }
    }
}

/// One line's part of the joined text: where it starts there, its line, and how many leading
/// chars (a quote's bar, an indent) were left out.
struct Segment {
    at: usize,
    line: usize,
    skipped: usize,
    len: usize,
}

/// Every occurrence of `query` in `lines`, read as one text: a line's indent and bars are left
/// out and lines are joined by a space, so matches run across soft wraps; a blank line ends a
/// paragraph and no match crosses it. Case is ignored unless the query has a capital letter
/// (smart case, as in less and vim).
pub fn find(lines: &[String], query: &str) -> Search {
    let mut search = Search {
        query: query.to_string(),
        ..Search::default()
    };
    if query.trim().is_empty() {
        return search;
    }
    let fold = !query.chars().any(char::is_uppercase);
    let fold_char = |c: char| {
        if fold {
            c.to_lowercase().next().unwrap_or(c)
        } else {
            c
        }
    };
    let needle: Vec<char> = query.chars().map(fold_char).collect();
    let mut text: Vec<char> = Vec::new();
    let mut segments: Vec<Segment> = Vec::with_capacity(lines.len());
    for (number, line) in lines.iter().enumerate() {
        let skipped = line.chars().take_while(|&c| is_prefix(c)).count();
        let at = text.len();
        text.extend(line.chars().skip(skipped).map(fold_char));
        let len = text.len() - at;
        // A blank line's separator can't be matched: paragraphs stay apart.
        text.push(if len == 0 { '\n' } else { ' ' });
        segments.push(Segment {
            at,
            line: number,
            skipped,
            len,
        });
    }
    let mut start = 0;
    while start + needle.len() <= text.len() {
        if text[start..start + needle.len()] == needle[..] {
            let end = start + needle.len();
            if let Some(found) = map_back(&segments, start, end) {
                search.matches.push(found);
            }
            start = end;
        } else {
            start += 1;
        }
    }
    search
}

/// Chars a layout puts before a line's text: indents, quote and code bars.
fn is_prefix(c: char) -> bool {
    c.is_whitespace() || matches!(c, '│' | '┃' | '▌' | '▎')
}

/// The lines and columns the joined text's `start..end` covers.
fn map_back(segments: &[Segment], start: usize, end: usize) -> Option<Match> {
    let first = segments.partition_point(|s| s.at + s.len < start);
    let mut pieces = segments[first..]
        .iter()
        .take_while(|s| s.at < end)
        .filter_map(|s| {
            let from = start.max(s.at) - s.at;
            let to = end.min(s.at + s.len) - s.at;
            (from < to).then_some((s.line, s.skipped + from, s.skipped + to))
        });
    let (line, start, end) = pieces.next()?;
    Some(Match {
        line,
        start,
        end,
        continues: pieces.collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &[&str]) -> Vec<String> {
        text.iter().map(|s| s.to_string()).collect()
    }

    fn at(search: &Search) -> Vec<Vec<(usize, usize, usize)>> {
        search
            .matches
            .iter()
            .map(|m| m.pieces().collect())
            .collect()
    }

    #[test]
    fn search_is_smart_case_and_finds_every_match() {
        let text = lines(&["Bread and bread", "", "BREAD"]);
        assert_eq!(
            at(&find(&text, "bread")),
            [vec![(0, 0, 5)], vec![(0, 10, 15)], vec![(2, 0, 5)]]
        );
        assert_eq!(at(&find(&text, "Bread")), [vec![(0, 0, 5)]]);
    }

    #[test]
    fn a_phrase_cut_by_a_soft_wrap_is_found_on_both_lines() {
        let text = lines(&["│ the quick brown", "│ fox jumps"]);
        assert_eq!(
            at(&find(&text, "brown fox")),
            [vec![(0, 12, 17), (1, 2, 5)]]
        );
    }

    #[test]
    fn no_match_crosses_a_blank_line() {
        let text = lines(&["end of one", "", "next one"]);
        assert!(find(&text, "one next").matches.is_empty());
    }

    #[test]
    fn search_counts_chars_not_bytes() {
        let found = find(&lines(&["café crème"]), "crème");
        assert_eq!(at(&found), [vec![(0, 5, 10)]]);
    }

    #[test]
    fn counts_read_as_words() {
        let text = lines(&["a b a"]);
        assert_eq!(find(&text, "b").count(), "1 match");
        assert_eq!(find(&text, "a").count(), "2 matches");
        assert_eq!(find(&text, "z").count(), "0 matches");
    }
}
