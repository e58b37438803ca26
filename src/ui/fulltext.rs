//! The full-text search overlay: the query line, then each result as two lines, its title
//! and date, and a snippet with the match marked.
//!
//! The match is reversed and bold and the selected result has a cursor, so both show on a
//! terminal without colour (`NO_COLOR`) as well as with.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Widget};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::popup::centered;
use crate::app::{App, FullText};
use crate::config::format_date;
use crate::render::wrap::fit;
use crate::search::Snippet;
use crate::theme::Chrome;

/// The widest the overlay grows: wider, a snippet is more than the eye takes in at once.
const MAX_WIDTH: u16 = 110;

/// Lines each result takes.
const RESULT_LINES: usize = 2;

pub fn draw(app: &App, chrome: &Chrome, state: &FullText, screen: Rect, buf: &mut Buffer) {
    let area = centered(
        screen,
        screen.width.saturating_sub(2).min(MAX_WIDTH),
        screen.height.saturating_sub(2),
    );
    Clear.render(area, buf);
    let block = Block::bordered()
        .title(Span::styled(" Search every post ", chrome.title))
        .border_style(chrome.border_focused)
        .style(chrome.overlay);
    let inner = block.inner(area);
    block.render(area, buf);
    if inner.height < 2 || inner.width < 10 {
        return;
    }
    let width = usize::from(inner.width);
    query_line(state, chrome, width).render(row(inner, 0), buf);
    let rule = "─".repeat(width);
    Line::styled(rule, chrome.border).render(row(inner, 1), buf);

    let room = usize::from(inner.height - 2) / RESULT_LINES;
    let offset = state.selected.saturating_sub(room.saturating_sub(1));
    let posts = app.library().posts();
    for (slot, (i, hit)) in state
        .hits
        .iter()
        .enumerate()
        .skip(offset)
        .take(room)
        .enumerate()
    {
        let Some(post) = posts.get(hit.post) else {
            continue;
        };
        let selected = i == state.selected;
        let style = if selected {
            chrome.selected
        } else {
            Style::new()
        };
        let top = 2 + u16::try_from(slot * RESULT_LINES).unwrap_or(u16::MAX);
        let date = post
            .date
            .map(|d| format_date(&app.date_format, d.date()))
            .unwrap_or_default();
        let cursor = if selected { "› " } else { "  " };
        let title_room = width.saturating_sub(cursor.width() + date.width() + 2);
        let title = fit(&post.title, title_room);
        let gap = width.saturating_sub(cursor.width() + title.width() + date.width());
        let heading = Line::from(vec![
            Span::raw(cursor),
            Span::styled(title, chrome.title),
            Span::raw(" ".repeat(gap)),
            Span::styled(date, chrome.date),
        ]);
        for (line, y) in [
            (heading, top),
            (snippet_line(&hit.snippet, width, chrome), top + 1),
        ] {
            let area = row(inner, y);
            buf.set_style(area, style);
            line.style(style).render(area, buf);
        }
    }
}

/// `› query▏` and, on the right, how many posts matched or that the search is on its way.
fn query_line(state: &FullText, chrome: &Chrome, width: usize) -> Line<'static> {
    let count = if state.query.trim().is_empty() {
        "type to search titles, tags and text".to_string()
    } else if state.searching() {
        "searching…".to_string()
    } else {
        match state.total {
            0 => "no post matches".to_string(),
            1 => "1 post".to_string(),
            n if n > state.hits.len() => format!("{n} posts, best {} shown", state.hits.len()),
            n => format!("{n} posts"),
        }
    };
    let query = fit(
        &crate::sanitize::line(&state.query),
        width.saturating_sub(count.width() + 6),
    );
    let used = 2 + query.width() + 1 + count.width();
    Line::from(vec![
        Span::styled("› ", chrome.status_key),
        Span::raw(query),
        Span::raw("▏"),
        Span::raw(" ".repeat(width.saturating_sub(used))),
        Span::styled(count, chrome.dim),
    ])
}

/// The snippet, indented, cut to `width` around its match so the match always shows.
fn snippet_line(snippet: &Snippet, width: usize, chrome: &Chrome) -> Line<'static> {
    let marked = Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD);
    let (before, matched, after) = snippet.parts();
    let room = width.saturating_sub(4);
    let matched = fit(matched, room);
    // Context before the match gets a third of the room, or what the rest leaves.
    let spare = room.saturating_sub(matched.width());
    let left_room = (spare / 3)
        .max(spare.saturating_sub(after.width()))
        .min(before.width());
    let before = tail(before, left_room);
    let after = fit(after, room.saturating_sub(before.width() + matched.width()));
    Line::from(vec![
        Span::raw("    "),
        Span::styled(before, chrome.dim),
        Span::styled(matched, marked),
        Span::styled(after, chrome.dim),
    ])
}

/// The end of `text` in at most `columns` cells, with `…` where it was cut.
fn tail(text: &str, columns: usize) -> String {
    if text.width() <= columns {
        return text.to_string();
    }
    if columns == 0 {
        return String::new();
    }
    let mut kept = Vec::new();
    let mut used = 1;
    for c in text.chars().rev() {
        let w = c.width().unwrap_or(0);
        if used + w > columns {
            break;
        }
        kept.push(c);
        used += w;
    }
    std::iter::once('…').chain(kept.into_iter().rev()).collect()
}

fn row(inner: Rect, y: u16) -> Rect {
    Rect {
        y: inner.y + y,
        height: 1,
        ..inner
    }
    .intersection(inner)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tail_keeps_the_end_by_display_width() {
        assert_eq!(tail("short", 10), "short");
        assert_eq!(tail("the long beginning", 8), "…ginning");
        assert_eq!(tail("東京の朝ごはん", 5), "…はん");
        assert_eq!(tail("anything", 0), "");
    }

    #[test]
    fn the_match_shows_however_long_the_snippet() {
        let snippet = Snippet {
            text: format!("{}needle{}", "x".repeat(300), "y".repeat(300)),
            marked: 300..306,
        };
        let line = snippet_line(
            &snippet,
            40,
            &Chrome::for_appearance(crate::theme::Appearance::Dark),
        );
        let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
        assert!(text.width() <= 40, "{text}");
        assert_eq!(line.spans[2].content, "needle");
        assert!(
            line.spans[2]
                .style
                .add_modifier
                .contains(Modifier::REVERSED)
        );
    }
}
