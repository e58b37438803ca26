//! Drawing: the app's state turned into a frame. Nothing here changes state, and nothing here
//! costs more than the visible part of a post or of the index.

pub mod help;
pub mod index;
pub mod layout;
pub mod palette;
pub mod popup;
pub mod reader;
pub mod status;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

use crate::app::{App, Overlay};
use palette::Palette;

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let palette = Palette::for_appearance(self.appearance);
        let areas = layout::areas(area, self);
        if let Some(index_area) = areas.index {
            index::draw(self, &palette, index_area, buf);
        }
        if let Some(reader_area) = areas.reader {
            reader::draw(self, &palette, reader_area, buf);
        }
        status::draw(self, &palette, areas.status, buf);
        match &self.overlay {
            Some(Overlay::Help { scroll }) => help::draw(self, &palette, *scroll, area, buf),
            Some(Overlay::Outline { selected }) => {
                popup::outline(self, &palette, *selected, area, buf)
            }
            Some(Overlay::Tags { tags, selected }) => {
                popup::tags(self, &palette, tags, *selected, area, buf)
            }
            None => {}
        }
    }
}
