//! The index pane: one line a post, only the visible rows drawn.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget};
use unicode_width::UnicodeWidthStr;

use super::layout;
use super::palette::Palette;
use crate::app::index::Row;
use crate::app::{App, Focus};
use crate::content::Post;

pub fn draw(app: &App, palette: &Palette, area: Rect, buf: &mut Buffer) {
    let focused = app.focus == Focus::Index && app.overlay.is_none();
    let count = app.index.rows.len();
    let mut title = format!(" Posts {count} ");
    if let Some(tag) = &app.index.tag {
        title.push_str(&format!("· #{tag} "));
    }
    if !app.index.filter.is_empty() {
        title.push_str(&format!("· /{} ", app.index.filter));
    }
    let block = Block::bordered()
        .title(Span::styled(title, palette.title))
        .border_style(if focused {
            palette.border_focused
        } else {
            palette.border
        });
    let inner = layout::inner(area);
    block.render(area, buf);
    if count == 0 {
        let empty = if app.index.filter.is_empty() {
            "no posts"
        } else {
            "no post matches the filter"
        };
        Paragraph::new(Span::styled(empty, palette.dim)).render(inner, buf);
        return;
    }
    let posts = app.library().posts();
    let rows = app
        .index
        .rows
        .iter()
        .enumerate()
        .skip(app.index.offset)
        .take(inner.height as usize);
    for (y, (number, row)) in (inner.y..).zip(rows) {
        let selected = number == app.index.selected;
        let line = row_line(
            &posts[row.post],
            row,
            app.read.get(row.post).copied().unwrap_or(false),
            palette,
            inner.width,
        );
        let row_area = Rect {
            y,
            height: 1,
            ..inner
        };
        let style = if selected {
            palette.selected
        } else {
            Style::new()
        };
        buf.set_style(row_area, style);
        line.style(style).render(row_area, buf);
    }
}

/// `! 2025-12-21 Title  tags`: a marker column (problem, unread), the date, the title with the
/// filter's matched letters, a draft mark, then the tags as far as they fit.
fn row_line(post: &Post, row: &Row, read: bool, palette: &Palette, width: u16) -> Line<'static> {
    let marker = if !post.problems.is_empty() {
        Span::styled("!", palette.problem)
    } else if !read {
        Span::styled("•", palette.unread)
    } else {
        Span::raw(" ")
    };
    let date = post
        .date
        .map_or_else(|| "          ".to_string(), |d| d.date().to_string());
    let mut spans = vec![
        marker,
        Span::raw(" "),
        Span::styled(date, palette.date),
        Span::raw(" "),
    ];
    let mut chars = post.title.chars().enumerate().peekable();
    while let Some((i, c)) = chars.next() {
        let matched = row.matched.binary_search(&(i as u32)).is_ok();
        let mut run = String::from(c);
        while let Some((j, next)) = chars.peek() {
            if row.matched.binary_search(&(*j as u32)).is_ok() != matched {
                break;
            }
            run.push(*next);
            chars.next();
        }
        spans.push(if matched {
            Span::styled(run, palette.matched)
        } else {
            Span::raw(run)
        });
    }
    if post.meta.draft {
        spans.push(Span::styled(" draft", palette.draft));
    }
    let used: usize = spans.iter().map(|s| s.content.width()).sum();
    let room = (width as usize).saturating_sub(used + 2);
    if room > 3 && !post.meta.tags.is_empty() {
        let tags = post
            .meta
            .tags
            .iter()
            .map(|t| format!("#{t}"))
            .collect::<Vec<_>>()
            .join(" ");
        spans.push(Span::raw("  "));
        spans.push(Span::styled(tags, palette.tags));
    }
    Line::from(spans)
}
