//! Inline content → styled runs for wrapping: emphasis, code, links with their numbers,
//! footnote references, inline images, embeds and markers.

use ratatui::style::Style;
use unicode_width::UnicodeWidthStr;

use super::layout::Writer;
use super::wrap::Run;
use crate::markdown::{Emphasis, Inline};

/// Code spans up to this width never break at their spaces.
const GLUED_CODE: usize = 24;

impl Writer<'_> {
    /// The runs of `inlines` laid over `base` (a heading's style, a table header's).
    pub fn runs(&mut self, inlines: &[Inline], base: Style) -> Vec<Run> {
        let theme = self.theme;
        let mut runs = Vec::with_capacity(inlines.len());
        let mut open_links: Vec<usize> = Vec::new();
        for inline in inlines {
            let in_link = !open_links.is_empty();
            let base = if in_link {
                base.patch(theme.link)
            } else {
                base
            };
            match inline {
                Inline::Text(text, emphasis) => {
                    runs.push(Run::Text(text.clone(), self.emphasis(base, *emphasis)));
                }
                Inline::Code(code) => {
                    let style = base.patch(theme.inline_code);
                    runs.push(if code.width() <= GLUED_CODE {
                        Run::Glued(code.clone(), style)
                    } else {
                        Run::Text(code.clone(), style)
                    });
                }
                Inline::SoftBreak => runs.push(Run::Text(" ".into(), base)),
                Inline::HardBreak => runs.push(Run::Break),
                Inline::LinkStart(url) => open_links.push(self.link_number(url)),
                Inline::LinkEnd => {
                    if let Some(number) = open_links.pop() {
                        self.link_mark(number, &mut runs);
                    }
                }
                Inline::Image(image) => {
                    let alt = if image.alt.trim().is_empty() {
                        "image"
                    } else {
                        image.alt.trim()
                    };
                    runs.push(Run::Glued("▣ ".into(), theme.image));
                    runs.push(Run::Text(alt.to_string(), base.patch(theme.image)));
                    if self.image_missing(&image.src) {
                        runs.push(Run::Glued(" (not found)".into(), theme.missing));
                    }
                }
                Inline::FootnoteRef(label) => {
                    let number = self.footnote_number(label);
                    runs.push(Run::Glued(format!("[^{number}]"), theme.footnote_ref));
                }
                Inline::Embed { site, url } => {
                    let number = self.link_number(url);
                    runs.push(Run::Glued(format!("▶ {site}"), theme.embed));
                    self.link_mark(number, &mut runs);
                }
                Inline::Marker(text) => {
                    runs.push(Run::Text(format!("‹{text}›"), theme.marker));
                }
            }
        }
        while let Some(number) = open_links.pop() {
            self.link_mark(number, &mut runs);
        }
        runs
    }

    fn link_mark(&self, number: usize, runs: &mut Vec<Run>) {
        runs.push(Run::Anchor(number));
        runs.push(Run::Glued(format!("[{number}]"), self.theme.link_number));
    }

    fn emphasis(&self, base: Style, emphasis: Emphasis) -> Style {
        let mut style = base;
        if emphasis.code {
            style = style.patch(self.theme.inline_code);
        }
        if emphasis.strong {
            style = style.patch(self.theme.strong);
        }
        if emphasis.italic {
            style = style.patch(self.theme.italic);
        }
        if emphasis.strike {
            style = style.patch(self.theme.strike);
        }
        style
    }
}
