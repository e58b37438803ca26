//! Makes untrusted text safe to put on a terminal.
//!
//! Post content, titles and even file names come from strangers. ratatui drops some control
//! characters but not all (not in OSC 8 links, not bidi overrides), and a plain `println!` of a
//! title drops none, so every piece of content passes through here once, when it is read.

use std::borrow::Cow;

/// Columns between tab stops when a tab is expanded.
pub const TAB_WIDTH: usize = 4;

/// Cleans multi-line text (a post body): keeps newlines (a lone carriage return is one too, as
/// CommonMark has it), expands tabs to the next tab stop, shows other control characters as
/// visible symbols and removes what a terminal would measure differently from folio.
pub fn text(input: &str) -> Cow<'_, str> {
    clean(input, Mode::Text)
}

/// Cleans text meant for one line (a title, a tag): like [`text`], but every line break and
/// tab becomes a single space.
pub fn line(input: &str) -> Cow<'_, str> {
    clean(input, Mode::Line)
}

/// Cleans a file name for a line of output: like [`line`], but a line break or tab shows as its
/// visible symbol (␊, ␉), so a name can't pass for two lines or for another name's message.
pub fn path(input: &str) -> Cow<'_, str> {
    clean(input, Mode::Path)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Text,
    Line,
    Path,
}

fn clean(input: &str, mode: Mode) -> Cow<'_, str> {
    if input.chars().all(|c| is_plain(c, mode)) {
        return Cow::Borrowed(input);
    }
    let mut out = String::with_capacity(input.len());
    let mut column = 0usize;
    let mut previous = None;
    let mut chars = input.chars().peekable();
    while let Some(c) = chars.next() {
        let next = chars.peek().copied();
        let before = previous.replace(c);
        match (c, mode) {
            ('\n', Mode::Text) => {
                out.push('\n');
                column = 0;
                continue;
            }
            ('\r', Mode::Text) => {
                if next != Some('\n') {
                    out.push('\n');
                    column = 0;
                }
                continue;
            }
            ('\t', Mode::Text) => {
                let spaces = TAB_WIDTH - column % TAB_WIDTH;
                out.extend(std::iter::repeat_n(' ', spaces));
                column += spaces;
                continue;
            }
            ('\n' | '\t' | '\r', Mode::Line) | (LINE_SEPARATOR | PARAGRAPH_SEPARATOR, _) => {
                if mode == Mode::Text || !out.ends_with(' ') {
                    out.push(' ');
                }
            }
            (ZERO_WIDTH_JOINER, _) if joins_emoji(before, next) => out.push(c),
            (c, _) if is_invisible(c) => continue,
            (c, _) if c.is_control() => out.push(visible(c)),
            (c, _) => out.push(c),
        }
        column += 1;
    }
    Cow::Owned(out)
}

const LINE_SEPARATOR: char = '\u{2028}';
const PARAGRAPH_SEPARATOR: char = '\u{2029}';
const ZERO_WIDTH_JOINER: char = '\u{200D}';

/// True for characters that need no attention at all; the fast path for ordinary text.
fn is_plain(c: char, mode: Mode) -> bool {
    (c == '\n' && mode == Mode::Text)
        || !(c.is_control()
            || is_invisible(c)
            || matches!(c, LINE_SEPARATOR | PARAGRAPH_SEPARATOR | ZERO_WIDTH_JOINER))
}

/// Characters that are removed: bidirectional controls, and invisible characters whose width
/// terminals disagree on. folio counts them as zero columns, but tmux shows a soft hyphen as
/// one, and some terminals draw a zero-width space or a direction mark as a blank, so a line
/// holding them would be shorter or longer on screen than folio laid it out.
fn is_invisible(c: char) -> bool {
    is_bidi_control(c)
        || matches!(
            c,
            '\u{00AD}' // soft hyphen
                | '\u{061C}' // Arabic letter mark
                | '\u{180E}' // Mongolian vowel separator
                | '\u{200B}' // zero-width space
                | '\u{200D}' // zero-width joiner, outside emoji (kept there by the caller)
                | '\u{200E}'..='\u{200F}' // left-to-right and right-to-left marks
                | '\u{2060}'..='\u{2064}' // word joiner, invisible operators
                | '\u{206A}'..='\u{206F}' // deprecated format characters
                | '\u{FEFF}' // zero-width no-break space (BOM)
        )
}

/// A zero-width joiner between two emoji (👩‍💻) makes one picture; elsewhere it does nothing
/// but confuse width counting.
fn joins_emoji(before: Option<char>, after: Option<char>) -> bool {
    let emoji = |c: char| matches!(c, '\u{2600}'..='\u{27BF}' | '\u{1F000}'..='\u{1FAFF}');
    let emoji_end = |c: char| emoji(c) || matches!(c, '\u{FE0F}' | '\u{1F3FB}'..='\u{1F3FF}');
    before.is_some_and(emoji_end) && after.is_some_and(emoji)
}

/// Embedding, override and isolate controls: they reorder what is shown after them, so a title
/// could make the rest of a line read backwards (the "Trojan Source" trick).
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// A printable stand-in for a control character: the Unicode "control pictures" for C0 and DEL
/// (ESC shows as ␛), the replacement character for C1.
fn visible(c: char) -> char {
    match c as u32 {
        code @ 0x00..=0x1F => char::from_u32(0x2400 + code).unwrap_or('\u{FFFD}'),
        0x7F => '\u{2421}',
        _ => '\u{FFFD}',
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_borrowed_unchanged() {
        assert!(matches!(text("Hello, wörld 💻\nnext"), Cow::Borrowed(_)));
        assert!(matches!(line("Hello, wörld e\u{301}"), Cow::Borrowed(_)));
    }

    #[test]
    fn escape_sequences_become_visible() {
        assert_eq!(text("a\x1b[31mred\x07"), "a␛[31mred␇");
        assert_eq!(line("\u{9b}2J"), "\u{FFFD}2J");
        assert_eq!(line("del\x7f"), "del␡");
    }

    #[test]
    fn bidi_overrides_are_removed_but_joiners_and_marks_kept() {
        assert_eq!(line("abc\u{202E}fed\u{2066}x\u{2069}"), "abcfedx");
        assert_eq!(line("👩\u{200D}💻 e\u{301}"), "👩\u{200D}💻 e\u{301}");
    }

    #[test]
    fn tabs_expand_to_tab_stops_and_crlf_is_one_break() {
        assert_eq!(text("a\tb\r\n\tc"), "a   b\n    c");
    }

    #[test]
    fn a_lone_carriage_return_is_a_line_break() {
        assert_eq!(text("hello\rworld\r"), "hello\nworld\n");
        assert_eq!(line("hello\rworld"), "hello world");
    }

    #[test]
    fn characters_terminals_measure_differently_are_removed() {
        let hidden = "a\u{AD}b\u{200B}c\u{200E}d\u{200F}e\u{2060}f\u{FEFF}g\u{61C}h";
        assert_eq!(text(hidden), "abcdefgh");
        assert_eq!(line("one\u{2028}two\u{2029}three"), "one two three");
        assert_eq!(text("one\u{2028}two"), "one two");
    }

    #[test]
    fn joiners_are_kept_only_inside_emoji() {
        assert_eq!(line("👩\u{200D}💻"), "👩\u{200D}💻");
        assert_eq!(line("❤\u{FE0F}\u{200D}🔥"), "❤\u{FE0F}\u{200D}🔥");
        assert_eq!(line("a\u{200D}b \u{200D}💻"), "ab 💻");
    }

    #[test]
    fn paths_show_line_breaks_visibly() {
        assert_eq!(
            path("x\nREADME.md:1: error\tforged\r.md"),
            "x␊README.md:1: error␉forged␍.md"
        );
        assert_eq!(path("plain/name.md"), "plain/name.md");
    }

    #[test]
    fn line_folds_breaks_into_one_space() {
        assert_eq!(line("two\r\nlines\tand tab"), "two lines and tab");
        assert_eq!(line("two\nlines"), "two lines");
    }
}
