//! The help overlay, generated from the live keymap: every binding of every mode with the
//! action's description.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget};

use super::popup::centered;
use crate::app::App;
use crate::geometry;
use crate::keymap::Keymap;
use crate::theme::Chrome;

/// The help text, one line each: a mode heading, then its keys and what they do.
pub fn lines(keymap: &Keymap, chrome: &Chrome) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    for (mode, actions) in keymap.groups() {
        if !lines.is_empty() {
            lines.push(Line::default());
        }
        lines.push(Line::from(Span::styled(mode.title(), chrome.title)));
        for (action, keys) in actions {
            let keys = keys
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(" ");
            lines.push(Line::from(vec![
                Span::styled(
                    format!("  {keys:<22}"),
                    chrome.status_key.bg(ratatui::style::Color::Reset),
                ),
                Span::raw(action.description()),
            ]));
        }
    }
    lines
}

pub fn draw(app: &App, chrome: &Chrome, scroll: usize, screen: Rect, buf: &mut Buffer) {
    let area = centered(screen, 72, geometry::help_height(screen.height));
    let lines = lines(&app.keymap, chrome);
    let visible = area.height.saturating_sub(2) as usize;
    let scroll = scroll.min(lines.len().saturating_sub(visible));
    Clear.render(area, buf);
    let block = Block::bordered()
        .title(Span::styled(" Keys ", chrome.title))
        .title_bottom(Span::styled(" j/k scroll · esc close ", chrome.dim))
        .border_style(chrome.border_focused)
        .style(chrome.overlay);
    Paragraph::new(lines)
        .block(block)
        .scroll((geometry::cells(scroll), 0))
        .render(area, buf);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keymap::Mode;
    use strum::IntoEnumIterator;

    #[test]
    fn each_modes_help_line_is_its_heading() {
        let keymap = Keymap::default();
        let chrome = Chrome::for_appearance(crate::theme::Appearance::Dark);
        let text = lines(&keymap, &chrome);
        for mode in Mode::iter() {
            let line = keymap.help_line(mode);
            assert_eq!(text[line].to_string(), mode.title(), "{mode:?}");
        }
        assert_eq!(keymap.help_len(), text.len());
    }
}
