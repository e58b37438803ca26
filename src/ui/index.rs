//! The index pane: one line a post, only the visible rows drawn.

use jiff::civil::Date;
use jiff::fmt::strtime;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::app::index::Row;
use crate::app::{App, Focus};
use crate::content::Post;
use crate::geometry;
use crate::sanitize;
use crate::theme::Chrome;

pub fn draw(app: &App, chrome: &Chrome, area: Rect, buf: &mut Buffer) {
    let focused = app.focus == Focus::Index && app.overlay.is_none();
    let count = app.index.rows.len();
    let mut title = match &app.library().source().site().title {
        Some(site) => format!(" {site} · Posts {count} "),
        None => format!(" Posts {count} "),
    };
    if app.index.unread_only {
        title.push_str("· unread ");
    }
    if let Some(tag) = &app.index.tag {
        title.push_str(&format!("· #{tag} "));
    }
    if !app.index.filter.is_empty() {
        title.push_str(&format!("· /{} ", app.index.filter));
    }
    let block = super::pane(title, focused, chrome);
    let inner = geometry::inner(area);
    block.render(area, buf);
    if count == 0 {
        let empty = if app.index.unread_only && app.index.filter.is_empty() {
            "every post is read"
        } else if app.index.filter.is_empty() {
            "no posts"
        } else {
            "no post matches the filter"
        };
        Paragraph::new(Span::styled(empty, chrome.dim)).render(inner, buf);
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
            RowMarks {
                selected,
                read: app.is_read(row.post),
            },
            &app.date_format,
            chrome,
            inner.width,
        );
        let row_area = Rect {
            y,
            height: 1,
            ..inner
        };
        let style = if selected {
            chrome.selected
        } else {
            Style::new()
        };
        buf.set_style(row_area, style);
        line.style(style).render(row_area, buf);
    }
}

/// An undated post's date column is as wide as this date would be.
const DATE_WIDTH_SAMPLE: Date = Date::constant(2025, 12, 21);

/// A date in the user's strftime format (checked when the config was read; ISO should it
/// still fail), made safe for the terminal.
pub(super) fn format_date(format: &str, date: Date) -> String {
    strtime::format(format, date).map_or_else(
        |_| date.to_string(),
        |text| sanitize::line(&text).into_owned(),
    )
}

/// Per-row state shown in the marker columns.
#[derive(Clone, Copy)]
struct RowMarks {
    selected: bool,
    read: bool,
}

/// The title in at most `room` columns, cut with an ellipsis, the filter's matched letters
/// styled.
fn title_spans(title: &str, matched: &[u32], room: usize, chrome: &Chrome) -> Vec<Span<'static>> {
    let cut = title.width() > room;
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut used = 0;
    for (i, c) in title.chars().enumerate() {
        let w = c.width().unwrap_or(0);
        if cut && used + w + 1 > room {
            spans.push(Span::raw("…"));
            break;
        }
        used += w;
        let style = if matched.binary_search(&(i as u32)).is_ok() {
            chrome.matched
        } else {
            Style::new()
        };
        match spans.last_mut() {
            Some(last) if last.style == style => last.content.to_mut().push(c),
            _ => spans.push(Span::styled(c.to_string(), style)),
        }
    }
    spans
}

/// `›• 2025-12-21 Title  tags`: the cursor and a marker column (problem, unread), the date,
/// the title with the filter's matched letters, a draft mark, then the tags as far as they fit.
fn row_line(
    post: &Post,
    row: &Row,
    marks: RowMarks,
    date_format: &str,
    chrome: &Chrome,
    width: u16,
) -> Line<'static> {
    let cursor = if marks.selected { "›" } else { " " };
    let marker = if !post.problems.is_empty() {
        Span::styled("!", chrome.problem)
    } else if !marks.read {
        Span::styled("•", chrome.unread)
    } else {
        Span::raw(" ")
    };
    let date = post.date.map_or_else(
        || " ".repeat(format_date(date_format, DATE_WIDTH_SAMPLE).width()),
        |d| format_date(date_format, d.date()),
    );
    let mut spans = vec![
        Span::raw(cursor),
        marker,
        Span::raw(" "),
        Span::styled(date, chrome.date),
        Span::raw(" "),
    ];
    let draft = if post.meta.draft { " draft" } else { "" };
    let used: usize = spans.iter().map(|s| s.content.width()).sum();
    let room = usize::from(width).saturating_sub(used + draft.len());
    spans.extend(title_spans(&post.title, &row.matched, room, chrome));
    if !draft.is_empty() {
        spans.push(Span::styled(draft, chrome.draft));
    }
    let used: usize = spans.iter().map(|s| s.content.width()).sum();
    let room = usize::from(width).saturating_sub(used + 2);
    if room > 3 && !post.meta.tags.is_empty() {
        let tags: Vec<String> = post.meta.tags.iter().map(|t| format!("#{t}")).collect();
        spans.push(Span::raw("  "));
        spans.push(Span::styled(tags.join(" "), chrome.tags));
    }
    Line::from(spans)
}
