//! The one match over pulldown-cmark's events: the index of the markdown folio supports.
//!
//! Containers (quotes, lists, items, footnotes, `<details>`) live on an explicit stack, never
//! on the call stack, and nesting past [`MAX_DEPTH`] is flattened into the deepest container,
//! so 10,000 nested `>` cost memory for their text only.

use std::borrow::Cow;

use pulldown_cmark::{
    Alignment, BlockQuoteKind, CodeBlockKind, Event, HeadingLevel, Parser, Tag, TagEnd,
};

use super::html;
use super::templates::{self, Piece};
use super::{
    Alert, Align, Block, Document, Emphasis, Footnote, Image, Inline, Item, List, Table,
    parser_options,
};
use crate::highlight::fence_language;
use crate::sanitize;

/// Containers nested deeper than this are flattened into their parent.
pub const MAX_DEPTH: usize = 24;

mod containers;
mod html_tree;
mod leaves;

use containers::Container;
use leaves::{Leaf, LeafKind};

pub fn build(body: &str, templates: &templates::Table) -> Document {
    let options = parser_options();
    let mut builder = Builder {
        body,
        templates,
        stack: vec![Container::Root(Vec::new())],
        pushed: Vec::new(),
        leaf: None,
        emphasis: [0; 4],
        links_open: 0,
        html: html::Reader::default(),
        html_block: None,
        html_open: Vec::new(),
        image: None,
        nested_images: 0,
        code: None,
        table: None,
        footnotes: Vec::new(),
        code_blocks: 0,
    };
    for event in Parser::new_ext(body, options) {
        builder.event(event);
    }
    builder.finish()
}

/// Cells of one table that are kept; rows past this are counted, not kept. Each cell is laid
/// out on its own, so a table is the cheapest way to make a small file cost a lot of memory.
pub const MAX_TABLE_CELLS: usize = 20_000;
/// Columns of one table that are kept; more would not be readable in a terminal anyway.
pub const MAX_TABLE_COLUMNS: usize = 64;

struct TableBuild {
    aligns: Vec<Align>,
    in_head: bool,
    header: Vec<Vec<Inline>>,
    rows: Vec<Vec<Vec<Inline>>>,
    /// Body cells kept, and whether the row being read is kept.
    cells: usize,
    keeping_row: bool,
    cut_rows: usize,
    cut_columns: bool,
}

impl TableBuild {
    /// What a cut table says about what it doesn't show.
    fn cut_note(&self) -> Option<String> {
        let rows = (self.cut_rows > 0).then(|| {
            format!(
                "{} more rows not shown (a table shows at most {MAX_TABLE_CELLS} cells)",
                self.cut_rows
            )
        });
        let columns = self
            .cut_columns
            .then(|| format!("columns past the {MAX_TABLE_COLUMNS}th not shown"));
        let notes: Vec<String> = rows.into_iter().chain(columns).collect();
        (!notes.is_empty()).then(|| format!("table cut: {}", notes.join("; ")))
    }
}

struct Builder<'s> {
    /// The text being parsed: private-use characters that references decode to are shown
    /// only when the body holds them as written.
    body: &'s str,
    templates: &'s templates::Table,
    stack: Vec<Container>,
    /// For every container start seen: whether it was pushed (false past the depth cap).
    pushed: Vec<bool>,
    leaf: Option<Leaf>,
    /// Open strong, italic, strike and code-like spans.
    emphasis: [u32; 4],
    links_open: usize,
    html: html::Reader,
    /// The HTML block being gathered: pulldown-cmark hands it over line by line, and a
    /// comment or `<pre>` may span many lines.
    html_block: Option<String>,
    /// Containers opened by HTML tags, with their place on the stack: only these can be
    /// closed by an HTML end tag, and the markdown container around them closes them too.
    html_open: Vec<(html::Container, usize)>,
    image: Option<Image>,
    /// Images inside an image's description: their alt text joins the outer one.
    nested_images: usize,
    code: Option<(Option<String>, String)>,
    table: Option<TableBuild>,
    footnotes: Vec<Footnote>,
    /// Code blocks pushed so far: the next one's number.
    code_blocks: usize,
}

impl Builder<'_> {
    fn event(&mut self, event: Event<'_>) {
        if let Event::Text(text) = &event
            && let Some(after) = self.html.comment_ends_in(text)
        {
            self.text(after);
            return;
        }
        if self.html.hiding() && html_tree::hidden_with_html(&event) {
            return;
        }
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(text) => self.text(&text),
            Event::Code(code) => self.inline(Inline::Code(sanitize::line(&code).into_owned())),
            Event::Html(html) => match &mut self.html_block {
                Some(block) => block.push_str(&html),
                None => {
                    let pieces = self.html.read(&html);
                    self.html(pieces, true);
                }
            },
            Event::InlineHtml(html) => {
                let pieces = self.html.read(&html);
                self.html(pieces, false);
            }
            Event::FootnoteReference(label) => {
                self.inline(Inline::FootnoteRef(sanitize::line(&label).into_owned()))
            }
            Event::SoftBreak => self.inline(Inline::SoftBreak),
            Event::HardBreak => self.inline(Inline::HardBreak),
            Event::Rule => {
                self.close_leaf();
                self.push_block(Block::Rule);
            }
            Event::TaskListMarker(done) => {
                if let Some(Container::Item(task, _)) = self.stack.last_mut() {
                    *task = Some(done);
                }
            }
            // Math is not enabled; its source is shown as text should it appear.
            Event::InlineMath(text) | Event::DisplayMath(text) => self.text(&text),
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::Paragraph => {
                self.close_leaf();
                let len = self.stack.len();
                if len >= 2
                    && matches!(self.stack[len - 1], Container::Item(..))
                    && let Container::List(_, tight, _) = &mut self.stack[len - 2]
                {
                    *tight = false;
                }
                self.open_leaf(LeafKind::Paragraph);
            }
            Tag::Heading { level, .. } => {
                self.close_leaf();
                self.open_leaf(LeafKind::Heading(heading_level(level)));
            }
            Tag::BlockQuote(kind) => self.open(Container::Quote(kind.map(alert), Vec::new())),
            Tag::CodeBlock(kind) => {
                self.close_leaf();
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => language(&info),
                    CodeBlockKind::Indented => None,
                };
                self.code = Some((lang, String::new()));
            }
            Tag::HtmlBlock => {
                self.close_leaf();
                self.html_block = Some(String::new());
            }
            Tag::List(start) => self.open(Container::List(start, true, Vec::new())),
            Tag::Item => self.open(Container::Item(None, Vec::new())),
            Tag::FootnoteDefinition(label) => self.open(Container::Footnote(
                sanitize::line(&label).into_owned(),
                Vec::new(),
            )),
            Tag::Table(aligns) => {
                self.close_leaf();
                self.table = Some(TableBuild {
                    aligns: aligns.into_iter().map(align).collect(),
                    in_head: false,
                    header: Vec::new(),
                    rows: Vec::new(),
                    cells: 0,
                    keeping_row: false,
                    cut_rows: 0,
                    cut_columns: false,
                });
            }
            Tag::TableHead => {
                if let Some(table) = &mut self.table {
                    table.in_head = true;
                }
            }
            Tag::TableRow => {
                if let Some(table) = &mut self.table {
                    table.keeping_row = table.cells < MAX_TABLE_CELLS;
                    if table.keeping_row {
                        table.rows.push(Vec::new());
                    } else {
                        table.cut_rows += 1;
                    }
                }
            }
            Tag::TableCell => self.open_leaf(LeafKind::Cell),
            Tag::Emphasis => self.emphasis[1] += 1,
            Tag::Strong => self.emphasis[0] += 1,
            Tag::Strikethrough => self.emphasis[2] += 1,
            Tag::Link { dest_url, .. } => {
                self.links_open += 1;
                let url = self.written(sanitize::line(&dest_url));
                self.inline(Inline::LinkStart(url.into_owned()));
            }
            Tag::Image { .. } if self.image.is_some() => self.nested_images += 1,
            Tag::Image {
                dest_url, title, ..
            } => {
                self.image = Some(Image {
                    src: self.written(sanitize::line(&dest_url)).into_owned(),
                    alt: String::new(),
                    caption: (!title.is_empty())
                        .then(|| self.written(sanitize::line(&title)).into_owned()),
                });
            }
            // Not enabled: definition lists, super/subscript and metadata blocks read as
            // plain text, and front matter is split off before parsing.
            Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition
            | Tag::Superscript
            | Tag::Subscript
            | Tag::MetadataBlock(_) => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph | TagEnd::Heading(_) => {
                self.end_html();
                self.close_leaf();
            }
            TagEnd::BlockQuote(_) | TagEnd::List(_) | TagEnd::Item | TagEnd::FootnoteDefinition => {
                self.close()
            }
            TagEnd::CodeBlock => {
                if let Some((lang, text)) = self.code.take() {
                    self.push_code(lang, text);
                }
            }
            TagEnd::HtmlBlock => {
                let block = self.html_block.take().unwrap_or_default();
                let pieces = self.html.read(&block);
                self.html(pieces, true);
                let rest = self.html.finish();
                self.html(rest, true);
                self.close_leaf();
            }
            TagEnd::Table => {
                if let Some(table) = self.table.take() {
                    let note = table.cut_note();
                    self.push_block(Block::Table(Table {
                        aligns: table.aligns,
                        header: table.header,
                        rows: table.rows,
                    }));
                    if let Some(note) = note {
                        self.push_block(Block::Marker(note));
                    }
                }
            }
            TagEnd::TableHead => {
                if let Some(table) = &mut self.table {
                    table.in_head = false;
                }
            }
            TagEnd::TableRow => {}
            TagEnd::TableCell => {
                self.end_html();
                let cell = self.take_leaf().unwrap_or_default();
                if let Some(table) = &mut self.table {
                    let row = if table.in_head {
                        Some(&mut table.header)
                    } else {
                        table.rows.last_mut().filter(|_| table.keeping_row)
                    };
                    match row {
                        Some(row) if row.len() >= MAX_TABLE_COLUMNS => table.cut_columns = true,
                        Some(row) => {
                            row.push(cell);
                            table.cells += usize::from(!table.in_head);
                        }
                        None => {}
                    }
                }
            }
            TagEnd::Emphasis => self.emphasis[1] = self.emphasis[1].saturating_sub(1),
            TagEnd::Strong => self.emphasis[0] = self.emphasis[0].saturating_sub(1),
            TagEnd::Strikethrough => self.emphasis[2] = self.emphasis[2].saturating_sub(1),
            TagEnd::Link => {
                if self.links_open > 0 {
                    self.links_open -= 1;
                    self.inline(Inline::LinkEnd);
                }
            }
            TagEnd::Image if self.nested_images > 0 => self.nested_images -= 1,
            TagEnd::Image => {
                if let Some(image) = self.image.take() {
                    self.inline(Inline::Image(Box::new(image)));
                }
            }
            TagEnd::DefinitionList
            | TagEnd::DefinitionListTitle
            | TagEnd::DefinitionListDefinition
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::MetadataBlock(_) => {}
        }
    }

    fn text(&mut self, text: &str) {
        if let Some((_, code)) = &mut self.code {
            code.push_str(&sanitize::text(text));
            return;
        }
        if self.html.hiding() {
            return;
        }
        if self.image.is_some() {
            let alt = self.written(sanitize::line(text)).into_owned();
            if let Some(image) = &mut self.image {
                image.alt.push_str(&alt);
            }
            return;
        }
        let emphasis = self.current_emphasis();
        self.prose(text, emphasis);
    }

    /// Text of markdown or HTML, with the template pass's tokens turned back into what they
    /// stand for.
    fn prose(&mut self, text: &str, emphasis: Emphasis) {
        for piece in templates::pieces(text, self.templates) {
            match piece {
                Piece::Text(text) => {
                    let text = self.written(sanitize::line(&text)).into_owned();
                    self.inline(Inline::Text(text, emphasis));
                }
                Piece::Inline(inline) => self.inline(inline),
            }
        }
    }

    /// Text without private-use characters that the body does not hold as written (a reference
    /// such as `&#xE000;` decodes to one): they are shown as U+FFFD.
    fn written<'t>(&self, text: Cow<'t, str>) -> Cow<'t, str> {
        if !text.chars().any(html::private_use) {
            return text;
        }
        Cow::Owned(
            text.chars()
                .map(|c| {
                    if html::private_use(c) && !self.body.contains(c) {
                        '\u{FFFD}'
                    } else {
                        c
                    }
                })
                .collect(),
        )
    }

    /// The emphasis of markdown and of HTML tags around the text.
    fn current_emphasis(&self) -> Emphasis {
        let html = self.html.emphasis();
        Emphasis {
            strong: self.emphasis[0] > 0 || html.strong,
            italic: self.emphasis[1] > 0 || html.italic,
            strike: self.emphasis[2] > 0 || html.strike,
            code: self.emphasis[3] > 0 || html.code,
        }
    }

    /// Code blocks are numbered in the order they close: the layout finds each one's
    /// highlighting by its number.
    fn push_code(&mut self, lang: Option<String>, text: String) {
        let number = self.code_blocks;
        self.code_blocks += 1;
        self.push_block(Block::Code { number, lang, text });
    }

    fn finish(mut self) -> Document {
        if let Some(block) = self.html_block.take() {
            let pieces = self.html.read(&block);
            self.html(pieces, true);
        }
        let rest = self.html.finish();
        self.html(rest, true);
        self.close_leaf();
        if let Some((lang, text)) = self.code.take() {
            self.push_code(lang, text);
        }
        while self.stack.len() > 1 {
            self.pop();
        }
        let blocks = match self.stack.pop() {
            Some(Container::Root(blocks)) => blocks,
            _ => Vec::new(),
        };
        Document {
            blocks,
            footnotes: self.footnotes,
        }
    }
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

fn alert(kind: BlockQuoteKind) -> Alert {
    match kind {
        BlockQuoteKind::Note => Alert::Note,
        BlockQuoteKind::Tip => Alert::Tip,
        BlockQuoteKind::Important => Alert::Important,
        BlockQuoteKind::Warning => Alert::Warning,
        BlockQuoteKind::Caution => Alert::Caution,
    }
}

fn align(alignment: Alignment) -> Align {
    match alignment {
        Alignment::None => Align::None,
        Alignment::Left => Align::Left,
        Alignment::Center => Align::Center,
        Alignment::Right => Align::Right,
    }
}

/// The language of a fence's info string, made terminal-safe for its label.
fn language(info: &str) -> Option<String> {
    fence_language(info).map(|word| sanitize::line(word).into_owned())
}

#[cfg(test)]
mod tests;
