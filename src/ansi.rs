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
    for line in lines {
        let mut styled = false;
        for span in &line.spans {
            if let Mode::Styled(depth) = mode {
                let style = depth.adapt(line.style.patch(span.style));
                if style != Style::default() || styled {
                    out.write_all(sgr(style).as_bytes())?;
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

/// One SGR sequence that resets, then sets `style` whole.
fn sgr(style: Style) -> String {
    let mut codes = vec!["0".to_string()];
    let modifiers = style.add_modifier - style.sub_modifier;
    for (modifier, code) in [
        (Modifier::BOLD, "1"),
        (Modifier::DIM, "2"),
        (Modifier::ITALIC, "3"),
        (Modifier::UNDERLINED, "4"),
        (Modifier::REVERSED, "7"),
        (Modifier::CROSSED_OUT, "9"),
    ] {
        if modifiers.contains(modifier) {
            codes.push(code.to_string());
        }
    }
    if let Some(fg) = style.fg.and_then(|c| color(c, false)) {
        codes.push(fg);
    }
    if let Some(bg) = style.bg.and_then(|c| color(c, true)) {
        codes.push(bg);
    }
    format!("\x1b[{}m", codes.join(";"))
}

fn color(color: Color, background: bool) -> Option<String> {
    let base = if background { 40 } else { 30 };
    let basic = |n: u8| Some((base + n).to_string());
    let bright = |n: u8| Some((base + 60 + n).to_string());
    let extended = if background { 48 } else { 38 };
    match color {
        Color::Reset => None,
        Color::Black => basic(0),
        Color::Red => basic(1),
        Color::Green => basic(2),
        Color::Yellow => basic(3),
        Color::Blue => basic(4),
        Color::Magenta => basic(5),
        Color::Cyan => basic(6),
        Color::Gray => basic(7),
        Color::DarkGray => bright(0),
        Color::LightRed => bright(1),
        Color::LightGreen => bright(2),
        Color::LightYellow => bright(3),
        Color::LightBlue => bright(4),
        Color::LightMagenta => bright(5),
        Color::LightCyan => bright(6),
        Color::White => bright(7),
        Color::Indexed(i) => Some(format!("{extended};5;{i}")),
        Color::Rgb(r, g, b) => Some(format!("{extended};2;{r};{g};{b}")),
    }
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
}
