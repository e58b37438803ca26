//! Code blocks: a frame with the language label, highlighted or plain lines, never
//! reflowed. A line wider than the frame continues on the next line behind a marker, so
//! nothing is lost and nothing overflows.

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthChar;

use super::code;
use super::layout::{Ctx, Writer};
use crate::markdown::Block;

/// Gutter width: the frame bar or the continuation marker, then a space.
const GUTTER: usize = 2;

impl Writer<'_> {
    pub(super) fn code_block(&mut self, lang: Option<&str>, text: &str, ctx: &mut Ctx) {
        let theme = self.theme;
        let highlighted = self.highlighted.remove(&address(text));
        let lines = highlighted.unwrap_or_else(|| {
            text.lines()
                .map(|line| Line::from(Span::styled(line.to_string(), theme.code_text)))
                .collect()
        });
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

/// Where a block's text lives: it identifies the block while the document is laid out, whatever
/// order layout meets the blocks in.
fn address(text: &str) -> usize {
    text.as_ptr() as usize
}

/// Code highlighted in one parallel batch: enough blocks to keep every core busy, few
/// enough that a long post's colours are not all held at once.
const BATCH_BYTES: usize = 64 * 1024;

impl Writer<'_> {
    /// Highlights the code of the first blocks of `blocks`, up to a batch, on all cores;
    /// returns how many blocks that covered (at least one).
    pub(super) fn highlight_ahead(&mut self, blocks: &[Block]) -> usize {
        let mut code = Vec::new();
        let mut covered = 0;
        for block in blocks {
            collect(std::slice::from_ref(block), &mut code);
            covered += 1;
            if code.iter().map(|(text, _)| text.len()).sum::<usize>() >= BATCH_BYTES {
                break;
            }
        }
        let highlighted = code::highlight_all(&code, self.options.appearance);
        for ((text, _), lines) in code.iter().zip(highlighted) {
            if let Some(lines) = lines {
                self.highlighted.insert(address(text), lines);
            }
        }
        covered.max(1)
    }
}

/// The code blocks among `blocks` and the blocks nested in them.
fn collect<'a>(blocks: &'a [Block], out: &mut Vec<(&'a str, Option<&'a str>)>) {
    for block in blocks {
        match block {
            Block::Code { lang, text } => out.push((text, lang.as_deref())),
            Block::Quote { blocks, .. } | Block::Details { blocks, .. } => collect(blocks, out),
            Block::List(list) => list
                .items
                .iter()
                .for_each(|item| collect(&item.blocks, out)),
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
