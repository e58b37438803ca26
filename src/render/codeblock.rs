//! Code blocks: a frame with the language label, highlighted or plain lines, never
//! reflowed. A line wider than the frame continues on the next line behind a marker, so
//! nothing is lost and nothing overflows.

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthChar;

use super::layout::{Ctx, Writer};
use crate::highlight::session::Job;
use crate::markdown::Block;

/// Gutter width: the frame bar or the continuation marker, then a space.
const GUTTER: usize = 2;

impl Writer<'_> {
    pub(super) fn code_block(
        &mut self,
        number: usize,
        lang: Option<&str>,
        text: &str,
        ctx: &mut Ctx,
    ) {
        let theme = self.theme;
        let plain = |text: &str| -> Vec<Line<'static>> {
            text.lines()
                .map(|line| Line::from(Span::styled(line.to_string(), theme.code_text)))
                .collect()
        };
        let lines = match self.highlights.as_mut().and_then(|s| s.take(number)) {
            Some(Ok(lines)) => lines,
            Some(Err(code)) => plain(&code),
            None => plain(text),
        };
        let mut top = vec![Span::styled("╭─", theme.code_frame)];
        let mut used = 2;
        if let Some(lang) = lang {
            let label: String = lang.chars().take(ctx.width.saturating_sub(6)).collect();
            used += label.chars().count() + 2;
            top.push(Span::raw(" "));
            top.push(Span::styled(label, theme.code_label));
            top.push(Span::raw(" "));
        }
        top.push(Span::styled(
            "─".repeat(ctx.width.saturating_sub(used)),
            theme.code_frame,
        ));
        self.emit(ctx, top);
        let room = ctx.width.saturating_sub(GUTTER).max(1);
        for line in &lines {
            for (i, piece) in cut(&line.spans, room).into_iter().enumerate() {
                let gutter = if i == 0 {
                    Span::styled("│ ", theme.code_frame)
                } else {
                    Span::styled("↪ ", theme.code_wrap)
                };
                let mut spans = vec![gutter];
                spans.extend(piece);
                self.emit(ctx, spans);
            }
        }
        let bottom = format!("╰{}", "─".repeat(ctx.width.saturating_sub(1)));
        self.emit(ctx, vec![Span::styled(bottom, theme.code_frame)]);
    }
}

/// Moves the code of every block among `blocks` (nested ones too) that names a language into
/// `jobs`, in the order the layout meets them; the layout takes it back by number.
pub(super) fn take_code(blocks: &mut [Block], jobs: &mut Vec<Job>) {
    for block in blocks {
        match block {
            Block::Code {
                number,
                lang: Some(lang),
                text,
            } => jobs.push(Job {
                number: *number,
                info: lang.clone(),
                code: std::mem::take(text),
            }),
            Block::Quote { blocks, .. } | Block::Details { blocks, .. } => take_code(blocks, jobs),
            Block::List(list) => list
                .items
                .iter_mut()
                .for_each(|item| take_code(&mut item.blocks, jobs)),
            _ => {}
        }
    }
}

/// Cuts styled text into pieces of at most `width` columns, at character boundaries.
fn cut(spans: &[Span<'static>], width: usize) -> Vec<Vec<Span<'static>>> {
    let mut pieces = vec![Vec::new()];
    let mut used = 0;
    for span in spans {
        let mut text = String::new();
        let style: Style = span.style;
        for c in span.content.chars() {
            let w = c.width().unwrap_or(0);
            if used + w > width && used > 0 {
                if !text.is_empty()
                    && let Some(piece) = pieces.last_mut()
                {
                    piece.push(Span::styled(std::mem::take(&mut text), style));
                }
                pieces.push(Vec::new());
                used = 0;
            }
            text.push(c);
            used += w;
        }
        if !text.is_empty()
            && let Some(piece) = pieces.last_mut()
        {
            piece.push(Span::styled(text, style));
        }
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(pieces: &[Vec<Span<'static>>]) -> Vec<String> {
        pieces
            .iter()
            .map(|p| p.iter().map(|s| s.content.as_ref()).collect())
            .collect()
    }

    fn colour_of(rendered: &super::super::Rendered, needle: &str) -> Option<ratatui::style::Color> {
        rendered
            .lines
            .iter()
            .flat_map(|line| &line.spans)
            .find(|span| span.content.contains(needle))
            .and_then(|span| span.style.fg)
    }

    #[test]
    fn nested_and_footnoted_code_is_coloured_with_the_theme_passed_in() {
        use crate::highlight::SyntaxTheme;
        use crate::render::{Options, render};
        use crate::theme::Appearance;
        let body = "```rust\nlet top = 1;\n```\n\n> ```rust\n> let quoted = 2;\n> ```\n\n\
                    - item\n\n  ```rust\n  let listed = 3;\n  ```\n\nNote[^n].\n\n\
                    [^n]: See:\n\n    ```rust\n    let noted = 4;\n    ```\n";
        let plain = render(
            body,
            None,
            &Options {
                highlight: false,
                ..Options::new(60, Appearance::Dark)
            },
        );
        let default = render(body, None, &Options::new(60, Appearance::Dark));
        let nord = SyntaxTheme::named("Nord").expect("Nord");
        let themed = render(
            body,
            None,
            &Options {
                syntax_theme: Some(&nord),
                ..Options::new(60, Appearance::Dark)
            },
        );
        assert_eq!(
            default.plain(),
            plain.plain(),
            "colour changes no character"
        );
        for name in ["top", "quoted", "listed", "noted"] {
            let code_text = colour_of(&plain, name);
            assert_ne!(
                colour_of(&default, name),
                code_text,
                "{name} is highlighted"
            );
        }
        assert_ne!(
            colour_of(&themed, "let"),
            colour_of(&default, "let"),
            "Nord's keywords"
        );
    }

    #[test]
    fn cut_keeps_every_character_and_style() {
        let spans = [Span::raw("abcd"), Span::styled("efg", Style::new().bold())];
        let pieces = cut(&spans, 3);
        assert_eq!(texts(&pieces), ["abc", "def", "g"]);
        assert_eq!(pieces[1][1], Span::styled("ef", Style::new().bold()));
    }

    #[test]
    fn cut_counts_wide_characters_as_two() {
        assert_eq!(texts(&cut(&[Span::raw("日本語")], 4)), ["日本", "語"]);
        assert_eq!(texts(&cut(&[], 4)), [""]);
    }
}
