//! What comes after the body: footnote definitions, then the numbered list of every link
//! target, so each URL can be read and followed from the text's `[n]`.

use ratatui::text::Span;

use super::layout::{Ctx, Writer};
use super::wrap::{self, Run};
use crate::markdown::Footnote;

impl Writer<'_> {
    pub(super) fn notes(&mut self, footnotes: &[Footnote]) {
        let mut ctx = Ctx::root(self.width());
        if !footnotes.is_empty() {
            let mut ordered: Vec<(usize, &Footnote)> = footnotes
                .iter()
                .map(|note| (self.footnote_number(&note.label), note))
                .collect();
            ordered.sort_by_key(|(number, _)| *number);
            self.section("Footnotes", &mut ctx);
            for (i, (number, note)) in ordered.into_iter().enumerate() {
                if i > 0 {
                    self.emit(&mut ctx, Vec::new());
                }
                let marker = format!("[^{number}]");
                let indent = " ".repeat(marker.len() + 1);
                let mut inner = ctx.nest(
                    vec![
                        Span::styled(marker, self.theme.footnote_ref),
                        Span::raw(" "),
                    ],
                    vec![Span::raw(indent)],
                );
                if note.blocks.is_empty() {
                    self.emit(&mut inner, Vec::new());
                }
                self.blocks(&note.blocks, &mut inner, false);
                ctx.absorb(&inner);
            }
        }
        let links = self.links().to_vec();
        if links.is_empty() {
            return;
        }
        self.section("Links", &mut ctx);
        let number_width = links.len().to_string().len() + 2;
        for link in links {
            let marker = format!("{:>number_width$}", format!("[{}]", link.number));
            let mut inner = ctx.nest(
                vec![Span::styled(marker, self.theme.link_number), Span::raw(" ")],
                vec![Span::raw(" ".repeat(number_width + 1))],
            );
            let style = if link.local {
                self.theme.local_link
            } else {
                self.theme.link
            };
            let mut runs = vec![Run::Text(link.url.clone(), style)];
            if link.local {
                // Its own unit after a space: the label moves to the next line whole.
                runs.push(Run::Text(" ".into(), self.theme.link_number));
                runs.push(Run::Glued("(in this blog)".into(), self.theme.link_number));
            }
            let wrapped = wrap::wrap(&runs, inner.width);
            for line in wrapped.lines {
                self.emit(&mut inner, line);
            }
            ctx.absorb(&inner);
        }
    }

    /// A blank line, then a labelled rule that starts a closing section.
    fn section(&mut self, label: &str, ctx: &mut Ctx) {
        self.emit(ctx, Vec::new());
        let rest = ctx.width.saturating_sub(label.chars().count() + 4);
        let spans = vec![
            Span::styled("── ", self.theme.rule),
            Span::styled(label.to_string(), self.theme.section),
            Span::styled(format!(" {}", "─".repeat(rest)), self.theme.rule),
        ];
        self.emit(ctx, spans);
        self.emit(ctx, Vec::new());
    }
}
