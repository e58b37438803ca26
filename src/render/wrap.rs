//! Styled word wrap by display width.
//!
//! Text is cut into units that may not be split: words between spaces, and single wide
//! (CJK) characters, since text without spaces may break between them. Closing punctuation
//! stays with what it closes. Units are laid greedily; a unit wider than the line is split.
//! Spaces collapse, lines never end in one, and nothing is ever dropped.

use ratatui::style::Style;
use ratatui::text::Span;
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

    /// Places the current unit on the line, or on a new one when it does not fit.
    fn flush(&mut self) {
        let unit = std::mem::take(&mut self.unit);
        if unit.pieces.is_empty() {
            for id in unit.anchors {
                self.out.anchors.push((id, self.out.lines.len()));
            }
            return;
        }
        let space = usize::from(self.space.is_some() && !self.line.is_empty());
        if self.line_width + space + unit.width > self.width && !self.line.is_empty() {
            self.new_line();
        }
        if !self.line.is_empty()
            && let Some(style) = self.space
        {
            self.append(" ", style);
            self.line_width += 1;
        }
        self.space = None;
        if unit.width <= self.width - self.line_width {
            for (text, style) in &unit.pieces {
                self.append(text, *style);
            }
            self.line_width += unit.width;
        } else {
            self.split(&unit);
        }
        for id in unit.anchors {
            self.out.anchors.push((id, self.out.lines.len()));
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_cuts_by_display_width() {
        assert_eq!(fit("short", 10), "short");
        assert_eq!(fit("東京の朝ごはん", 7), "東京の…");
        assert_eq!(fit("abcdefgh", 5), "abcd…");
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
