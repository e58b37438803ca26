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
        let marks = self.options.marks;
        let strikes = if marks { struck(inlines) } else { Vec::new() };
        let mut struck = false;
        for (i, inline) in inlines.iter().enumerate() {
            let strike = strikes.get(i).copied().unwrap_or(false);
            if marks && strike != struck {
                runs.push(Run::Glued("~~".into(), base));
                struck = strike;
            }
            let in_link = !open_links.is_empty();
            let base = if in_link {
                base.patch(theme.link)
            } else {
                base
            };
            match inline {
                Inline::Text(text, emphasis) if marks && emphasis.code => {
                    runs.push(Run::Glued(code_span(text), self.emphasis(base, *emphasis)));
                }
                Inline::Text(text, emphasis) => {
                    runs.push(Run::Text(text.clone(), self.emphasis(base, *emphasis)));
                }
                Inline::Code(code) => {
                    let style = base.patch(theme.inline_code);
                    let code = if marks { code_span(code) } else { code.clone() };
                    runs.push(if code.width() <= GLUED_CODE {
                        Run::Glued(code, style)
                    } else {
                        Run::Text(code, style)
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
        if struck {
            runs.push(Run::Glued("~~".into(), base));
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

/// Whether each inline is inside struck text. Text says so itself; anything else (code, a
/// break, a link's edge) is inside when the text on both sides of it is, so `~~` is written
/// once around a struck stretch.
fn struck(inlines: &[Inline]) -> Vec<bool> {
    let own: Vec<Option<bool>> = inlines
        .iter()
        .map(|inline| match inline {
            Inline::Text(_, emphasis) => Some(emphasis.strike),
            _ => None,
        })
        .collect();
    let mut before = vec![false; own.len()];
    let mut last = false;
    for (i, state) in own.iter().enumerate() {
        last = state.unwrap_or(last);
        before[i] = last;
    }
    let mut after = false;
    let mut states = vec![false; own.len()];
    for (i, state) in own.iter().enumerate().rev() {
        after = state.unwrap_or(after);
        states[i] = state.unwrap_or(before[i] && after);
    }
    states
}

/// Code as markdown writes it: in backticks, more of them than the code holds in a row, with
/// a space inside when the code starts or ends with one.
fn code_span(code: &str) -> String {
    let longest = code.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if code.starts_with('`') || code.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{code}{pad}{fence}")
}

#[cfg(test)]
mod tests {
    use super::code_span;

    #[test]
    fn code_spans_hold_their_backticks() {
        assert_eq!(code_span("x"), "`x`");
        assert_eq!(code_span("a`b"), "``a`b``");
        assert_eq!(code_span("`"), "`` ` ``");
    }
}
