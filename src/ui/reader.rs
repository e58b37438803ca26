//! The reader pane: the visible slice of the laid-out post, with search matches and the link
//! cursor marked, and a scrollbar. A frame costs the same for a 1 MB post as for a 1 KB one.

use ratatui::buffer::Buffer;
use ratatui::layout::{Margin, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState, StatefulWidget, Widget,
};

use crate::app::reader::ReaderState;
use crate::app::{App, Focus};
use crate::geometry;
use crate::theme::Chrome;

pub fn draw(app: &App, chrome: &Chrome, area: Rect, buf: &mut Buffer) {
    let focused = app.focus == Focus::Reader && app.overlay.is_none();
    let title = app
        .reader
        .as_ref()
        .map(|r| format!(" {} ", app.library().posts()[r.post].title))
        .unwrap_or_default();
    let block = super::pane(title, focused, chrome);
    block.render(area, buf);
    let inner = geometry::inner(area);
    let Some(reader) = &app.reader else {
        Paragraph::new(Span::styled("Select a post to read it here.", chrome.dim))
            .render(inner, buf);
        return;
    };
    let text = inner.inner(Margin {
        horizontal: 1,
        vertical: 0,
    });
    let height = text.height as usize;
    let visible = reader
        .rendered
        .lines
        .iter()
        .enumerate()
        .skip(reader.scroll)
        .take(height);
    for (y, (number, line)) in (text.y..).zip(visible) {
        let marked = mark_line(reader, number, line, chrome);
        marked.render(
            Rect {
                y,
                height: 1,
                ..text
            },
            buf,
        );
    }
    crate::images::draw::placements(
        &app.pictures,
        &reader.rendered.images,
        reader.scroll,
        text,
        app.overlay.is_some(),
        chrome.dim,
        buf,
    );
    let total = reader.line_count();
    if total > height {
        let mut state = ScrollbarState::new(total.saturating_sub(height)).position(reader.scroll);
        Scrollbar::new(ScrollbarOrientation::VerticalRight)
            .begin_symbol(None)
            .end_symbol(None)
            .thumb_style(chrome.border_focused)
            .track_style(chrome.border)
            .render(
                area.inner(Margin {
                    horizontal: 0,
                    vertical: 1,
                }),
                buf,
                &mut state,
            );
    }
}

/// A line with its search matches and the selected link's number styled over it.
fn mark_line(
    reader: &ReaderState,
    number: usize,
    line: &Line<'static>,
    chrome: &Chrome,
) -> Line<'static> {
    let mut ranges: Vec<(usize, usize, Style)> = Vec::new();
    if let Some(search) = &reader.search {
        for (i, found) in search
            .matches
            .iter()
            .enumerate()
            .filter(|(_, m)| m.line == number)
        {
            let style = if i == search.current {
                chrome.search_current
            } else {
                chrome.search_match
            };
            ranges.push((found.start, found.end, style));
        }
    }
    if let Some(link) = reader.link.map(|l| &reader.rendered.links[l])
        && link.line == number
    {
        let marker = format!("[{}]", link.number);
        let text = &reader.text[number];
        if let Some(byte) = text.find(&marker) {
            let start = text[..byte].chars().count();
            ranges.push((start, start + marker.chars().count(), chrome.link_cursor));
        }
    }
    if ranges.is_empty() {
        return line.clone();
    }
    restyle(line, &ranges)
}

/// Patches `style` over the char ranges of a line, splitting spans where needed.
fn restyle(line: &Line<'static>, ranges: &[(usize, usize, Style)]) -> Line<'static> {
    let mut spans = Vec::new();
    let mut position = 0;
    for span in &line.spans {
        let mut run = String::new();
        let mut run_style = None;
        for c in span.content.chars() {
            let extra = ranges
                .iter()
                .find(|(s, e, _)| (*s..*e).contains(&position))
                .map(|r| r.2);
            if run_style != Some(extra) && !run.is_empty() {
                spans.push(Span::styled(
                    std::mem::take(&mut run),
                    patch(span.style, run_style.flatten()),
                ));
            }
            run_style = Some(extra);
            run.push(c);
            position += 1;
        }
        if !run.is_empty() {
            spans.push(Span::styled(run, patch(span.style, run_style.flatten())));
        }
    }
    let mut marked = Line::from(spans).style(line.style);
    marked.alignment = line.alignment;
    marked
}

fn patch(base: Style, extra: Option<Style>) -> Style {
    extra.map_or(base, |extra| base.patch(extra))
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::{Color, Modifier};

    #[test]
    fn restyle_splits_spans_at_range_edges() {
        let line = Line::from(vec![
            Span::raw("hello "),
            Span::styled("world", Style::new().fg(Color::Red)),
        ]);
        let marked = restyle(
            &line,
            &[(4, 8, Style::new().add_modifier(Modifier::REVERSED))],
        );
        let parts: Vec<(&str, bool)> = marked
            .spans
            .iter()
            .map(|s| {
                (
                    s.content.as_ref(),
                    s.style.add_modifier.contains(Modifier::REVERSED),
                )
            })
            .collect();
        assert_eq!(
            parts,
            [("hell", false), ("o ", true), ("wo", true), ("rld", false)]
        );
        assert_eq!(marked.spans[2].style.fg, Some(Color::Red));
    }
}
