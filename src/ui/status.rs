//! The status bar: where you are on the left, the keys that matter now on the right. The hints
//! come from the live keymap, so they show the keys that really work.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use unicode_width::UnicodeWidthStr;

use crate::action::Action;
use crate::app::{App, Input};
use crate::content::SortOrder;
use crate::geometry;
use crate::keymap::Mode;
use crate::render::wrap;
use crate::theme::Chrome;

/// The actions worth a hint in each mode, most useful first.
fn hinted(mode: Mode) -> &'static [Action] {
    match mode {
        Mode::Index => &[
            Action::Open,
            Action::Filter,
            Action::SearchAll,
            Action::TagFilter,
            Action::ToggleDrafts,
            Action::CycleSort,
            Action::Help,
            Action::Quit,
        ],
        Mode::Reader => &[
            Action::Back,
            Action::Search,
            Action::Outline,
            Action::NextLink,
            Action::FollowNumber,
            Action::Help,
            Action::Quit,
        ],
        Mode::Filter | Mode::Search | Mode::Follow => &[Action::Confirm, Action::Cancel],
        Mode::Outline | Mode::Tags => &[Action::Confirm, Action::Cancel],
        Mode::Help => &[Action::Cancel],
        Mode::FullText => &[Action::Confirm, Action::Cancel],
    }
}

pub fn draw(app: &App, chrome: &Chrome, area: Rect, buf: &mut Buffer) {
    buf.set_style(area, chrome.status);
    let left = left_side(app, chrome);
    let mode = app.mode();
    let mut shown: Vec<(String, Action)> = hinted(mode)
        .iter()
        .filter_map(|&action| Some((app.keymap.keys(mode, action).first()?.to_string(), action)))
        .collect();
    let width = |shown: &[(String, Action)]| -> usize {
        shown
            .iter()
            .map(|(key, action)| key.width() + action.hint().width() + 3)
            .sum()
    };
    let left_width = left.width();
    // Help and quit, last in each list, are what a newcomer needs most: the hints before
    // them give way first.
    while width(&shown) + left_width + 1 > usize::from(area.width) && !shown.is_empty() {
        let at = shown.len().saturating_sub(3).min(shown.len() - 1);
        shown.remove(at);
    }
    let right_width = width(&shown);
    let hints: Vec<Span<'static>> = shown
        .into_iter()
        .flat_map(|(key, action)| {
            [
                Span::styled(format!(" {key}"), chrome.status_key),
                Span::styled(format!(" {} ", action.hint()), chrome.status),
            ]
        })
        .collect();
    let room = usize::from(area.width).saturating_sub(right_width + 1);
    let left = if left_width > room {
        shorten(&left, room)
    } else {
        left
    };
    left.render(area, buf);
    let right = Line::from(hints);
    let x = area.x + area.width.saturating_sub(geometry::cells(right_width));
    right.render(
        Rect {
            x,
            width: geometry::cells(right_width),
            ..area
        },
        buf,
    );
}

/// A message, an input line being typed, or where the reader is.
fn left_side(app: &App, chrome: &Chrome) -> Line<'static> {
    match &app.input {
        Some(Input::Filter) => return prompt("filter: ", &app.index.filter, chrome),
        Some(Input::Search(query)) => {
            let mut line = prompt("/", query, chrome);
            if let Some(search) = app.reader.as_ref().and_then(|r| r.search.as_ref())
                && !query.is_empty()
            {
                line.push_span(Span::styled(format!("  {}", search.count()), chrome.status));
            }
            return line;
        }
        Some(Input::Follow(digits)) => return prompt("follow link number: ", digits, chrome),
        None => {}
    }
    if let Some(message) = &app.message {
        return Line::from(Span::styled(format!(" {message}"), chrome.message));
    }
    let mut parts: Vec<String> = Vec::new();
    let posts = app.library().posts();
    match app.mode() {
        Mode::Reader => {
            if let Some(reader) = &app.reader {
                parts.push(format!("{}%", reader.percent(app.reader_height())));
                if let Some(search) = &reader.search
                    && !search.matches.is_empty()
                {
                    parts.push(format!(
                        "match {}/{} “{}”",
                        search.current + 1,
                        search.matches.len(),
                        search.query
                    ));
                }
                if let Some(link) = reader.link.map(|l| &reader.rendered.links[l]) {
                    parts.push(format!("[{}] {}", link.number, link.url));
                }
            }
        }
        _ => {
            let total = app.index.rows.len();
            let position = if total == 0 {
                0
            } else {
                app.index.selected + 1
            };
            parts.push(format!("{position}/{total}"));
            if app.index.sort == SortOrder::Title {
                parts.push("by title".to_string());
            }
            if app.index.drafts {
                parts.push("drafts shown".to_string());
            }
            if let Some(problem) = app
                .index
                .selected_post()
                .and_then(|p| posts[p].problems.first())
            {
                parts.push(format!(
                    "{}:{}: {problem}",
                    posts[app.index.selected_post().unwrap_or(0)].path,
                    problem.line
                ));
            }
        }
    }
    Line::from(Span::styled(
        format!(" {}", parts.join(" · ")),
        chrome.status,
    ))
}

/// A line too long for `room` columns, cut at a word's end with an ellipsis, styles kept.
fn shorten(line: &Line<'static>, room: usize) -> Line<'static> {
    let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
    let fitted = wrap::fit_words(&text, room);
    let mut left = fitted.trim_end_matches('…').len();
    let mut spans = Vec::new();
    let mut style = line.style;
    for span in &line.spans {
        if left == 0 {
            break;
        }
        // `fitted` is a prefix of the spans' text cut at a char, so this is a char boundary.
        let take = span.content.len().min(left);
        spans.push(Span::styled(span.content[..take].to_string(), span.style));
        style = span.style;
        left -= take;
    }
    spans.push(Span::styled("…", style));
    Line::from(spans)
}

fn prompt(label: &str, text: &str, chrome: &Chrome) -> Line<'static> {
    Line::from(vec![
        Span::styled(format!(" {label}"), chrome.status_key),
        Span::styled(format!("{text}▏"), chrome.message),
    ])
}
