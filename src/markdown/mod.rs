//! Markdown → folio's own document tree.
//!
//! The tree is what the renderer lays out; it holds only what folio shows, already
//! terminal-safe, so the layout code never looks at raw markdown, HTML or templates.
//! [`build`] holds the one match over every pulldown-cmark event; HTML and templates (Hugo
//! shortcodes, Jekyll's Liquid) have their own modules.

mod build;
mod html;
mod templates;

pub use build::MAX_DEPTH;
pub use templates::{Params, line_text};

/// A parsed post body.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Document {
    pub blocks: Vec<Block>,
    /// Footnote definitions by label, in the order they were written.
    pub footnotes: Vec<Footnote>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Footnote {
    pub label: String,
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Paragraph(Vec<Inline>),
    Heading {
        level: u8,
        content: Vec<Inline>,
    },
    /// Code exactly as written (tabs expanded); `lang` is the fence's language word.
    Code {
        /// Its place among the post's code blocks, from 0; the builder numbers them.
        number: usize,
        lang: Option<String>,
        text: String,
    },
    Quote {
        alert: Option<Alert>,
        blocks: Vec<Block>,
    },
    List(List),
    Table(Table),
    Rule,
    /// An image that stands on its own line: HTML `<img>`, a figure shortcode, or a markdown
    /// image alone in its paragraph.
    Image(Image),
    /// A video or post from another site, shown as a labelled link.
    Embed {
        site: String,
        url: String,
    },
    /// HTML `<details>`: a summary line over its blocks.
    Details {
        summary: Vec<Inline>,
        blocks: Vec<Block>,
    },
    /// A template call folio can't show; a short hint that something was there.
    Marker(String),
}

/// GitHub's `> [!NOTE]` callouts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Alert {
    Note,
    Tip,
    Important,
    Warning,
    Caution,
}

#[derive(Debug, Clone, PartialEq)]
pub struct List {
    /// The first number of an ordered list; `None` for bullets.
    pub start: Option<u64>,
    /// Tight lists have no blank line between items.
    pub tight: bool,
    pub items: Vec<Item>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    /// `Some(done)` for a task list item.
    pub task: Option<bool>,
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    None,
    Left,
    Center,
    Right,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub aligns: Vec<Align>,
    pub header: Vec<Vec<Inline>>,
    pub rows: Vec<Vec<Vec<Inline>>>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Image {
    pub src: String,
    pub alt: String,
    pub caption: Option<String>,
}

/// How a run of text is marked up.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Emphasis {
    pub strong: bool,
    pub italic: bool,
    pub strike: bool,
    /// Code-like text that is not a code span (`<kbd>`, `<code>` in HTML).
    pub code: bool,
}

/// Inline content, flat: a link's text sits between its start and end, so nesting costs no
/// recursion however deep the markup goes.
#[derive(Debug, Clone, PartialEq)]
pub enum Inline {
    Text(String, Emphasis),
    Code(String),
    SoftBreak,
    HardBreak,
    LinkStart(String),
    LinkEnd,
    Image(Box<Image>),
    FootnoteRef(String),
    Embed { site: String, url: String },
    Marker(String),
}

/// Parses a post body (the text after the front matter).
pub fn parse(body: &str) -> Document {
    parse_with(body, None)
}

/// Parses a post body; `params` are its front matter fields, which Hugo's `param` reads.
pub fn parse_with(body: &str, params: Option<&Params>) -> Document {
    let prepared = templates::prepare(&crate::sanitize::text(body), params);
    let mut document = build::build(&prepared.body, &prepared.table);
    templates::restore(&mut document, &prepared.table);
    document
}

/// The markdown the parser reads: the same everywhere a body is parsed, so the template pass
/// and the tree builder agree on what is code.
pub(crate) fn parser_options() -> pulldown_cmark::Options {
    use pulldown_cmark::Options;
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_GFM
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Plain text of inline content, for headings, alt text and search.
pub fn plain(inlines: &[Inline]) -> String {
    let mut out = String::new();
    for inline in inlines {
        match inline {
            Inline::Text(text, _) | Inline::Code(text) | Inline::Marker(text) => out.push_str(text),
            Inline::SoftBreak | Inline::HardBreak => out.push(' '),
            Inline::Image(image) => out.push_str(&image.alt),
            Inline::FootnoteRef(label) => out.push_str(label),
            Inline::Embed { site, .. } => out.push_str(site),
            Inline::LinkStart(_) | Inline::LinkEnd => {}
        }
    }
    out
}
