//! One readable line around a match: the source line it is on, cut to a window around it,
//! with the commonest markdown marks taken out (heading and list markers, emphasis, link
//! targets, HTML tags, shortcodes) and made safe for a terminal.
//!
//! Searching the markdown source is cheap (no parse per post); cleaning only the one line shown
//! keeps the snippet readable for the same cost.

use std::ops::Range;

use serde::Serialize;

use crate::sanitize;

/// Characters of context kept before the match, and after it.
const BEFORE: usize = 60;
const AFTER: usize = 160;

/// A line of text with the match in it marked.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Snippet {
    pub text: String,
    /// The match, in chars of `text`; empty when the line is shown for context only.
    pub marked: Range<usize>,
}

impl Snippet {
    /// The text before, in and after the match.
    pub fn parts(&self) -> (&str, &str, &str) {
        let byte = |chars: usize| {
            self.text
                .char_indices()
                .nth(chars)
                .map_or(self.text.len(), |(at, _)| at)
        };
        let (start, end) = (byte(self.marked.start), byte(self.marked.end));
        (
            &self.text[..start],
            &self.text[start..end],
            &self.text[end..],
        )
    }
}

/// The snippet for a match at `range` (bytes of `text`, on char boundaries).
pub fn around(text: &str, range: Range<usize>) -> Snippet {
    let bytes = text.as_bytes();
    let line_start = memchr::memrchr(b'\n', &bytes[..range.start]).map_or(0, |at| at + 1);
    let line_end =
        memchr::memchr(b'\n', &bytes[range.end..]).map_or(text.len(), |at| at + range.end);
    let mut start = back_chars(text, range.start, line_start, BEFORE);
    // A cut line starts at a word, not inside one.
    if start > line_start
        && let Some(space) = text[start..range.start].find(' ')
    {
        start += space + 1;
    }
    let end = forward_chars(text, range.end, line_end, AFTER);
    let cleaned = clean(
        &text[start..end],
        start == line_start,
        range.start - start..range.end - start,
    );
    let before = sanitize::line(cleaned.before.trim_start()).into_owned();
    let marked = sanitize::line(&cleaned.marked).into_owned();
    let after = sanitize::line(cleaned.after.trim_end()).into_owned();
    let mut out = String::new();
    if start > line_start {
        out.push('…');
    }
    out.push_str(&before);
    let mark_start = out.chars().count();
    out.push_str(&marked);
    let mark_end = out.chars().count();
    out.push_str(&after);
    if end < line_end {
        out.push('…');
    }
    Snippet {
        text: out,
        marked: mark_start..mark_end,
    }
}

/// The first line of prose in `text`, unmarked: the snippet of a post matched only by its
/// title or tags.
pub fn lead(text: &str) -> Snippet {
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim();
        let skip = trimmed.is_empty()
            || trimmed.starts_with('#')
            || trimmed.starts_with("{{")
            || trimmed.starts_with("{%")
            || trimmed.starts_with('<')
            || trimmed.starts_with("```");
        if !skip {
            return around(text, at..at);
        }
        at += line.len();
    }
    Snippet::default()
}

/// The byte `count` chars back from `from`, not before `floor`.
fn back_chars(text: &str, from: usize, floor: usize, count: usize) -> usize {
    text[floor..from]
        .char_indices()
        .rev()
        .nth(count.saturating_sub(1))
        .map_or(floor, |(at, _)| floor + at)
}

/// The byte `count` chars on from `from`, not after `ceiling`.
fn forward_chars(text: &str, from: usize, ceiling: usize, count: usize) -> usize {
    text[from..ceiling]
        .char_indices()
        .nth(count)
        .map_or(ceiling, |(at, _)| from + at)
}

/// A window of source split at the match, with markdown marks taken out.
#[derive(Default)]
struct Cleaned {
    before: String,
    marked: String,
    after: String,
}

impl Cleaned {
    fn push(&mut self, c: char, at: usize, mark: &Range<usize>) {
        let part = if at < mark.start {
            &mut self.before
        } else if at < mark.end {
            &mut self.marked
        } else {
            &mut self.after
        };
        if c.is_whitespace() {
            if !part.ends_with(' ') {
                part.push(' ');
            }
        } else {
            part.push(c);
        }
    }
}

/// Takes the marks out of `window`; `at_line_start` says whether its start is a line's, where
/// block markers (`#`, `>`, `-`, `1.`) are.
fn clean(window: &str, at_line_start: bool, mark: Range<usize>) -> Cleaned {
    let mut out = Cleaned::default();
    let mut at = if at_line_start {
        block_marker_end(window)
    } else {
        0
    };
    let bytes = window.as_bytes();
    let mut previous = None;
    let mut autolink = false;
    while let Some(c) = window[at..].chars().next() {
        let rest = &window[at..];
        let next = rest.chars().nth(1);
        let skip_to = match c {
            '*' | '`' | '[' => Some(at + 1),
            // Emphasis, not the inside of a snake_case name.
            '_' if !previous.is_some_and(char::is_alphanumeric)
                || !next.is_some_and(char::is_alphanumeric) =>
            {
                Some(at + 1)
            }
            '!' if rest.starts_with("![") => Some(at + 1),
            // A link's target, inline or by reference; cut off by the window, all of it.
            ']' if rest.starts_with("](") => closing(bytes, at + 2, b")").or(Some(window.len())),
            ']' if rest.starts_with("][") => closing(bytes, at + 2, b"]").or(Some(window.len())),
            ']' => Some(at + 1),
            // An HTML tag (lower case, as HTML is written; `Vec<String>` stays), all of it when
            // the window cuts it off. An autolink keeps its address.
            '<' if rest.starts_with("<http") => {
                autolink = true;
                Some(at + 1)
            }
            '>' if autolink => {
                autolink = false;
                Some(at + 1)
            }
            '<' if next.is_some_and(|n| n.is_ascii_lowercase() || n == '/' || n == '!') => {
                closing(bytes, at + 1, b">").or(Some(window.len()))
            }
            '{' if rest.starts_with("{{") => closing(bytes, at + 2, b"}}").or(Some(window.len())),
            '{' if rest.starts_with("{%") => closing(bytes, at + 2, b"%}").or(Some(window.len())),
            '&' => entity(rest).map(|(decoded, length)| {
                out.push(decoded, at, &mark);
                at + length
            }),
            _ => None,
        };
        match skip_to {
            Some(next) => at = next,
            None => {
                out.push(c, at, &mark);
                at += c.len_utf8();
            }
        }
        previous = Some(c);
    }
    out
}

/// The character an HTML entity at the start of `text` stands for, and the entity's length:
/// numeric ones, and the named ones prose uses most. Others are left as written.
fn entity(text: &str) -> Option<(char, usize)> {
    let end = text.get(..12.min(text.len())).unwrap_or(text).find(';')?;
    let name = &text[1..end];
    let decoded = match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" | "rsquo" => '’',
        "lsquo" => '‘',
        "ldquo" => '“',
        "rdquo" => '”',
        "nbsp" => ' ',
        "mdash" => '—',
        "ndash" => '–',
        "hellip" => '…',
        _ => {
            let number = name.strip_prefix('#')?;
            let code = match number.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => number.parse().ok()?,
            };
            char::from_u32(code).filter(|c| !c.is_control())?
        }
    };
    Some((decoded, end + 1))
}

/// The byte after the first `end` found from `from`, if there is one.
fn closing(bytes: &[u8], from: usize, end: &[u8]) -> Option<usize> {
    memchr::memmem::find(bytes.get(from..)?, end).map(|at| from + at + end.len())
}

/// Where a line's text starts after its indentation and block markers.
fn block_marker_end(line: &str) -> usize {
    let mut rest = line.trim_start();
    loop {
        let before = rest;
        rest = rest.trim_start_matches(['#', '>']).trim_start();
        for marker in ["- ", "* ", "+ ", "[ ] ", "[x] ", "[X] "] {
            rest = rest.strip_prefix(marker).unwrap_or(rest);
        }
        let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        if digits > 0 {
            let after = &rest[digits..];
            if after.starts_with(". ") || after.starts_with(") ") {
                rest = &after[2..];
            }
        }
        rest = rest.trim_start();
        if rest.len() == before.len() {
            return line.len() - rest.len();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn snippet_of(text: &str, word: &str) -> Snippet {
        let at = text.find(word).unwrap();
        around(text, at..at + word.len())
    }

    #[test]
    fn the_match_is_marked_on_its_line() {
        let text = "first line\nthe borrow checker runs\nlast line\n";
        let snippet = snippet_of(text, "borrow");
        assert_eq!(snippet.text, "the borrow checker runs");
        assert_eq!(snippet.parts(), ("the ", "borrow", " checker runs"));
    }

    #[test]
    fn markdown_marks_are_taken_out() {
        let text =
            "## A *bold* [link](https://example.org/x) to `code` <span class=\"x\">here</span>";
        let snippet = snippet_of(text, "code");
        assert_eq!(snippet.text, "A bold link to code here");
        assert_eq!(snippet.parts().1, "code");
        let html = "see <img src=\"x.png\" alt=\"cut off";
        assert_eq!(snippet_of(html, "see").text, "see");
        let code = "let v: Vec<String> = <https://example.org> here";
        assert_eq!(
            snippet_of(code, "here").text,
            "let v: Vec<String> = https://example.org here"
        );
        let list = "  1. item with {{< ref \"x\" >}} word\n";
        assert_eq!(snippet_of(list, "word").text, "item with word");
        let quote = "> - quoted point\n";
        assert_eq!(snippet_of(quote, "point").text, "quoted point");
        let task = "- [x] Dutch oven in the oven\n";
        assert_eq!(snippet_of(task, "Dutch").text, "Dutch oven in the oven");
        let emphasis = "A _render hook_ is a_b and __init__\n";
        assert_eq!(
            snippet_of(emphasis, "hook").text,
            "A render hook is a_b and init"
        );
        let entities = "fish &amp; chips &mdash; &#233;t&#xE9; &bogus; &#27; 5&nbsp;km\n";
        assert_eq!(
            snippet_of(entities, "chips").text,
            "fish & chips — été &bogus; &#27; 5 km"
        );
        let reference = "Earlier [posts][older] said so\n";
        assert_eq!(snippet_of(reference, "said").text, "Earlier posts said so");
    }

    #[test]
    fn a_long_line_is_cut_around_the_match_at_char_boundaries() {
        let text = format!("{}needle{}", "é".repeat(500), "ü".repeat(500));
        let snippet = snippet_of(&text, "needle");
        assert!(snippet.text.starts_with('…') && snippet.text.ends_with('…'));
        let words = format!("{} the needle", "abcdefgh ".repeat(30));
        assert!(
            snippet_of(&words, "needle")
                .text
                .starts_with("…abcdefgh abcdefgh")
        );
        assert_eq!(snippet.parts().1, "needle");
        assert_eq!(snippet.text.chars().count(), 1 + BEFORE + 6 + AFTER + 1);
        let cut_link = format!("see [the docs]({}) here", "x".repeat(400));
        let snippet = snippet_of(&cut_link, "see");
        assert_eq!(snippet.text, "see the docs…");
    }

    #[test]
    fn control_characters_never_pass() {
        let text = "evil \u{1b}[31mred\u{7} \u{202e}word\u{9b} tail";
        let snippet = snippet_of(text, "word");
        assert!(
            !snippet
                .text
                .chars()
                .any(|c| c.is_control() || c == '\u{202e}'),
            "{:?}",
            snippet.text
        );
        assert_eq!(snippet.parts().1, "word");
    }

    #[test]
    fn a_phrase_over_a_line_break_is_one_line() {
        let text = "the borrow\nchecker runs";
        let snippet = around(text, 4..18);
        assert_eq!(snippet.text, "the borrow checker runs");
        assert_eq!(snippet.parts().1, "borrow checker");
    }

    #[test]
    fn the_lead_is_the_first_line_of_prose() {
        let text = "\n# Title\n\n{{< figure >}}\nFirst words here.\nMore.\n";
        assert_eq!(
            lead(text),
            Snippet {
                text: "First words here.".to_string(),
                marked: 0..0
            }
        );
        assert_eq!(lead("# only a heading\n"), Snippet::default());
    }

    proptest::proptest! {
        /// Whatever the text and wherever the match, the snippet holds no control character
        /// and its marked range is inside it.
        #[test]
        fn any_text_gives_a_clean_snippet(text in "\\PC{0,200}|[\\x00-\\x7f\\u{202e}é☕\\n]{0,200}", a in 0usize..400, b in 0usize..400) {
            let bounds: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
            let (a, b) = (bounds[a % bounds.len()], bounds[b % bounds.len()]);
            let snippet = around(&text, a.min(b)..a.max(b));
            proptest::prop_assert!(!snippet.text.chars().any(|c| c.is_control()), "{:?}", snippet.text);
            proptest::prop_assert!(snippet.marked.start <= snippet.marked.end);
            proptest::prop_assert!(snippet.marked.end <= snippet.text.chars().count());
        }
    }
}
