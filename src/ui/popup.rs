//! Small pickers over the panes: the outline of the open post and the list of tags.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Widget};

use crate::app::App;
use crate::geometry;
use crate::render::wrap::fit;
use crate::theme::Chrome;

/// A `width` × `height` rectangle in the middle of `screen`, shrunk to fit.
pub fn centered(screen: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(screen.width);
    let height = height.min(screen.height);
    Rect {
        x: screen.x + (screen.width - width) / 2,
        y: screen.y + (screen.height - height) / 2,
        width,
        height,
    }
}

pub fn outline(app: &App, chrome: &Chrome, selected: usize, screen: Rect, buf: &mut Buffer) {
    let Some(reader) = &app.reader else { return };
    let items: Vec<Line<'static>> = reader
        .rendered
        .headings
        .iter()
        .map(|h| {
            let indent = "  ".repeat(usize::from(h.level.saturating_sub(1)));
            let room = usize::from(screen.width.saturating_sub(8)).saturating_sub(indent.len());
            Line::from(format!("{indent}{}", fit(&h.text, room)))
        })
        .collect();
    picker(" Outline ", items, selected, chrome, screen, buf);
}

pub fn tags(
    app: &App,
    chrome: &Chrome,
    tags: &[(String, usize)],
    selected: usize,
    screen: Rect,
    buf: &mut Buffer,
) {
    let _ = app;
    let mut items = vec![Line::from("All posts")];
    items.extend(tags.iter().map(|(tag, count)| {
        Line::from(vec![
            Span::raw(format!("#{tag} ")),
            Span::styled(format!("({count})"), chrome.dim),
        ])
    }));
    picker(" Tags ", items, selected, chrome, screen, buf);
}

/// A bordered list with one selected item, scrolled to keep it in view.
fn picker(
    title: &'static str,
    items: Vec<Line<'static>>,
    selected: usize,
    chrome: &Chrome,
    screen: Rect,
    buf: &mut Buffer,
) {
    let widest = geometry::cells(items.iter().map(Line::width).max().unwrap_or(0));
    let area = centered(
        screen,
        widest.saturating_add(6).max(30),
        geometry::cells(items.len()).saturating_add(2),
    );
    Clear.render(area, buf);
    let block = Block::bordered()
        .title(Span::styled(title, chrome.title))
        .border_style(chrome.border_focused)
        .style(chrome.overlay);
    let inner = block.inner(area);
    block.render(area, buf);
    let height = inner.height as usize;
    let offset = selected.saturating_sub(height.saturating_sub(1));
    for (y, (i, item)) in (inner.y..).zip(items.into_iter().enumerate().skip(offset).take(height)) {
        let row = Rect {
            y,
            height: 1,
            ..inner
        };
        let style = if i == selected {
            chrome.selected
        } else {
            Style::new()
        };
        buf.set_style(row, style);
        item.style(style).render(row, buf);
    }
}
