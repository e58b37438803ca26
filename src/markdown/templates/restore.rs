//! Takes every token out of a finished document.
//!
//! The tree builder turns tokens in running text into inlines as it reads them; everything
//! else that can carry one (a link's URL, an image's source, alt text and title, text from
//! HTML, a heading, a table cell, a label) is walked here. The matches name every variant, so
//! a new kind of string in the tree can't slip past.

use super::{Entry, Shown, TOKEN_OPEN, Table, split};
use crate::markdown::{Block, Document, Image, Inline};

/// Restores or removes every token in `document`. A link whose URL holds a call is no link:
/// its text stays, and the URL, which would lead nowhere, is not offered.
pub fn restore(document: &mut Document, table: &Table) {
    if table.entries.is_empty() {
        return;
    }
    blocks(&mut document.blocks, table);
    for footnote in &mut document.footnotes {
        text(&mut footnote.label, table);
        blocks(&mut footnote.blocks, table);
    }
}

/// `text` with each token replaced by what it shows.
pub fn shown(text: &str, table: &Table) -> String {
    replace(text, table, |entry| match &entry.shown {
        Shown::Text(text) | Shown::Marker(text) => text.clone(),
        Shown::Image(image) => image.alt.clone(),
        Shown::Embed { site, .. } => site.clone(),
    })
}

/// `text` with each token replaced by the call as written: for a URL or source that can't
/// be followed anyway, so the reader sees what the author wrote.
fn written(text: &str, table: &Table) -> String {
    replace(text, table, |entry| entry.written.clone())
}

fn replace(text: &str, table: &Table, with: impl Fn(&Entry) -> String) -> String {
    split(text, table)
        .into_iter()
        .map(|(part, entry)| entry.map_or_else(|| part.to_string(), &with))
        .collect()
}

fn text(text: &mut String, table: &Table) {
    if text.contains(TOKEN_OPEN) {
        *text = shown(text, table);
    }
}

fn source(text: &mut String, table: &Table) {
    if text.contains(TOKEN_OPEN) {
        *text = written(text, table);
    }
}

fn blocks(blocks: &mut [Block], table: &Table) {
    for block in blocks {
        match block {
            Block::Paragraph(content) | Block::Heading { content, .. } => inlines(content, table),
            Block::Code { lang, text, .. } => {
                if let Some(lang) = lang {
                    self::text(lang, table);
                }
                source(text, table);
            }
            Block::Quote { blocks: inner, .. } => self::blocks(inner, table),
            Block::List(list) => {
                for item in &mut list.items {
                    self::blocks(&mut item.blocks, table);
                }
            }
            Block::Table(grid) => {
                for cell in grid.header.iter_mut().chain(grid.rows.iter_mut().flatten()) {
                    inlines(cell, table);
                }
            }
            Block::Rule => {}
            Block::Image(picture) => image(picture, table),
            Block::Embed { site, url } => {
                text(site, table);
                source(url, table);
            }
            Block::Details {
                summary,
                blocks: inner,
            } => {
                inlines(summary, table);
                self::blocks(inner, table);
            }
            Block::Marker(hint) => text(hint, table),
        }
    }
}

fn image(image: &mut Image, table: &Table) {
    source(&mut image.src, table);
    text(&mut image.alt, table);
    if let Some(caption) = &mut image.caption {
        text(caption, table);
    }
}

fn inlines(content: &mut Vec<Inline>, table: &Table) {
    if !content.iter().any(has_token) {
        return;
    }
    let mut out = Vec::with_capacity(content.len());
    // For each link open: whether its start was kept.
    let mut links: Vec<bool> = Vec::new();
    for inline in std::mem::take(content) {
        match inline {
            Inline::Text(words, emphasis) => {
                for (part, entry) in split(&words, table) {
                    let Some(entry) = entry else {
                        out.push(Inline::Text(part.to_string(), emphasis));
                        continue;
                    };
                    out.push(match &entry.shown {
                        Shown::Text(text) => Inline::Text(text.clone(), emphasis),
                        Shown::Image(picture) => Inline::Image(Box::new(picture.clone())),
                        Shown::Embed { site, url } => Inline::Embed {
                            site: site.clone(),
                            url: url.clone(),
                        },
                        Shown::Marker(hint) => Inline::Marker(hint.clone()),
                    });
                }
            }
            Inline::Code(mut code) => {
                source(&mut code, table);
                out.push(Inline::Code(code));
            }
            Inline::LinkStart(url) => {
                let followable = !url.contains(TOKEN_OPEN);
                links.push(followable);
                if followable {
                    out.push(Inline::LinkStart(url));
                }
            }
            Inline::LinkEnd => {
                if links.pop() != Some(false) {
                    out.push(Inline::LinkEnd);
                }
            }
            Inline::Image(mut picture) => {
                image(&mut picture, table);
                out.push(Inline::Image(picture));
            }
            Inline::FootnoteRef(mut label) => {
                text(&mut label, table);
                out.push(Inline::FootnoteRef(label));
            }
            Inline::Embed { mut site, mut url } => {
                text(&mut site, table);
                source(&mut url, table);
                out.push(Inline::Embed { site, url });
            }
            Inline::Marker(mut hint) => {
                text(&mut hint, table);
                out.push(Inline::Marker(hint));
            }
            Inline::SoftBreak | Inline::HardBreak => out.push(inline),
        }
    }
    *content = out;
}

fn has_token(inline: &Inline) -> bool {
    match inline {
        Inline::Text(text, _)
        | Inline::Code(text)
        | Inline::LinkStart(text)
        | Inline::FootnoteRef(text)
        | Inline::Marker(text) => text.contains(TOKEN_OPEN),
        Inline::Image(image) => {
            image.src.contains(TOKEN_OPEN)
                || image.alt.contains(TOKEN_OPEN)
                || image
                    .caption
                    .as_ref()
                    .is_some_and(|c| c.contains(TOKEN_OPEN))
        }
        Inline::Embed { site, url } => site.contains(TOKEN_OPEN) || url.contains(TOKEN_OPEN),
        Inline::SoftBreak | Inline::HardBreak | Inline::LinkEnd => false,
    }
}
