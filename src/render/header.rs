//! The post header above the body: title, date, authors, tags, reading time.

use ratatui::text::Span;

use super::layout::{Ctx, Writer};
use super::wrap::{self, Run};
use crate::content::Post;

/// What the header shows, already terminal-safe.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Header {
    pub title: String,
    /// The date as people read it ("2 November 2025").
    pub date: Option<String>,
    pub authors: Vec<String>,
    pub tags: Vec<String>,
    pub reading_minutes: usize,
    /// The post's cover picture (the first of Hugo's `images:`), as the front matter names it.
    pub cover: Option<String>,
}

impl From<&Post> for Header {
    fn from(post: &Post) -> Header {
        Header {
            title: post.title.clone(),
            date: post
                .date
                .map(|d| d.date().strftime("%-d %B %Y").to_string()),
            authors: post.meta.authors.clone(),
            tags: post.meta.tags.clone(),
            reading_minutes: post.reading_minutes(),
            cover: post.meta.images.first().cloned(),
        }
    }
}

impl Writer<'_> {
    pub(super) fn header(&mut self, header: &Header) {
        let mut ctx = Ctx::root(self.width());
        let title = [Run::Text(header.title.clone(), self.theme.title)];
        self.wrapped(&wrap::wrap(&title, ctx.width), &mut ctx);
        let mut byline: Vec<String> = header.date.iter().cloned().collect();
        if !header.authors.is_empty() {
            byline.push(header.authors.join(", "));
        }
        if header.reading_minutes > 0 {
            byline.push(format!("{} min read", header.reading_minutes));
        }
        if !byline.is_empty() {
            let runs = [Run::Text(byline.join(" · "), self.theme.byline)];
            self.wrapped(&wrap::wrap(&runs, ctx.width), &mut ctx);
        }
        if !header.tags.is_empty() {
            let runs: Vec<Run> = header
                .tags
                .iter()
                .flat_map(|tag| {
                    [
                        Run::Glued(format!("#{tag}"), self.theme.tag),
                        Run::Text(" ".into(), self.theme.tag),
                    ]
                })
                .collect();
            self.wrapped(&wrap::wrap(&runs, ctx.width), &mut ctx);
        }
        let rule = "─".repeat(ctx.width);
        self.emit(&mut ctx, vec![Span::styled(rule, self.theme.rule)]);
        self.emit(&mut ctx, Vec::new());
    }
}
