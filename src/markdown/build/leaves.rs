//! Leaves: the inline content of a paragraph, heading, table cell or `<summary>`, gathered
//! until the leaf closes and then put in its container as a block.

use super::{Block, Builder, Container, Inline};

#[derive(PartialEq)]
pub(super) enum LeafKind {
    Paragraph,
    Heading(u8),
    Cell,
    Summary,
}

pub(super) struct Leaf {
    pub(super) kind: LeafKind,
    pub(super) inlines: Vec<Inline>,
}

impl Builder<'_> {
    pub(super) fn open_leaf(&mut self, kind: LeafKind) {
        self.leaf = Some(Leaf {
            kind,
            inlines: Vec::new(),
        });
    }

    /// Adds inline content, opening a paragraph when none is open (tight list items and text
    /// in HTML blocks have no paragraph of their own).
    pub(super) fn inline(&mut self, inline: Inline) {
        if self.html.hiding() {
            return;
        }
        if let Some(image) = &mut self.image {
            image
                .alt
                .push_str(&crate::markdown::plain(std::slice::from_ref(&inline)));
            return;
        }
        if self.leaf.is_none() {
            self.open_leaf(LeafKind::Paragraph);
        }
        if let Some(leaf) = &mut self.leaf {
            // Text next to text of the same look joins it: the parser hands over `[[[[` one
            // bracket at a time, and a run apiece would cost fifty times the text.
            if let (Some(Inline::Text(last, last_emphasis)), Inline::Text(text, emphasis)) =
                (leaf.inlines.last_mut(), &inline)
                && last_emphasis == emphasis
            {
                last.push_str(text);
                return;
            }
            leaf.inlines.push(inline);
        }
    }

    pub(super) fn take_leaf(&mut self) -> Option<Vec<Inline>> {
        let mut leaf = self.leaf.take()?;
        while let Some(Inline::Text(text, _)) = leaf.inlines.last_mut() {
            let kept = text.trim_end().len();
            text.truncate(kept);
            if !text.is_empty() {
                break;
            }
            leaf.inlines.pop();
        }
        for _ in 0..std::mem::take(&mut self.links_open) {
            leaf.inlines.push(Inline::LinkEnd);
        }
        leaf.inlines.shrink_to_fit();
        Some(leaf.inlines)
    }

    pub(super) fn close_leaf(&mut self) {
        let Some(kind) = self.leaf.as_ref().map(|leaf| match leaf.kind {
            LeafKind::Heading(level) => Some(level),
            LeafKind::Summary => Some(0),
            LeafKind::Paragraph | LeafKind::Cell => None,
        }) else {
            return;
        };
        let inlines = self.take_leaf().unwrap_or_default();
        match kind {
            Some(0) => {
                if let Some(Container::Details(summary, _)) = self.stack.last_mut() {
                    summary.extend(inlines);
                } else {
                    self.paragraph(inlines);
                }
            }
            Some(level) => self.push_block(Block::Heading {
                level,
                content: inlines,
            }),
            None => self.paragraph(inlines),
        }
    }

    /// A paragraph, or the images, embeds and markers it holds when that is all it holds.
    pub(super) fn paragraph(&mut self, inlines: Vec<Inline>) {
        let blank = |i: &Inline| match i {
            Inline::Text(t, _) => t.trim().is_empty(),
            Inline::SoftBreak | Inline::HardBreak => true,
            _ => false,
        };
        let standalone = |i: &Inline| {
            matches!(
                i,
                Inline::Image(_) | Inline::Embed { .. } | Inline::Marker(_)
            )
        };
        if inlines.iter().all(blank) {
            return;
        }
        if !inlines.iter().all(|i| blank(i) || standalone(i)) {
            self.push_block(Block::Paragraph(inlines));
            return;
        }
        for inline in inlines {
            match inline {
                Inline::Image(image) => self.push_block(Block::Image(*image)),
                Inline::Embed { site, url } => self.push_block(Block::Embed { site, url }),
                Inline::Marker(text) => self.push_block(Block::Marker(text)),
                _ => {}
            }
        }
    }
}
