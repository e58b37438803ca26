//! Styled word wrap by display width.
//!
//! Text is cut into units that may not be split: words between spaces, and single wide
//! (CJK) characters, since text without spaces may break between them. Closing punctuation
//! stays with what it closes. Units are laid greedily; a hyphenated word that does not fit
//! the rest of the line breaks after a hyphen, a unit wider than a whole line (a long URL)
//! where Unicode's line breaking allows (after a slash too), and only one with no such place
//! is split between characters.
//! Spaces collapse, lines never end in one, and nothing is ever dropped.

use ratatui::style::Style;
use ratatui::text::Span;
use unicode_linebreak::linebreaks;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Inline content ready to wrap.
#[derive(Debug, Clone, PartialEq)]
pub enum Run {
    Text(String, Style),
    /// Text that wraps like the rest but whose spaces are kept and never broken at.
    Glued(String, Style),
    /// A zero-width mark whose line is wanted back (a link's number).
    Anchor(usize),
    /// A hard line break.
    Break,
}

/// Wrapped lines (spans only; the caller adds prefixes) and the line of each anchor.
#[derive(Debug, Default, PartialEq)]
pub struct Wrapped {
    pub lines: Vec<Vec<Span<'static>>>,
    pub anchors: Vec<(usize, usize)>,
}

/// Wraps `runs` to `width` columns (at least one).
pub fn wrap(runs: &[Run], width: usize) -> Wrapped {
    let mut wrapper = Wrapper {
        width: width.max(1),
        out: Wrapped::default(),
        line: Vec::new(),
        line_width: 0,
        unit: Unit::default(),
        space: None,
    };
    for run in runs {
        match run {
            Run::Text(text, style) => {
                for c in text.chars() {
                    wrapper.push(c, *style, false);
                }
            }
            Run::Glued(text, style) => {
                for c in text.chars() {
                    wrapper.push(c, *style, true);
                }
            }
            Run::Anchor(id) => wrapper.unit.anchors.push(*id),
            Run::Break => {
                wrapper.flush();
                wrapper.new_line();
                wrapper.space = None;
            }
        }
    }
    wrapper.flush();
    if !wrapper.line.is_empty() || wrapper.out.lines.is_empty() {
        wrapper.new_line();
    }
    wrapper.out
}

/// The display width of the widest line `runs` would make with no width limit.
pub fn natural_width(runs: &[Run]) -> usize {
    wrap(runs, usize::MAX / 2)
        .lines
        .iter()
        .map(|line| line.iter().map(Span::width).sum::<usize>())
        .max()
        .unwrap_or(0)
}

/// The widest unit: the narrowest a column can be without splitting words.
pub fn longest_word(runs: &[Run]) -> usize {
    let (mut longest, mut word) = (0, 0);
    for run in runs {
        match run {
            Run::Text(text, _) => {
                for c in text.chars() {
                    if c.is_whitespace() && c != '\u{A0}' {
                        longest = longest.max(word);
                        word = 0;
                    } else {
                        word += c.width().unwrap_or(0);
                    }
                }
            }
            Run::Glued(text, _) => word += UnicodeWidthStr::width(text.as_str()),
            Run::Break => {
                longest = longest.max(word);
                word = 0;
            }
            Run::Anchor(_) => {}
        }
    }
    longest.max(word)
}

#[derive(Default)]
struct Unit {
    pieces: Vec<(String, Style)>,
    width: usize,
    /// The last character was wide: the next one may start a new unit.
    ends_wide: bool,
    anchors: Vec<usize>,
}

impl Unit {
    /// Cuts the unit at the last place Unicode allows a line break (UAX #14: after a hyphen,
    /// a slash) whose head is at most `room` columns wide, keeps the head and returns the
    /// rest; with `hyphens_only`, only right after a hyphen. Never at a glued space, and `None`
    /// when no break fits.
    fn break_within(&mut self, room: usize, hyphens_only: bool) -> Option<Unit> {
        const HYPHENS: [char; 2] = ['-', '\u{2010}'];
        // The common case, a plain word at a line's end, costs no line-break analysis.
        if hyphens_only && !self.pieces.iter().any(|(t, _)| t.contains(HYPHENS)) {
            return None;
        }
        let text: String = self.pieces.iter().map(|(t, _)| t.as_str()).collect();
        let (mut best, mut best_width) = (None, 0);
        let (mut previous, mut width) = (0, 0);
        for (at, _) in linebreaks(&text) {
            if at >= text.len() {
                break;
            }
            width += columns(&text[previous..at]);
            previous = at;
            if width > room {
                break;
            }
            let head = &text[..at];
            let allowed = if hyphens_only {
                head.ends_with(HYPHENS)
            } else {
                !head.ends_with(char::is_whitespace)
            };
            if allowed {
                (best, best_width) = (Some(at), width);
            }
        }
        let at = best?;
        let mut head = Vec::new();
        let mut tail = Vec::new();
        let mut start = 0;
        for (piece, style) in std::mem::take(&mut self.pieces) {
            let end = start + piece.len();
            if end <= at {
                head.push((piece, style));
            } else if start >= at {
                tail.push((piece, style));
            } else {
                let (left, right) = piece.split_at(at - start);
                head.push((left.to_string(), style));
                tail.push((right.to_string(), style));
            }
            start = end;
        }
        let rest = Unit {
            pieces: tail,
            width: self.width - best_width,
            ends_wide: self.ends_wide,
            anchors: Vec::new(),
        };
        self.pieces = head;
        self.width = best_width;
        Some(rest)
    }
}

/// Display columns, counted as the wrapper counts them: char by char.
fn columns(text: &str) -> usize {
    text.chars().map(|c| c.width().unwrap_or(0)).sum()
}

struct Wrapper {
    width: usize,
    out: Wrapped,
    line: Vec<(String, Style)>,
    line_width: usize,
    unit: Unit,
    /// A pending space before the next unit, with its style.
    space: Option<Style>,
}

impl Wrapper {
    fn push(&mut self, c: char, style: Style, glued: bool) {
        let w = c.width().unwrap_or(0);
        if c.is_whitespace() && c != '\u{A0}' && !glued {
            self.flush();
            if !self.line.is_empty() {
                self.space.get_or_insert(style);
            }
            return;
        }
        let wide = w == 2;
        let closes = is_closing(c);
        if (wide || self.unit.ends_wide) && !closes && !glued {
            self.flush();
        }
        match self.unit.pieces.last_mut() {
            Some((text, s)) if *s == style => text.push(c),
            _ => self.unit.pieces.push((c.to_string(), style)),
        }
        self.unit.width += w;
        if w > 0 {
            self.unit.ends_wide = wide;
        }
    }

    /// Places the current unit: on this line when it fits, else broken where Unicode allows a
    /// break (after a hyphen, a slash) so its head fills the line, else on a new line; a unit
    /// with no break that fits even a whole line is split between characters.
    fn flush(&mut self) {
        let mut unit = std::mem::take(&mut self.unit);
        let anchors = std::mem::take(&mut unit.anchors);
        if !unit.pieces.is_empty() {
            self.place(unit);
        }
        for id in anchors {
            self.out.anchors.push((id, self.out.lines.len()));
        }
    }

    fn place(&mut self, mut unit: Unit) {
        loop {
            let space = usize::from(self.space.is_some() && !self.line.is_empty());
            let room = self.width.saturating_sub(self.line_width + space);
            if unit.width <= room {
                self.put(&unit);
                return;
            }
            // Filling a line, only a hyphen breaks a word; a unit wider than a whole line
            // (a long URL) breaks wherever Unicode allows.
            match unit.break_within(room, !self.line.is_empty()) {
                Some(tail) => {
                    self.put(&unit);
                    self.new_line();
                    unit = tail;
                }
                None if !self.line.is_empty() => {
                    self.space = None;
                    self.new_line();
                }
                None => {
                    self.split(&unit);
                    return;
                }
            }
        }
    }

    /// Puts a unit that fits on the line, after the pending space.
    fn put(&mut self, unit: &Unit) {
        if !self.line.is_empty()
            && let Some(style) = self.space
        {
            self.append(" ", style);
            self.line_width += 1;
        }
        self.space = None;
        for (text, style) in &unit.pieces {
            self.append(text, *style);
        }
        self.line_width += unit.width;
    }

    /// A unit wider than the line, placed a character at a time.
    fn split(&mut self, unit: &Unit) {
        for (text, style) in &unit.pieces {
            for c in text.chars() {
                let w = c.width().unwrap_or(0);
                if self.line_width + w > self.width && !self.line.is_empty() {
                    self.new_line();
                }
                let mut buf = [0; 4];
                self.append(c.encode_utf8(&mut buf), *style);
                self.line_width += w;
            }
        }
    }

    fn append(&mut self, text: &str, style: Style) {
        match self.line.last_mut() {
            Some((last, s)) if *s == style => last.push_str(text),
            _ => self.line.push((text.to_string(), style)),
        }
    }

    fn new_line(&mut self) {
        let line = std::mem::take(&mut self.line);
        self.out.lines.push(
            line.into_iter()
                .map(|(text, style)| Span::styled(text, style))
                .collect(),
        );
        self.line_width = 0;
    }
}

/// Punctuation that must not start a line (kinsoku): it stays with the character before.
fn is_closing(c: char) -> bool {
    matches!(
        c,
        '、' | '。'
            | '，'
            | '．'
            | '：'
            | '；'
            | '！'
            | '？'
            | '」'
            | '』'
            | '）'
            | '】'
            | '〉'
            | '》'
            | '〕'
            | 'ー'
            | '々'
            | '…'
            | ','
            | '.'
            | ':'
            | ';'
            | '!'
            | '?'
            | ')'
            | ']'
    )
}

/// `text` cut to `columns` display columns, with an ellipsis when cut.
pub fn fit(text: &str, columns: usize) -> String {
    if text.width() <= columns {
        return text.to_string();
    }
    let mut fitted = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > columns {
            break;
        }
        fitted.push(c);
        used += w;
    }
    fitted.push('…');
    fitted
}

/// `text` cut to `columns` display columns at the end of a word, with an ellipsis when cut.
/// Only a first word too long for the room is cut inside, having no end to cut at.
pub fn fit_words(text: &str, columns: usize) -> String {
    let cut = fit(text, columns);
    let Some(kept) = cut.strip_suffix('…') else {
        return cut;
    };
    let at_word_end = text[kept.len()..].starts_with(char::is_whitespace);
    let words = if at_word_end {
        kept
    } else {
        kept.rfind(char::is_whitespace)
            .map(|space| &kept[..space])
            .filter(|head| !head.trim().is_empty())
            .unwrap_or(kept)
    };
    format!("{}…", words.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_cuts_by_display_width() {
        assert_eq!(fit("short", 10), "short");
        assert_eq!(fit("東京の朝ごはん", 7), "東京の…");
        assert_eq!(fit("abcdefgh", 5), "abcd…");
    }

    #[test]
    fn fit_words_cuts_at_a_word_end() {
        assert_eq!(fit_words("short", 10), "short");
        assert_eq!(
            fit_words("copied a rather long address", 16),
            "copied a rather…"
        );
        assert_eq!(fit_words("copied a rather long address", 15), "copied a…");
        assert_eq!(
            fit_words(" https://example.org/very/long", 12),
            " https://ex…"
        );
    }

    fn text(s: &str) -> Run {
        Run::Text(s.into(), Style::new())
    }

    fn lines(runs: &[Run], width: usize) -> Vec<String> {
        wrap(runs, width)
            .lines
            .iter()
            .map(|l| l.iter().map(|s| s.content.as_ref()).collect())
            .collect()
    }

    #[test]
    fn words_fill_lines_and_spaces_collapse() {
        assert_eq!(
            lines(&[text("the quick  brown fox jumps")], 10),
            ["the quick", "brown fox", "jumps"]
        );
    }

    #[test]
    fn hard_breaks_break_and_no_line_ends_in_a_space() {
        assert_eq!(
            lines(&[text("one "), Run::Break, text(" two")], 20),
            ["one", "two"]
        );
    }

    #[test]
    fn cjk_breaks_between_wide_characters_by_display_width() {
        assert_eq!(
            lines(&[text("日本語の文章です。")], 7),
            ["日本語", "の文章", "です。"]
        );
    }

    #[test]
    fn a_word_longer_than_the_line_is_split() {
        assert_eq!(
            lines(&[text("a supercalifragilistic b")], 8),
            ["a", "supercal", "ifragili", "stic b"]
        );
    }

    #[test]
    fn hyphenated_words_and_urls_break_where_unicode_allows() {
        assert_eq!(
            lines(&[text("a well-known fact")], 10),
            ["a well-", "known fact"]
        );
        assert_eq!(
            lines(&[text("see https://example.org/posts/2025/long-name")], 20),
            ["see", "https://example.org/", "posts/2025/long-name"],
            "a URL moves to a line of its own first; no break between a slash and a number"
        );
    }

    #[test]
    fn glued_text_and_link_numbers_do_not_break_inside() {
        let glued = Run::Glued("a-b c-d".into(), Style::new());
        assert_eq!(lines(&[text("xxxxx"), glued], 8), ["xxxxxa-", "b c-d"]);
        assert_eq!(
            lines(
                &[text("in Kyoto"), Run::Glued("[12]".into(), Style::new())],
                10
            ),
            ["in", "Kyoto[12]"]
        );
    }

    #[test]
    fn styles_and_anchors_survive() {
        let bold = Style::new().add_modifier(ratatui::style::Modifier::BOLD);
        let wrapped = wrap(
            &[
                text("see "),
                Run::Text("the docs".into(), bold),
                Run::Anchor(7),
                Run::Glued("[1]".into(), Style::new()),
                text(" now"),
            ],
            9,
        );
        assert_eq!(wrapped.lines[1][0], Span::styled("docs", bold));
        assert_eq!(wrapped.lines[1][1], Span::raw("[1]"));
        assert_eq!(wrapped.anchors, [(7, 1)]);
    }

    #[test]
    fn measures() {
        assert_eq!(natural_width(&[text("ab cd"), Run::Break, text("x")]), 5);
        assert_eq!(longest_word(&[text("ab cdef g")]), 4);
    }
}
