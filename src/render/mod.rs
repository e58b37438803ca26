//! A post laid out for the terminal: markdown document + width + theme → styled lines.
//!
//! Layout happens once per (post, width, theme); the reader then draws slices of
//! [`Rendered::lines`], so scrolling costs the same for any post size. Everything is laid out
//! here, never by `Paragraph::wrap`.

mod codeblock;
mod header;
mod inline;
mod layout;
mod notes;
mod table;
pub mod wrap;

use ratatui::text::Line;

use crate::highlight::{Assets, Session, SyntaxTheme};
use crate::images::{Found, LayoutPictures, Placement};
use crate::markdown::{self, Document};
use crate::theme::{Appearance, Theme};

pub use header::Header;

/// Asks whether an image a post refers to (`src` as written) exists.
pub type ImageCheck<'a> = &'a dyn Fn(&str) -> bool;

/// How to lay a post out.
#[derive(Clone, Copy)]
pub struct Options<'a> {
    /// Columns available, the prefixes of quotes and lists included.
    pub width: usize,
    pub appearance: Appearance,
    /// Colour code blocks by language. Off gives a fast first layout; highlighting can follow.
    pub highlight: bool,
    /// The colours of highlighted code; `None` is the appearance's default.
    pub syntax_theme: Option<&'a SyntaxTheme>,
    /// Marks local images that are missing; without it no image is marked.
    pub image_exists: Option<ImageCheck<'a>>,
    /// Text without colour: what only a style would show is written as markdown writes it
    /// (`~~struck~~`, `` `code` ``, `### ` before a small heading), so a reader of plain text
    /// still sees it.
    pub marks: bool,
    /// The post's front matter fields, which Hugo's `param` shows.
    pub params: Option<&'a markdown::Params>,
    /// Reserves rows for pictures; without it every image is a placeholder line.
    pub pictures: Option<&'a LayoutPictures>,
}

impl Options<'_> {
    pub fn new(width: usize, appearance: Appearance) -> Options<'static> {
        Options {
            width,
            appearance,
            highlight: true,
            syntax_theme: None,
            image_exists: None,
            marks: false,
            params: None,
            pictures: None,
        }
    }
}

/// Narrowest layout width; narrower requests are laid out at this width.
pub const MIN_WIDTH: usize = 20;

/// A post laid out for one width and theme.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Rendered {
    pub lines: Vec<Line<'static>>,
    /// Every heading of the body, for an outline.
    pub headings: Vec<Heading>,
    /// Every distinct link target, numbered as shown after link texts (`text[3]`).
    pub links: Vec<Link>,
    /// Pictures in the rows reserved for them, in line order.
    pub images: Vec<Placement>,
}

impl Rendered {
    /// The text of each line without styles, for search; same indexing as `lines`. Made on
    /// demand: `folio render` never needs it, and it would double the text held.
    pub fn plain(&self) -> Vec<String> {
        self.lines
            .iter()
            .map(|line| line.spans.iter().map(|s| s.content.as_ref()).collect())
            .collect()
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    pub level: u8,
    pub text: String,
    /// Index into [`Rendered::lines`] of its first line.
    pub line: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// The number shown after the link text, from 1.
    pub number: usize,
    pub url: String,
    /// Points inside the blog (a relative path, a site path or a fragment), not to the web.
    pub local: bool,
    /// Index into [`Rendered::lines`] of where it first appears.
    pub line: usize,
}

/// Lays out a post body (front matter already split off) under an optional header.
pub fn render(body: &str, header: Option<&Header>, options: &Options<'_>) -> Rendered {
    preload(body, options);
    render_document(markdown::parse_with(body, options.params), header, options)
}

/// Lays out a parsed document. It is consumed block by block, so a huge post never holds its
/// whole tree and its whole layout in memory at once.
pub fn render_document(
    document: Document,
    header: Option<&Header>,
    options: &Options<'_>,
) -> Rendered {
    let theme = Theme::new(options.appearance);
    lay_out(layout::Writer::new(&theme, options), document, header)
}

/// Lays out a post and hands its lines to `sink` as each block is done, keeping none of them:
/// `folio render` prints a 1 MB post without holding its whole layout.
pub fn stream(
    body: &str,
    header: Option<&Header>,
    options: &Options<'_>,
    sink: &mut dyn FnMut(Vec<Line<'static>>),
) {
    preload(body, options);
    let theme = Theme::new(options.appearance);
    let writer = layout::Writer::streaming(&theme, options, sink);
    lay_out(writer, markdown::parse_with(body, options.params), header);
}

/// The post's cover picture at the top of its body, when pictures are shown and the file is
/// there: Hugo's `images:` names it from the page bundle or the static folder. A cover that
/// can't be found shows nothing, since it is the site's thumbnail rather than part of the post.
fn cover(header: &Header, options: &Options<'_>) -> Option<markdown::Block> {
    let pictures = options.pictures?;
    let named = header.cover.as_deref()?;
    let site_path = format!("/{}", named.trim_start_matches('/'));
    [named.to_string(), site_path]
        .into_iter()
        .find(|src| matches!(pictures.finder.find(src), Found::Local(_)))
        .map(|src| {
            markdown::Block::Image(markdown::Image {
                src,
                alt: String::new(),
                caption: None,
            })
        })
}

/// Loads the syntax definitions and warms up the post's languages beside the parse when
/// the layout will need them.
fn preload(body: &str, options: &Options<'_>) {
    if options.highlight {
        let assets = Assets::shared();
        let theme = options
            .syntax_theme
            .unwrap_or_else(|| assets.default_theme(options.appearance));
        assets.preload_for(theme, body);
    }
}

fn lay_out(
    mut writer: layout::Writer<'_>,
    document: Document,
    header: Option<&Header>,
) -> Rendered {
    let mut blocks = document.blocks;
    let mut footnotes = document.footnotes;
    if let Some(header) = header {
        writer.header(header);
        if let Some(markdown::Block::Heading { level: 1, content }) = blocks.first()
            && markdown::plain(content).trim() == header.title.trim()
        {
            blocks.remove(0);
        }
        if let Some(cover) = cover(header, writer.options) {
            blocks.insert(0, cover);
        }
    }
    let options = writer.options;
    if options.highlight {
        let mut jobs = Vec::new();
        codeblock::take_code(&mut blocks, &mut jobs);
        for note in &mut footnotes {
            codeblock::take_code(&mut note.blocks, &mut jobs);
        }
        let assets = Assets::shared();
        let theme = options
            .syntax_theme
            .unwrap_or_else(|| assets.default_theme(options.appearance))
            .clone();
        writer.highlights = Some(Session::start(assets, theme, jobs));
    }
    writer.document(blocks, &footnotes);
    writer.finish()
}
