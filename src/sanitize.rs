//! Makes untrusted text safe to put on a terminal.
//!
//! Post content, titles and even file names come from strangers. ratatui drops some control
//! characters but not all (not in OSC 8 links, not bidi overrides), and a plain `println!` of a
//! title drops none, so every piece of content passes through here once, when it is read.

use std::borrow::Cow;

/// Columns between tab stops when a tab is expanded.
pub const TAB_WIDTH: usize = 4;

/// Cleans multi-line text (a post body): keeps newlines, expands tabs to the next tab stop,
/// drops carriage returns, shows other control characters as visible symbols and removes
/// bidirectional overrides.
pub fn text(input: &str) -> Cow<'_, str> {
    clean(input, true)
}

/// Cleans text meant for one line (a title, a tag, a path): like [`text`], but every line break
/// and tab becomes a single space.
pub fn line(input: &str) -> Cow<'_, str> {
    clean(input, false)
}

fn clean(input: &str, multiline: bool) -> Cow<'_, str> {
    if input.chars().all(is_plain) {
        return Cow::Borrowed(input);
    }
    let mut out = String::with_capacity(input.len());
    let mut column = 0usize;
    for c in input.chars() {
        match c {
            '\n' if multiline => {
                out.push('\n');
                column = 0;
                continue;
            }
            '\t' if multiline => {
                let spaces = TAB_WIDTH - column % TAB_WIDTH;
                out.extend(std::iter::repeat_n(' ', spaces));
                column += spaces;
                continue;
            }
            '\r' if multiline => continue,
            '\n' | '\t' | '\r' => {
                if !out.ends_with(' ') {
                    out.push(' ');
                }
            }
            c if is_bidi_control(c) => {}
            c if c.is_control() => out.push(visible(c)),
            c => out.push(c),
        }
        column += 1;
    }
    Cow::Owned(out)
}

/// True for characters that need no attention at all; the fast path for ordinary text.
fn is_plain(c: char) -> bool {
    (c == '\n') || !(c.is_control() || is_bidi_control(c))
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
        assert!(matches!(text("Hello, wörld 👩‍💻\nnext"), Cow::Borrowed(_)));
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
    fn tabs_expand_to_tab_stops_and_cr_is_dropped() {
        assert_eq!(text("a\tb\r\n\tc"), "a   b\n    c");
    }

    #[test]
    fn line_folds_breaks_into_one_space() {
        assert_eq!(line("two\r\nlines\tand tab"), "two lines and tab");
    }
}
