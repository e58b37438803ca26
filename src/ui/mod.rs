//! Drawing: the app's state turned into a frame. Nothing here changes state, and nothing here
//! costs more than the visible part of a post or of the index.

pub mod fulltext;
pub mod help;
pub mod index;
pub mod popup;
pub mod reader;
pub mod status;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use ratatui::text::Span;
use ratatui::widgets::{Block, Widget};

use crate::app::{App, Overlay};
use crate::geometry;
use crate::theme::{Chrome, ColorDepth};

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let chrome = Chrome::for_appearance(self.appearance).for_depth(self.color_depth);
        let viewed = self
            .picture_view
            .and_then(|i| self.reader.as_ref()?.rendered.images.get(i));
        if let Some(placement) = viewed {
            crate::images::draw::full_screen(&self.pictures, placement, area, chrome.dim, buf);
            return;
        }
        let areas = geometry::areas(area, self.panes());
        if let Some(index_area) = areas.index {
            index::draw(self, &chrome, index_area, buf);
        }
        if let Some(reader_area) = areas.reader {
            reader::draw(self, &chrome, reader_area, buf);
        }
        status::draw(self, &chrome, areas.status, buf);
        match &self.overlay {
            Some(Overlay::Help { scroll }) => help::draw(self, &chrome, *scroll, area, buf),
            Some(Overlay::Outline { selected }) => {
                popup::outline(self, &chrome, *selected, area, buf)
            }
            Some(Overlay::Tags { tags, selected }) => {
                popup::tags(self, &chrome, tags, *selected, area, buf)
            }
            Some(Overlay::FullText(state)) => fulltext::draw(self, &chrome, state, area, buf),
            None => {}
        }
        if self.color_depth != ColorDepth::TrueColor {
            adapt_colors(area, buf, self.color_depth);
        }
    }
}

/// A pane's frame with its title; the pane with the keyboard has a bright, bold border.
fn pane(title: String, focused: bool, chrome: &Chrome) -> Block<'static> {
    let border = if focused {
        chrome.border_focused
    } else {
        chrome.border
    };
    Block::bordered()
        .title(Span::styled(title, chrome.title))
        .border_style(border)
}

/// Brings every colour on the screen down to what the terminal shows. It costs one pass over
/// the screen's cells, whatever is shown.
fn adapt_colors(area: Rect, buf: &mut Buffer, depth: ColorDepth) {
    for y in area.top()..area.bottom() {
        for x in area.left()..area.right() {
            if let Some(cell) = buf.cell_mut((x, y)) {
                let style = depth.adapt(Style::new().fg(cell.fg).bg(cell.bg));
                cell.fg = style.fg.unwrap_or(Color::Reset);
                cell.bg = style.bg.unwrap_or(Color::Reset);
            }
        }
    }
}
