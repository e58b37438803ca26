//! Rendered lines → text for a terminal or a pipe: SGR colour sequences only, or no escape
//! sequence at all. Content never reaches here unsanitized, so the only escapes in the output
//! are the ones written below.

use std::io::{self, Write};

use ratatui::style::{Color, Modifier, Style};
use ratatui::text::Line;

use crate::theme::ColorDepth;

/// How the text is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Text only.
    Plain,
    /// Styles as SGR sequences, colours brought down to the depth.
    Styled(ColorDepth),
}

pub fn write(lines: &[Line<'_>], mode: Mode, out: &mut impl Write) -> io::Result<()> {
    let mut sequence = Vec::with_capacity(32);
    for line in lines {
        let mut styled = false;
        for span in &line.spans {
            if let Mode::Styled(depth) = mode {
                let style = depth.adapt(line.style.patch(span.style));
                if style != Style::default() || styled {
                    sequence.clear();
                    sgr(style, &mut sequence);
                    out.write_all(&sequence)?;
                    styled = style != Style::default();
                }
            }
            out.write_all(span.content.as_bytes())?;
        }
        if styled {
            out.write_all(b"\x1b[0m")?;
        }
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// One SGR sequence that resets, then sets `style` whole. Built in `out` without allocating:
/// a highlighted post has one for nearly every span.
fn sgr(style: Style, out: &mut Vec<u8>) {
    out.extend_from_slice(b"\x1b[0");
    let modifiers = style.add_modifier - style.sub_modifier;
    for (modifier, code) in [
        (Modifier::BOLD, b'1'),
        (Modifier::DIM, b'2'),
        (Modifier::ITALIC, b'3'),
        (Modifier::UNDERLINED, b'4'),
        (Modifier::REVERSED, b'7'),
        (Modifier::CROSSED_OUT, b'9'),
    ] {
        if modifiers.contains(modifier) {
            out.extend_from_slice(&[b';', code]);
        }
    }
    if let Some(fg) = style.fg {
        color(fg, false, out);
    }
    if let Some(bg) = style.bg {
        color(bg, true, out);
    }
    out.push(b'm');
}

/// Appends `;` and the SGR parameters of `color`, or nothing for `Reset`.
fn color(color: Color, background: bool, out: &mut Vec<u8>) {
    let base = if background { 40 } else { 30 };
    let extended = if background { 48 } else { 38 };
    let code = match color {
        Color::Reset => return,
        Color::Black => base,
        Color::Red => base + 1,
        Color::Green => base + 2,
        Color::Yellow => base + 3,
        Color::Blue => base + 4,
        Color::Magenta => base + 5,
        Color::Cyan => base + 6,
        Color::Gray => base + 7,
        Color::DarkGray => base + 60,
        Color::LightRed => base + 61,
        Color::LightGreen => base + 62,
        Color::LightYellow => base + 63,
        Color::LightBlue => base + 64,
        Color::LightMagenta => base + 65,
        Color::LightCyan => base + 66,
        Color::White => base + 67,
        Color::Indexed(i) => {
            number(extended, out);
            out.extend_from_slice(b";5");
            number(i, out);
            return;
        }
        Color::Rgb(r, g, b) => {
            number(extended, out);
            out.extend_from_slice(b";2");
            for part in [r, g, b] {
                number(part, out);
            }
            return;
        }
    };
    number(code, out);
}

/// Appends `;` and `n` in decimal.
fn number(n: u8, out: &mut Vec<u8>) {
    out.push(b';');
    if n >= 100 {
        out.push(b'0' + n / 100);
    }
    if n >= 10 {
        out.push(b'0' + n / 10 % 10);
    }
    out.push(b'0' + n % 10);
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::text::Span;

    fn written(lines: &[Line<'_>], mode: Mode) -> String {
        let mut out = Vec::new();
        write(lines, mode, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn plain_has_no_escapes() {
        let line = Line::from(vec![
            Span::styled("red", Style::new().fg(Color::Red)),
            Span::raw(" x"),
        ]);
        assert_eq!(written(&[line], Mode::Plain), "red x\n");
    }

    #[test]
    fn styled_sets_and_resets() {
        let line = Line::from(vec![
            Span::styled("a", Style::new().fg(Color::Rgb(1, 2, 3)).bold()),
            Span::raw("b"),
        ]);
        assert_eq!(
            written(
                std::slice::from_ref(&line),
                Mode::Styled(ColorDepth::TrueColor)
            ),
            "\x1b[0;1;38;2;1;2;3ma\x1b[0mb\n"
        );
        assert_eq!(
            written(&[line], Mode::Styled(ColorDepth::Indexed)),
            "\x1b[0;1;38;5;16ma\x1b[0mb\n"
        );
    }

    #[test]
    fn every_colour_and_modifier_has_its_parameters() {
        let sequence = |style: Style| {
            let mut out = Vec::new();
            sgr(style, &mut out);
            String::from_utf8(out).unwrap()
        };
        let style = Style::new()
            .fg(Color::LightRed)
            .bg(Color::Indexed(200))
            .italic()
            .underlined()
            .crossed_out();
        assert_eq!(sequence(style), "\x1b[0;3;4;9;91;48;5;200m");
        let style = Style::new().fg(Color::Rgb(0, 10, 255)).bg(Color::Black);
        assert_eq!(sequence(style), "\x1b[0;38;2;0;10;255;40m");
        let style = Style::new().fg(Color::Reset).bg(Color::White).dim();
        assert_eq!(sequence(style), "\x1b[0;2;107m");
        assert_eq!(
            sequence(Style::new().fg(Color::Indexed(7))),
            "\x1b[0;38;5;7m"
        );
    }
}
