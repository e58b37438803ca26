//! Raw HTML in markdown, read with a real HTML5 tokenizer (html5gum: it measured faster than
//! html5ever's tokenizer on blog-sized blocks, and it decodes all of HTML5's named character
//! references in text and attribute values). Tags are never shown: each is mapped to what folio
//! shows (paragraph edges, emphasis, links, images, code, tables, lists, quotes, headings,
//! `<details>`, embeds), and the content of `<script>`, `<style>` and `<template>` is dropped.
//!
//! The [`Reader`] keeps its state across fragments: pulldown-cmark hands inline HTML over tag
//! by tag, with markdown text in between. Containers (`<blockquote>`, lists, `<details>`) are
//! reported as opening and closing; the document builder pairs them with the markdown
//! containers around them.

mod attr;
mod table;
#[cfg(test)]
mod tests;

use std::borrow::Cow;

use html5gum::{DefaultEmitter, EndTag, StartTag, Token, Tokenizer};

use super::{Emphasis, Image, Inline};
use crate::sanitize;
use attr::Attrs;
use table::TableBuild;

/// What a piece of HTML means to the reader.
#[derive(Debug, Clone, PartialEq)]
pub enum Html {
    /// Inline content: text (references decoded, terminal-safe, spaces collapsed) with the
    /// emphasis of the HTML around it, breaks, images, embeds, link starts and ends.
    Inline(Inline),
    /// Whitespace between tags: a space inside a paragraph, nothing outside one.
    Space,
    /// A block element starts or ends (`<p>`, `<div>`, `<section>`…): text on either side
    /// belongs to different paragraphs.
    Boundary,
    Open(Container),
    Close(Container),
    /// `<h1>`–`<h6>` opens a heading of that level; its end tag closes it.
    Heading(u8),
    HeadingEnd,
    Summary,
    SummaryEnd,
    Rule,
    /// A `<pre>` block: its text exactly as written, references decoded.
    Code {
        lang: Option<String>,
        text: String,
    },
    Table(super::Table),
}

/// HTML elements that hold blocks, as folio's containers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Container {
    Quote,
    /// `<ol>` (with its first number) or `<ul>` (`None`).
    List(Option<u64>),
    Item,
    Details,
}

/// Elements whose content is never shown.
const HIDDEN: [&str; 7] = [
    "script", "style", "template", "head", "noscript", "title", "svg",
];

/// Elements that only separate paragraphs.
const BLOCKS: [&str; 24] = [
    "p", "div", "section", "article", "aside", "header", "footer", "nav", "main", "center",
    "address", "dl", "dt", "dd", "form", "fieldset", "hgroup", "html", "body", "caption", "menu",
    "picture", "search", "tfoot",
];

/// Elements standing for content from elsewhere, shown as a labelled link.
fn embed_label(name: &str) -> Option<&'static str> {
    Some(match name {
        "iframe" => "Embedded page",
        "video" => "Video",
        "audio" => "Audio",
        "embed" | "object" => "Embedded object",
        _ => return None,
    })
}

#[derive(Debug, Default)]
struct Pre {
    lang: Option<String>,
    text: String,
}

#[derive(Debug, Default)]
struct Figure {
    image: Option<Image>,
    caption: Option<String>,
    in_caption: bool,
}

/// Reading state that lasts across fragments.
#[derive(Debug, Default)]
pub struct Reader {
    /// The fragment being read holds private-use characters as written; when it does not,
    /// any that references decode to are shown as U+FFFD, since folio's own markers use them.
    literal_private: bool,
    /// A comment is open: an HTML block ended inside `<!--`, and, as in a browser, everything
    /// up to the next `-->` in raw HTML is part of it.
    in_comment: bool,
    /// The element whose content is being dropped, and how deeply it nests in itself.
    hidden: Option<(String, u32)>,
    /// Open `<strong>`/`<b>`, `<em>`/`<i>`, `<del>`/`<s>` and `<code>`/`<kbd>` elements.
    emphasis: [u32; 4],
    /// For every open `<a>`: whether it started a link (an `<a>` without `href` does not).
    anchors: Vec<bool>,
    pre: Option<Pre>,
    table: Option<TableBuild>,
    figure: Option<Figure>,
    /// An open `<video>`, `<audio>` or `<object>`: its label and source so far.
    media: Option<(&'static str, String)>,
}

impl Reader {
    /// What a fragment of HTML shows. An HTML block is read whole; inline HTML tag by tag.
    pub fn read(&mut self, html: &str) -> Vec<Html> {
        let mut out = Vec::new();
        let html = if self.in_comment {
            match html.find("-->") {
                Some(end) => {
                    self.in_comment = false;
                    &html[end + "-->".len()..]
                }
                None => return out,
            }
        } else {
            html
        };
        self.literal_private = html.chars().any(private_use);
        let mut emitter = DefaultEmitter::default();
        emitter.naively_switch_states(true);
        for token in Tokenizer::new_with_emitter(html, emitter).flatten() {
            match token {
                Token::StartTag(tag) => self.start(&tag, &mut out),
                Token::EndTag(tag) => self.end(&tag, &mut out),
                Token::String(text) => {
                    let text = String::from_utf8_lossy(&text.value);
                    let text = self.unprivate(text);
                    self.text(&text, &mut out);
                }
                Token::Error(error) => {
                    self.in_comment |= error.value == html5gum::Error::EofInComment;
                }
                Token::Comment(_) | Token::Doctype(_) => {}
            }
        }
        out
    }

    /// Ends what must not outlive an HTML block or a markdown paragraph: emphasis, links,
    /// an unclosed `<pre>`, table, figure or embed are shown as far as they went, and an
    /// unclosed `<script>` stops hiding.
    pub fn finish(&mut self) -> Vec<Html> {
        let mut out = Vec::new();
        self.flush(&mut out);
        for started in std::mem::take(&mut self.anchors) {
            if started {
                out.push(Html::Inline(Inline::LinkEnd));
            }
        }
        *self = Self {
            in_comment: self.in_comment,
            ..Self::default()
        };
        out
    }

    /// True inside `<script>`, `<style>` and the like: markdown text there is not shown either.
    pub fn hiding(&self) -> bool {
        self.in_comment || self.hidden.is_some() || self.media.is_some()
    }

    fn unprivate<'t>(&self, text: Cow<'t, str>) -> Cow<'t, str> {
        unprivate(text, self.literal_private)
    }

    /// Inside an open comment, markdown text that holds `-->` ends it: what follows the
    /// `-->` is shown. (A browser would wait for `-->` in raw HTML; an author who wrote it in
    /// text meant the comment to end there.)
    pub fn comment_ends_in<'t>(&mut self, text: &'t str) -> Option<&'t str> {
        if !self.in_comment {
            return None;
        }
        let end = text.find("-->")?;
        self.in_comment = false;
        Some(&text[end + "-->".len()..])
    }

    /// The emphasis HTML tags give the text inside them.
    pub fn emphasis(&self) -> Emphasis {
        Emphasis {
            strong: self.emphasis[0] > 0,
            italic: self.emphasis[1] > 0,
            strike: self.emphasis[2] > 0,
            code: self.emphasis[3] > 0,
        }
    }

    fn flush(&mut self, out: &mut Vec<Html>) {
        if let Some(pre) = self.pre.take() {
            out.push(code(pre));
        }
        if let Some((label, url)) = self.media.take() {
            self.emit(out, embed(label, url));
        }
        if let Some(table) = self.table.take() {
            out.push(Html::Table(table.finish()));
        }
        if let Some(figure) = self.figure.take() {
            self.end_figure(figure, out);
        }
    }

    fn start(&mut self, tag: &StartTag<()>, out: &mut Vec<Html>) {
        let name = String::from_utf8_lossy(&tag.name);
        let name = name.as_ref();
        let attrs = Attrs(&tag.attributes, self.literal_private);
        if let Some((hidden, depth)) = &mut self.hidden {
            if hidden == name && !tag.self_closing {
                *depth += 1;
            }
            return;
        }
        if HIDDEN.contains(&name) {
            if !tag.self_closing {
                self.hidden = Some((name.to_owned(), 1));
            }
            return;
        }
        if let Some((_, url)) = &mut self.media {
            if name == "source" && url.is_empty() {
                *url = attrs.url("src");
            }
            return;
        }
        if let Some(pre) = &mut self.pre {
            match name {
                "br" => pre.text.push('\n'),
                "code" if pre.lang.is_none() => pre.lang = attrs.language(),
                _ => {}
            }
            return;
        }
        if let Some(table) = &mut self.table
            && table.start(name, &attrs)
        {
            return;
        }
        self.start_element(name, &attrs, tag.self_closing, out);
    }

    fn start_element(&mut self, name: &str, attrs: &Attrs<'_>, void: bool, out: &mut Vec<Html>) {
        match name {
            "br" => self.emit(out, Inline::HardBreak.into()),
            "img" => {
                let image = Image {
                    src: attrs.url("src"),
                    alt: attrs
                        .text("alt")
                        .or_else(|| attrs.text("title"))
                        .unwrap_or_default(),
                    caption: None,
                };
                match &mut self.figure {
                    Some(figure) if figure.image.is_none() => figure.image = Some(image),
                    _ => self.emit(out, Inline::Image(Box::new(image)).into()),
                }
            }
            "a" => {
                let href = attrs.text("href").map(|_| attrs.url("href"));
                self.anchors.push(href.is_some());
                if let Some(url) = href {
                    self.emit(out, Inline::LinkStart(url).into());
                }
            }
            "b" | "strong" => self.emphasis[0] += 1,
            "i" | "em" | "cite" | "var" | "dfn" => self.emphasis[1] += 1,
            "s" | "del" | "strike" => self.emphasis[2] += 1,
            "code" | "kbd" | "samp" | "tt" => self.emphasis[3] += 1,
            "pre" if self.table.is_none() => {
                self.flush_figure_caption();
                out.push(Html::Boundary);
                self.pre = Some(Pre {
                    lang: attrs.language(),
                    text: String::new(),
                });
            }
            "table" if self.table.is_none() => {
                self.block(out, Html::Boundary);
                self.table = Some(TableBuild::default());
            }
            "figure" => {
                self.block(out, Html::Boundary);
                self.figure = Some(Figure::default());
            }
            "figcaption" => {
                if let Some(figure) = &mut self.figure {
                    figure.in_caption = true;
                } else {
                    self.block(out, Html::Boundary);
                }
            }
            "hr" => self.block(out, Html::Rule),
            "blockquote" => self.block(out, Html::Open(Container::Quote)),
            "ul" => self.block(out, Html::Open(Container::List(None))),
            "ol" => {
                let start = attrs
                    .text("start")
                    .and_then(|s| s.parse().ok())
                    .unwrap_or(1);
                self.block(out, Html::Open(Container::List(Some(start))));
            }
            "li" => self.block(out, Html::Open(Container::Item)),
            "details" => self.block(out, Html::Open(Container::Details)),
            "summary" => self.block(out, Html::Summary),
            _ if heading(name).is_some() => {
                self.block(out, Html::Heading(heading(name).unwrap_or(1)));
            }
            _ if BLOCKS.contains(&name) => self.block(out, Html::Boundary),
            _ => {
                if let Some(label) = embed_label(name) {
                    let src = attrs.url(if name == "object" { "data" } else { "src" });
                    if void || matches!(name, "embed" | "iframe") {
                        self.emit(out, embed(label, src));
                    } else {
                        self.media = Some((label, src));
                    }
                }
            }
        }
    }

    fn end(&mut self, tag: &EndTag<()>, out: &mut Vec<Html>) {
        let name = String::from_utf8_lossy(&tag.name);
        let name = name.as_ref();
        if let Some((hidden, depth)) = &mut self.hidden {
            if hidden == name {
                *depth -= 1;
                if *depth == 0 {
                    self.hidden = None;
                }
            }
            return;
        }
        if let Some((label, url)) = &self.media {
            if embed_label(name) == Some(label) {
                let html = embed(label, url.clone());
                self.media = None;
                self.emit(out, html);
            }
            return;
        }
        if self.pre.is_some() {
            if name == "pre" {
                if let Some(pre) = self.pre.take() {
                    out.push(code(pre));
                }
                out.push(Html::Boundary);
            }
            return;
        }
        if let Some(table) = &mut self.table {
            if name == "table" && table.nested == 0 {
                if let Some(table) = self.table.take() {
                    out.push(Html::Table(table.finish()));
                }
                out.push(Html::Boundary);
                return;
            }
            if table.end(name) {
                return;
            }
        }
        self.end_element(name, out);
    }

    fn end_element(&mut self, name: &str, out: &mut Vec<Html>) {
        let close = |count: &mut u32| *count = count.saturating_sub(1);
        match name {
            "a" if self.anchors.pop() == Some(true) => self.emit(out, Inline::LinkEnd.into()),
            "b" | "strong" => close(&mut self.emphasis[0]),
            "i" | "em" | "cite" | "var" | "dfn" => close(&mut self.emphasis[1]),
            "s" | "del" | "strike" => close(&mut self.emphasis[2]),
            "code" | "kbd" | "samp" | "tt" => close(&mut self.emphasis[3]),
            "br" => self.emit(out, Inline::HardBreak.into()),
            "figure" => {
                if let Some(figure) = self.figure.take() {
                    self.end_figure(figure, out);
                }
            }
            "figcaption" => match &mut self.figure {
                Some(figure) => figure.in_caption = false,
                None => self.block(out, Html::Boundary),
            },
            "blockquote" => self.block(out, Html::Close(Container::Quote)),
            "ul" | "ol" => self.block(out, Html::Close(Container::List(None))),
            "li" => self.block(out, Html::Close(Container::Item)),
            "details" => self.block(out, Html::Close(Container::Details)),
            "summary" => self.block(out, Html::SummaryEnd),
            _ if heading(name).is_some() => self.block(out, Html::HeadingEnd),
            _ if BLOCKS.contains(&name) => self.block(out, Html::Boundary),
            _ => {}
        }
    }

    fn text(&mut self, text: &str, out: &mut Vec<Html>) {
        if self.hiding() {
            return;
        }
        if let Some(pre) = &mut self.pre {
            let text = if pre.text.is_empty() {
                text.strip_prefix('\n').unwrap_or(text)
            } else {
                text
            };
            pre.text.push_str(&sanitize::text(text));
            return;
        }
        if let Some(figure) = &mut self.figure
            && figure.in_caption
        {
            let caption = figure.caption.get_or_insert_with(String::new);
            caption.push_str(&collapse(text));
            return;
        }
        self.text_out(text, out);
    }

    /// Text outside `<pre>`: whitespace runs collapse to one space, as a browser shows them.
    fn text_out(&mut self, text: &str, out: &mut Vec<Html>) {
        let text = collapse(text);
        if text.trim().is_empty() {
            if let Some(table) = &mut self.table {
                table.push(Inline::Text(" ".into(), Emphasis::default()));
            } else if !text.is_empty() {
                out.push(Html::Space);
            }
            return;
        }
        let emphasis = self.emphasis();
        self.emit(out, Inline::Text(text, emphasis).into());
    }

    /// Sends a block-level meaning out; inside a table cell it only separates words.
    fn block(&mut self, out: &mut Vec<Html>, html: Html) {
        match &mut self.table {
            Some(table) => table.push(Inline::Text(" ".into(), Emphasis::default())),
            None => out.push(html),
        }
    }

    /// Sends inline content to the open table cell, or out.
    fn emit(&mut self, out: &mut Vec<Html>, html: Html) {
        match (&mut self.table, html) {
            (Some(table), Html::Inline(inline)) => table.push(inline),
            (Some(_), _) => {}
            (None, html) => out.push(html),
        }
    }

    fn flush_figure_caption(&mut self) {
        if let Some(figure) = &mut self.figure {
            figure.in_caption = false;
        }
    }

    /// A figure is its image with the caption under it; a figure without an image, its
    /// caption as a paragraph.
    fn end_figure(&mut self, figure: Figure, out: &mut Vec<Html>) {
        let caption = figure
            .caption
            .map(|c| c.trim().to_owned())
            .filter(|c| !c.is_empty());
        match (figure.image, caption) {
            (Some(mut image), caption) => {
                image.caption = caption.or(image.caption);
                self.emit(out, Inline::Image(Box::new(image)).into());
            }
            (None, Some(caption)) => {
                let emphasis = self.emphasis();
                self.emit(out, Inline::Text(caption, emphasis).into());
            }
            (None, None) => {}
        }
        self.block(out, Html::Boundary);
    }
}

impl From<Inline> for Html {
    fn from(inline: Inline) -> Self {
        Html::Inline(inline)
    }
}

/// Private-use characters: terminal fonts draw icons there, and folio marks template pieces
/// with them.
pub(super) fn private_use(c: char) -> bool {
    ('\u{E000}'..='\u{F8FF}').contains(&c)
}

/// Text without private-use characters a reference produced.
pub(super) fn unprivate(text: Cow<'_, str>, literal: bool) -> Cow<'_, str> {
    if literal || !text.chars().any(private_use) {
        return text;
    }
    Cow::Owned(
        text.chars()
            .map(|c| if private_use(c) { '\u{FFFD}' } else { c })
            .collect(),
    )
}

fn heading(name: &str) -> Option<u8> {
    match name.as_bytes() {
        [b'h', level @ b'1'..=b'6'] => Some(level - b'0'),
        _ => None,
    }
}

fn code(pre: Pre) -> Html {
    let mut text = pre.text;
    if !text.ends_with('\n') {
        text.push('\n');
    }
    Html::Code {
        lang: pre.lang,
        text,
    }
}

fn embed(label: &str, url: String) -> Html {
    Html::Inline(Inline::Embed {
        site: label.to_owned(),
        url,
    })
}

/// Runs of HTML whitespace as one space, then made safe for one line.
fn collapse(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{c}') {
            if !space {
                out.push(' ');
            }
            space = true;
        } else {
            out.push(c);
            space = false;
        }
    }
    sanitize::line(&out).into_owned()
}
