//! The reader pane: the visible slice of the laid-out post, with search matches and the link
//! cursor marked, and a scrollbar. A frame costs the same for a 1 MB post as for a 1 KB one.

use ratatui::buffer::Buffer;
use ratatui::layout::{Margin, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState, StatefulWidget, Widget,
};

use crate::app::reader::ReaderState;
use crate::app::{App, Focus};
use crate::geometry;
use crate::theme::{Chrome, ColorDepth};

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
        let empty = if app.index.rows.is_empty() {
            "Nothing to read: no post is left in the index."
        } else {
            "Select a post to read it here."
        };
        Paragraph::new(Span::styled(empty, chrome.dim)).render(inner, buf);
        return;
    };
    let text = geometry::text_area(area, app.reading_width);
    let height = text.height as usize;
    let visible = reader
        .rendered
        .lines
        .iter()
        .enumerate()
        .skip(reader.scroll)
        .take(height);
    let selected = selected_link(reader);
    for (y, (number, line)) in (text.y..).zip(visible) {
        let mut marked = mark_line(reader, number, line, &selected, chrome);
        if app.color_depth == ColorDepth::Monochrome {
            reverse_backgrounds(&mut marked);
        }
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
    selected: &[(usize, usize, usize)],
    chrome: &Chrome,
) -> Line<'static> {
    let mut ranges: Vec<(usize, usize, Style)> = Vec::new();
    if let Some(search) = &reader.search {
        // Matches are in order and never overlap, so those on this line are found by halving.
        let first = search.matches.partition_point(|m| m.last_line() < number);
        let here = search.matches[first..]
            .iter()
            .take_while(|m| m.line <= number);
        for (i, found) in (first..).zip(here) {
            let style = if i == search.current {
                chrome.search_current
            } else {
                chrome.search_match
            };
            ranges.extend(
                found
                    .pieces()
                    .filter(|(line, _, _)| *line == number)
                    .map(|(_, start, end)| (start, end, style)),
            );
        }
    }
    ranges.extend(
        selected
            .iter()
            .filter(|(line, _, _)| *line == number)
            .map(|&(_, start, end)| (start, end, chrome.link_cursor)),
    );
    if ranges.is_empty() {
        return line.clone();
    }
    restyle(line, &ranges)
}

/// Without colour, text that only a background sets apart (inline code) is shown in reverse
/// video instead.
fn reverse_backgrounds(line: &mut Line<'static>) {
    for span in &mut line.spans {
        if span.style.bg.is_some_and(|bg| bg != Color::Reset) {
            span.style = span.style.add_modifier(Modifier::REVERSED);
        }
    }
}

/// Lines a link's text may wrap over before its number; more is not marked.
const LINK_LINES: usize = 4;

/// Where the selected link shows, as (line, start char, end char): its number and, before it,
/// its underlined text, followed back over the lines it wraps from.
fn selected_link(reader: &ReaderState) -> Vec<(usize, usize, usize)> {
    let Some(link) = reader.link.map(|l| &reader.rendered.links[l]) else {
        return Vec::new();
    };
    let (Some(line), Some(text)) = (
        reader.rendered.lines.get(link.line),
        reader.text.get(link.line),
    ) else {
        return Vec::new();
    };
    let marker = format!("[{}]", link.number);
    let Some(byte) = text.find(&marker) else {
        return Vec::new();
    };
    let start = text[..byte].chars().count();
    let end = start + marker.chars().count();
    let underlined = underlined_chars(line);
    let mut first = start;
    while first > 0 && underlined[first - 1] {
        first -= 1;
    }
    let mut found = vec![(link.line, first, end)];
    // Text that starts its line may be the rest of a link begun on the line before.
    let mut number = link.line;
    let mut begins_line = first < start && only_prefix(text, first);
    while begins_line && number > 0 && found.len() < LINK_LINES {
        number -= 1;
        let above = underlined_chars(&reader.rendered.lines[number]);
        let Some(last) = above
            .iter()
            .rposition(|u| *u)
            .filter(|&l| l + 1 == above.len())
        else {
            break;
        };
        let mut from = last;
        while from > 0 && above[from - 1] {
            from -= 1;
        }
        found.push((number, from, above.len()));
        begins_line = only_prefix(&reader.text[number], from);
    }
    found
}

/// Whether a line's first `chars` are only the indent and bars a quote or list puts there.
fn only_prefix(text: &str, chars: usize) -> bool {
    text.chars().take(chars).all(|c| !c.is_alphanumeric())
}

/// Whether each char of a line is underlined, as link text is.
fn underlined_chars(line: &Line<'static>) -> Vec<bool> {
    line.spans
        .iter()
        .flat_map(|span| {
            let underlined = span.style.add_modifier.contains(Modifier::UNDERLINED);
            span.content.chars().map(move |_| underlined)
        })
        .collect()
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

    fn reader_on(markdown: &str, width: usize) -> ReaderState {
        let options = crate::render::Options::new(width, crate::theme::Appearance::Dark);
        let rendered = crate::render::render(markdown, None, &options);
        ReaderState::new(0, crate::app::reader::Laid::of(rendered), true)
    }

    fn marked_text(reader: &ReaderState) -> Vec<String> {
        selected_link(reader)
            .iter()
            .map(|&(line, start, end)| {
                reader.text[line]
                    .chars()
                    .skip(start)
                    .take(end - start)
                    .collect()
            })
            .collect()
    }

    #[test]
    fn the_selected_link_marks_its_text_and_number() {
        let mut reader = reader_on("See [the manual](https://example.org/m) for more.", 60);
        reader.link = Some(0);
        assert_eq!(marked_text(&reader), ["the manual[1]"]);
    }

    #[test]
    fn a_link_wrapped_over_lines_is_marked_on_each() {
        let mut reader = reader_on(
            "Plain words then [a link whose text runs over the edge](https://example.org) ok.",
            30,
        );
        reader.link = Some(0);
        let marked = marked_text(&reader);
        let joined: Vec<&str> = marked.iter().rev().map(String::as_str).collect();
        assert_eq!(
            joined.join(" "),
            "a link whose text runs over the edge[1]",
            "{:?}",
            reader.text
        );
    }
}
