//! The block walk: each block laid out inside the prefixes of the quotes and list items that
//! hold it.

use std::collections::HashMap;

use ratatui::text::{Line, Span};

use super::wrap::{self, Run, Wrapped};
use super::{Heading, Link, MIN_WIDTH, Options, Rendered};
use crate::highlight::Session;
use crate::images::{self, Placement, Slot};
use crate::markdown::{self, Alert, Block, Footnote, Image, List};
use crate::theme::Theme;

/// Content narrower than this gets no further indentation: deep nesting stays readable.
const MIN_CONTENT: usize = 16;

const BULLETS: [&str; 4] = ["•", "◦", "▪", "‣"];

/// The prefixes a block is laid out in: `first` for its first line (a list marker), `rest`
/// for the others, and the columns left for content.
#[derive(Debug, Clone)]
pub(super) struct Ctx {
    first: Option<Vec<Span<'static>>>,
    rest: Vec<Span<'static>>,
    pub width: usize,
}

impl Ctx {
    pub fn root(width: usize) -> Ctx {
        Ctx {
            first: None,
            rest: Vec::new(),
            width,
        }
    }

    /// A context inside this one with more prefix; none is added once content gets too narrow.
    pub fn nest(&self, first: Vec<Span<'static>>, rest: Vec<Span<'static>>) -> Ctx {
        let added: usize = rest.iter().map(Span::width).sum();
        if self.width < added + MIN_CONTENT {
            return Ctx {
                first: self.first.clone(),
                rest: self.rest.clone(),
                width: self.width,
            };
        }
        let mut nested_first = self.first.clone().unwrap_or_else(|| self.rest.clone());
        nested_first.extend(first);
        let mut nested_rest = self.rest.clone();
        nested_rest.extend(rest);
        Ctx {
            first: Some(nested_first),
            rest: nested_rest,
            width: self.width - added,
        }
    }

    /// After a nested context wrote its first line, this one's first line is written too.
    pub fn absorb(&mut self, nested: &Ctx) {
        if nested.first.is_none() {
            self.first = None;
        }
    }
}

pub(super) struct Writer<'a> {
    pub theme: &'a Theme,
    pub options: &'a Options<'a>,
    lines: Vec<Line<'static>>,
    headings: Vec<Heading>,
    links: Vec<Link>,
    images: Vec<Placement>,
    /// Link targets to their numbers, and whether each number has been given a line.
    link_numbers: HashMap<String, usize>,
    link_placed: Vec<bool>,
    /// Footnote labels in the order of their first reference.
    footnote_numbers: HashMap<String, usize>,
    list_depth: usize,
    /// The post's code being highlighted, when it is coloured; blocks are taken by number.
    pub highlights: Option<Session>,
    /// Where finished lines go as each top-level block is done, when they are not kept.
    sink: Option<&'a mut dyn FnMut(Vec<Line<'static>>)>,
    /// Lines already handed to the sink.
    flushed: usize,
}

impl<'a> Writer<'a> {
    pub fn new(theme: &'a Theme, options: &'a Options<'a>) -> Writer<'a> {
        Writer {
            theme,
            options,
            lines: Vec::new(),
            headings: Vec::new(),
            links: Vec::new(),
            images: Vec::new(),
            link_numbers: HashMap::new(),
            link_placed: Vec::new(),
            footnote_numbers: HashMap::new(),
            list_depth: 0,
            highlights: None,
            sink: None,
            flushed: 0,
        }
    }

    /// A writer that hands lines on as it goes instead of keeping them.
    pub fn streaming(
        theme: &'a Theme,
        options: &'a Options<'a>,
        sink: &'a mut dyn FnMut(Vec<Line<'static>>),
    ) -> Writer<'a> {
        Writer {
            sink: Some(sink),
            ..Writer::new(theme, options)
        }
    }

    /// Lines written so far, handed on or not: the index the next line will have.
    pub fn lines_len(&self) -> usize {
        self.flushed + self.lines.len()
    }

    /// Hands finished lines to the sink, holding back trailing blank lines, which are dropped
    /// if nothing follows them.
    fn flush(&mut self) {
        let Some(sink) = self.sink.as_mut() else {
            return;
        };
        let keep = self
            .lines
            .iter()
            .rposition(|l| l.width() > 0)
            .map_or(0, |i| i + 1);
        if keep == 0 {
            return;
        }
        let rest = self.lines.split_off(keep);
        let done = std::mem::replace(&mut self.lines, rest);
        self.flushed += done.len();
        sink(done);
    }

    pub fn width(&self) -> usize {
        self.options.width.max(MIN_WIDTH)
    }

    /// Lays out the blocks in order, each dropped once laid out.
    pub fn document(&mut self, blocks: Vec<Block>, footnotes: &[Footnote]) {
        let mut ctx = Ctx::root(self.width());
        for (i, block) in blocks.into_iter().enumerate() {
            if i > 0 {
                self.blank(&mut ctx);
            }
            self.block(&block, &mut ctx);
            self.flush();
        }
        self.notes(footnotes);
    }

    pub fn finish(mut self) -> Rendered {
        while self.lines.last().is_some_and(|l| l.width() == 0) {
            self.lines.pop();
        }
        if let Some(sink) = self.sink.as_mut() {
            sink(std::mem::take(&mut self.lines));
        }
        Rendered {
            lines: self.lines,
            headings: self.headings,
            links: self.links,
            images: self.images,
        }
    }

    /// Writes one line: the context's prefix, then `spans`, with no trailing spaces.
    pub fn emit(&mut self, ctx: &mut Ctx, spans: Vec<Span<'static>>) {
        let mut all: Vec<Span<'static>> = ctx.first.take().unwrap_or_else(|| ctx.rest.clone());
        for span in spans {
            match all.last_mut() {
                Some(last) if last.style == span.style => {
                    last.content = format!("{}{}", last.content, span.content).into();
                }
                _ => all.push(span),
            }
        }
        while let Some(last) = all.last_mut() {
            let trimmed = last.content.trim_end();
            if trimmed.is_empty() {
                all.pop();
            } else {
                if trimmed.len() < last.content.len() {
                    last.content = trimmed.to_string().into();
                }
                break;
            }
        }
        all.shrink_to_fit();
        self.lines.push(Line::from(all));
    }

    fn blank(&mut self, ctx: &mut Ctx) {
        self.emit(ctx, Vec::new());
    }

    /// Writes wrapped lines and gives their links the line they landed on.
    pub fn wrapped(&mut self, wrapped: &Wrapped, ctx: &mut Ctx) {
        let base = self.lines_len();
        for line in &wrapped.lines {
            self.emit(ctx, line.clone());
        }
        for &(number, offset) in &wrapped.anchors {
            self.place_link(number, base + offset);
        }
    }

    pub fn place_link(&mut self, number: usize, line: usize) {
        if let Some(placed) = self.link_placed.get_mut(number - 1)
            && !*placed
        {
            *placed = true;
            self.links[number - 1].line = line;
        }
    }

    /// The number of a link target, given on first sight.
    pub fn link_number(&mut self, url: &str) -> usize {
        if let Some(&number) = self.link_numbers.get(url) {
            return number;
        }
        let number = self.links.len() + 1;
        self.links.push(Link {
            number,
            url: url.to_string(),
            local: is_local(url),
            line: self.lines_len(),
        });
        self.link_placed.push(false);
        self.link_numbers.insert(url.to_string(), number);
        number
    }

    pub fn footnote_number(&mut self, label: &str) -> usize {
        let next = self.footnote_numbers.len() + 1;
        *self
            .footnote_numbers
            .entry(label.to_string())
            .or_insert(next)
    }

    pub fn links(&self) -> &[Link] {
        &self.links
    }

    pub fn blocks(&mut self, blocks: &[Block], ctx: &mut Ctx, tight: bool) {
        for (i, block) in blocks.iter().enumerate() {
            if i > 0 && !tight {
                self.blank(ctx);
            }
            self.block(block, ctx);
        }
    }

    fn block(&mut self, block: &Block, ctx: &mut Ctx) {
        match block {
            Block::Paragraph(inlines) => {
                let runs = self.runs(inlines, self.theme.text);
                self.wrapped(&wrap::wrap(&runs, ctx.width), ctx);
            }
            Block::Heading { level, content } => self.heading(*level, content, ctx),
            Block::Code { number, lang, text } => {
                self.code_block(*number, lang.as_deref(), text, ctx)
            }
            Block::Quote { alert, blocks } => self.quote(*alert, blocks, ctx),
            Block::List(list) => self.list(list, ctx),
            Block::Table(table) => self.table(table, ctx),
            Block::Rule => {
                let rule = "─".repeat(ctx.width);
                self.emit(ctx, vec![Span::styled(rule, self.theme.rule)]);
            }
            Block::Image(image) => self.image(image, ctx),
            Block::Embed { site, url } => {
                let inline = markdown::Inline::Embed {
                    site: site.clone(),
                    url: url.clone(),
                };
                let runs = self.runs(std::slice::from_ref(&inline), self.theme.text);
                self.wrapped(&wrap::wrap(&runs, ctx.width), ctx);
            }
            Block::Details { summary, blocks } => {
                let mut runs = vec![Run::Text("▾ ".into(), self.theme.summary)];
                if summary.is_empty() {
                    runs.push(Run::Text("Details".into(), self.theme.summary));
                } else {
                    runs.extend(self.runs(summary, self.theme.summary));
                }
                self.wrapped(&wrap::wrap(&runs, ctx.width), ctx);
                let mut inner = ctx.nest(vec![Span::raw("  ")], vec![Span::raw("  ")]);
                self.blocks(blocks, &mut inner, false);
                ctx.absorb(&inner);
            }
            Block::Marker(text) => {
                let runs = [Run::Text(format!("‹{text}›"), self.theme.marker)];
                self.wrapped(&wrap::wrap(&runs, ctx.width), ctx);
            }
        }
    }

    fn heading(&mut self, level: u8, content: &[markdown::Inline], ctx: &mut Ctx) {
        let index = usize::from(level.clamp(1, 6)) - 1;
        let style = self.theme.headings[index];
        self.headings.push(Heading {
            level,
            text: markdown::plain(content).trim().to_string(),
            line: self.lines_len(),
        });
        let mut runs = self.runs(content, style);
        if self.options.marks && level >= 3 {
            let hashes = "#".repeat(index + 1);
            runs.insert(0, Run::Text(format!("{hashes} "), style));
        }
        let wrapped = wrap::wrap(&runs, ctx.width);
        let text_width = wrapped
            .lines
            .iter()
            .map(|l| l.iter().map(Span::width).sum::<usize>())
            .max()
            .unwrap_or(0);
        self.wrapped(&wrapped, ctx);
        let rule = match level {
            1 => "━".repeat(ctx.width),
            2 => "─".repeat(text_width),
            _ => return,
        };
        self.emit(ctx, vec![Span::styled(rule, self.theme.heading_rule)]);
    }

    fn quote(&mut self, alert: Option<Alert>, blocks: &[Block], ctx: &mut Ctx) {
        let Some(alert) = alert else {
            let bar = || vec![Span::styled("│ ", self.theme.quote_bar)];
            let mut inner = ctx.nest(bar(), bar());
            self.blocks(blocks, &mut inner, false);
            ctx.absorb(&inner);
            return;
        };
        let (index, label) = match alert {
            Alert::Note => (0, "Note"),
            Alert::Tip => (1, "Tip"),
            Alert::Important => (2, "Important"),
            Alert::Warning => (3, "Warning"),
            Alert::Caution => (4, "Caution"),
        };
        let style = self.theme.alerts[index];
        let bar = || vec![Span::styled("┃ ", style)];
        let mut inner = ctx.nest(bar(), bar());
        self.emit(&mut inner, vec![Span::styled(label, style)]);
        self.blocks(blocks, &mut inner, false);
        ctx.absorb(&inner);
    }

    fn list(&mut self, list: &List, ctx: &mut Ctx) {
        let depth = self.list_depth;
        self.list_depth += 1;
        let last = list
            .start
            .map(|start| start.saturating_add(list.items.len().saturating_sub(1) as u64));
        let number_width = last.map_or(0, |n| n.to_string().len());
        for (i, item) in list.items.iter().enumerate() {
            if i > 0 && !list.tight {
                self.blank(ctx);
            }
            let mut marker = match list.start {
                Some(start) => vec![Span::styled(
                    format!("{:>number_width$}.", start.saturating_add(i as u64)),
                    self.theme.bullet,
                )],
                None if item.task.is_some() => Vec::new(),
                None => vec![Span::styled(
                    BULLETS[depth % BULLETS.len()],
                    self.theme.bullet,
                )],
            };
            match item.task {
                Some(true) => marker.push(Span::styled("☑", self.theme.task_done)),
                Some(false) => marker.push(Span::styled("☐", self.theme.task_open)),
                None => {}
            }
            if list.start.is_some() && item.task.is_some() {
                marker.insert(1, Span::raw(" "));
            }
            let marker_width: usize = marker.iter().map(Span::width).sum::<usize>() + 1;
            marker.push(Span::raw(" "));
            let mut inner = ctx.nest(marker, vec![Span::raw(" ".repeat(marker_width))]);
            if item.blocks.is_empty() {
                self.emit(&mut inner, Vec::new());
            }
            self.blocks(&item.blocks, &mut inner, list.tight);
            ctx.absorb(&inner);
        }
        self.list_depth -= 1;
    }

    fn image(&mut self, image: &Image, ctx: &mut Ctx) {
        let slot = self
            .options
            .pictures
            .map(|pictures| (pictures, images::slot(&pictures.finder, &image.src)));
        match slot {
            Some((pictures, Slot::Picture { origin, natural })) => {
                self.picture(image, origin, natural, pictures, ctx)
            }
            Some((_, Slot::Placeholder(reason))) => self.placeholder(image, reason, ctx),
            None => {
                let missing = self
                    .image_missing(&image.src)
                    .then(|| "not found".to_string());
                self.placeholder(image, missing, ctx)
            }
        }
    }

    /// The image as a line of text: its alt text and source, and why it isn't shown.
    fn placeholder(&mut self, image: &Image, reason: Option<String>, ctx: &mut Ctx) {
        let theme = self.theme;
        let mut inner = ctx.nest(vec![Span::styled("▣ ", theme.image)], vec![Span::raw("  ")]);
        let alt = if image.alt.trim().is_empty() {
            "Image"
        } else {
            image.alt.trim()
        };
        let mut runs = vec![Run::Text(alt.to_string(), theme.image)];
        if !image.src.is_empty() {
            runs.push(Run::Text(format!(" ({})", image.src), theme.image_source));
        }
        if let Some(reason) = reason {
            runs.push(Run::Text(" ".into(), theme.missing));
            runs.push(Run::Glued(reason, theme.missing));
        }
        if let Some(caption) = &image.caption {
            runs.push(Run::Break);
            runs.push(Run::Text(caption.clone(), theme.caption));
        }
        self.wrapped(&wrap::wrap(&runs, inner.width), &mut inner);
        ctx.absorb(&inner);
    }

    /// Blank rows where the picture will be drawn, and its caption (or alt text) under it.
    fn picture(
        &mut self,
        image: &Image,
        origin: images::Origin,
        natural: (u32, u32),
        pictures: &images::LayoutPictures,
        ctx: &mut Ctx,
    ) {
        let max_cols = u16::try_from(ctx.width)
            .unwrap_or(u16::MAX)
            .min(pictures.max_cols);
        let (cols, rows) = images::fit::cells(
            natural.0,
            natural.1,
            pictures.cell,
            max_cols,
            pictures.max_rows.max(1),
        );
        let indent: usize = ctx.rest.iter().map(Span::width).sum();
        let file_name = origin
            .path()
            .file_name()
            .map(|name| name.to_string_lossy().into_owned())
            .unwrap_or_default();
        let text = [image.caption.as_deref(), Some(image.alt.trim())]
            .into_iter()
            .flatten()
            .find(|text| !text.trim().is_empty())
            .unwrap_or(&file_name)
            .to_string();
        self.images.push(Placement {
            line: self.lines_len(),
            rows,
            cols,
            indent: u16::try_from(indent).unwrap_or(u16::MAX),
            origin,
            natural,
            alt: crate::sanitize::line(&text).into_owned(),
        });
        for _ in 0..rows {
            self.emit(ctx, Vec::new());
        }
        let runs = [Run::Text(text, self.theme.caption)];
        self.wrapped(&wrap::wrap(&runs, ctx.width), ctx);
    }

    pub fn image_missing(&self, src: &str) -> bool {
        match self.options.image_exists {
            Some(exists) if !src.is_empty() && is_local(src) => !exists(src),
            _ => false,
        }
    }

    /// Pads `spans` with spaces to `width` columns, placed per `align`.
    pub fn pad(
        spans: Vec<Span<'static>>,
        width: usize,
        align: markdown::Align,
    ) -> Vec<Span<'static>> {
        let used: usize = spans.iter().map(Span::width).sum();
        let gap = width.saturating_sub(used);
        let (left, right) = match align {
            markdown::Align::Right => (gap, 0),
            markdown::Align::Center => (gap / 2, gap - gap / 2),
            markdown::Align::Left | markdown::Align::None => (0, gap),
        };
        let mut out = Vec::with_capacity(spans.len() + 2);
        if left > 0 {
            out.push(Span::raw(" ".repeat(left)));
        }
        out.extend(spans);
        if right > 0 {
            out.push(Span::raw(" ".repeat(right)));
        }
        out
    }
}

/// A link into the blog rather than out to the web: no scheme, not protocol-relative.
pub(super) fn is_local(url: &str) -> bool {
    let has_scheme = url.split_once(':').is_some_and(|(scheme, _)| {
        !scheme.is_empty()
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c))
    });
    !has_scheme && !url.starts_with("//")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_and_external_links() {
        assert!(is_local("../a/"));
        assert!(is_local("/posts/b/"));
        assert!(is_local("#top"));
        assert!(!is_local("https://x.org"));
        assert!(!is_local("mailto:a@b"));
        assert!(!is_local("//cdn.x/y"));
    }

    #[test]
    fn pad_aligns() {
        let cell = |a| {
            Writer::pad(vec![Span::raw("ab")], 6, a)
                .iter()
                .map(|s| s.content.to_string())
                .collect::<String>()
        };
        assert_eq!(cell(markdown::Align::Right), "    ab");
        assert_eq!(cell(markdown::Align::Center), "  ab  ");
        assert_eq!(cell(markdown::Align::None), "ab    ");
    }
}
