//! Where what HTML means goes in the tree: HTML blocks add blocks and open or close
//! containers, inline HTML adds inline content. Containers an HTML tag opened are paired
//! with the markdown container around them, so a tag left open cannot swallow the post.

use pulldown_cmark::{Event, Tag, TagEnd};

use super::super::html::{self, Html};
use super::{Block, Builder, Container, Emphasis, Inline, LeafKind, MAX_DEPTH};
use crate::sanitize;

impl Builder<'_> {
    /// Inline HTML state (emphasis, links, `<script>`) ends with the markdown leaf it is in.
    pub(super) fn end_html(&mut self) {
        let rest = self.html.finish();
        self.html(rest, false);
    }

    /// Places what HTML means in the tree. Blocks and containers come only from HTML blocks;
    /// inline HTML adds inline content.
    pub(super) fn html(&mut self, pieces: Vec<Html>, block: bool) {
        for piece in pieces {
            match piece {
                Html::Inline(Inline::LinkStart(url)) => {
                    self.links_open += 1;
                    self.inline(Inline::LinkStart(url));
                }
                Html::Inline(Inline::LinkEnd) => {
                    if self.links_open > 0 {
                        self.links_open -= 1;
                        self.inline(Inline::LinkEnd);
                    }
                }
                Html::Inline(Inline::Text(text, emphasis)) => {
                    let text = if self.leaf.is_none() {
                        text.trim_start().to_owned()
                    } else {
                        text
                    };
                    if !text.is_empty() {
                        let outer = self.current_emphasis();
                        let emphasis = Emphasis {
                            strong: emphasis.strong || outer.strong,
                            italic: emphasis.italic || outer.italic,
                            strike: emphasis.strike || outer.strike,
                            code: emphasis.code || outer.code,
                        };
                        self.prose(&text, emphasis);
                    }
                }
                Html::Inline(Inline::HardBreak) | Html::Space if self.leaf.is_none() => {}
                Html::Inline(inline) => self.inline(inline),
                Html::Space => self.inline(Inline::Text(" ".into(), Emphasis::default())),
                Html::Code { lang, text } if block || self.in_paragraph() => {
                    self.close_leaf();
                    self.push_code(lang, text);
                }
                Html::Code { text, .. } => {
                    self.inline(Inline::Code(sanitize::line(&text).trim_end().to_owned()))
                }
                Html::Table(table) if block || self.in_paragraph() => {
                    self.close_leaf();
                    self.push_block(Block::Table(table));
                }
                Html::Table(table) => {
                    let cells = table.header.iter().chain(table.rows.iter().flatten());
                    let text: Vec<String> = cells.map(|cell| super::super::plain(cell)).collect();
                    self.inline(Inline::Text(text.join(" "), Emphasis::default()));
                }
                _ if !block => {}
                Html::Boundary => self.close_leaf(),
                Html::Rule => {
                    self.close_leaf();
                    self.push_block(Block::Rule);
                }
                Html::Heading(level) => {
                    self.close_leaf();
                    self.open_leaf(LeafKind::Heading(level));
                }
                Html::HeadingEnd => {
                    if matches!(&self.leaf, Some(leaf) if matches!(leaf.kind, LeafKind::Heading(_)))
                    {
                        self.close_leaf();
                    }
                }
                Html::Summary => {
                    self.close_leaf();
                    self.open_leaf(LeafKind::Summary);
                }
                Html::SummaryEnd => self.close_leaf(),
                Html::Open(container) => self.open_html(container),
                Html::Close(container) => self.close_html(container),
            }
        }
    }

    fn in_paragraph(&self) -> bool {
        self.leaf
            .as_ref()
            .is_none_or(|leaf| leaf.kind == LeafKind::Paragraph)
    }

    /// Opens a container for an HTML start tag; a new `<li>` first closes an open one.
    fn open_html(&mut self, container: html::Container) {
        self.close_leaf();
        if container == html::Container::Item
            && matches!(self.html_open.last(), Some((html::Container::Item, at)) if *at + 1 == self.stack.len())
        {
            self.html_open.pop();
            self.pop();
        }
        if self.stack.len() > MAX_DEPTH {
            return;
        }
        self.stack.push(match container {
            html::Container::Quote => Container::Quote(None, Vec::new()),
            html::Container::List(start) => Container::List(start, true, Vec::new()),
            html::Container::Item => Container::Item(None, Vec::new()),
            html::Container::Details => Container::Details(Vec::new(), Vec::new()),
        });
        self.html_open.push((container, self.stack.len() - 1));
    }

    /// Closes the innermost matching container an HTML tag opened, and any opened inside it;
    /// a closing tag that matches none, or only one outside the current markdown container,
    /// does nothing.
    fn close_html(&mut self, container: html::Container) {
        self.close_leaf();
        let same = |open: &html::Container| {
            std::mem::discriminant(open) == std::mem::discriminant(&container)
        };
        let mut top = self.stack.len();
        let mut found = None;
        for (index, (open, at)) in self.html_open.iter().enumerate().rev() {
            if *at + 1 != top {
                break;
            }
            top = *at;
            if same(open) {
                found = Some(index);
                break;
            }
        }
        if let Some(index) = found {
            while self.html_open.len() > index {
                self.html_open.pop();
                self.pop();
            }
        }
    }
}

/// Markdown content inside an open HTML comment, `<script>` or the like, which is not shown;
/// the structure around it still opens and closes.
pub(super) fn hidden_with_html(event: &Event<'_>) -> bool {
    match event {
        Event::Start(tag) => matches!(tag, Tag::CodeBlock(_) | Tag::Image { .. }),
        Event::End(tag) => matches!(tag, TagEnd::CodeBlock | TagEnd::Image),
        Event::Html(_) | Event::InlineHtml(_) => false,
        _ => true,
    }
}
