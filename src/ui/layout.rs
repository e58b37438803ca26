//! Where each pane goes, as a pure function of the screen size and the app's state, so that
//! drawing and mouse handling agree on it.

use ratatui::layout::{Constraint, Layout, Rect};

use crate::app::{App, Focus};

/// From this width on, the index and the reader sit side by side.
pub const SPLIT_MIN_WIDTH: u16 = 100;

/// Columns the reader keeps beside an index the user made wide.
const READER_MIN_WIDTH: u16 = 40;

/// How wide the index pane is beside the reader, as a user sets it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IndexWidth {
    Columns(u16),
    /// A share of the screen's width, 1 to 90.
    Percent(u16),
}

/// The index pane's columns on a split screen `width` wide: the user's setting, else a third of
/// the screen between 32 and 60 columns; always leaving the reader room.
pub fn index_columns(width: u16, setting: Option<IndexWidth>) -> u16 {
    let wanted = match setting {
        None => (width / 3).clamp(32, 60),
        Some(IndexWidth::Columns(columns)) => columns,
        Some(IndexWidth::Percent(percent)) => {
            u16::try_from(u32::from(width) * u32::from(percent) / 100).unwrap_or(width)
        }
    };
    wanted.min(width.saturating_sub(READER_MIN_WIDTH)).max(1)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    pub index: Option<Rect>,
    pub reader: Option<Rect>,
    pub status: Rect,
}

pub fn areas(size: Rect, app: &App) -> Areas {
    let [main, status] = Layout::vertical([Constraint::Min(0), Constraint::Length(1)]).areas(size);
    let single = |focus_reader: bool| {
        if focus_reader {
            Areas {
                index: None,
                reader: Some(main),
                status,
            }
        } else {
            Areas {
                index: Some(main),
                reader: None,
                status,
            }
        }
    };
    if app.zoom {
        return single(true);
    }
    if size.width < SPLIT_MIN_WIDTH {
        return single(app.focus == Focus::Reader && app.reader.is_some());
    }
    let index_width = index_columns(size.width, app.index_width);
    let [index, reader] =
        Layout::horizontal([Constraint::Length(index_width), Constraint::Min(0)]).areas(main);
    Areas {
        index: Some(index),
        reader: Some(reader),
        status,
    }
}

/// The inside of a bordered pane.
pub fn inner(area: Rect) -> Rect {
    Rect {
        x: area.x.saturating_add(1),
        y: area.y.saturating_add(1),
        width: area.width.saturating_sub(2),
        height: area.height.saturating_sub(2),
    }
}

/// The text column of the reader: the pane's inside less a margin of one column on each side,
/// at most `cap` columns, a comfortable reading width.
pub fn text_width(reader: Rect, cap: u16) -> u16 {
    inner(reader).width.saturating_sub(2).clamp(1, cap.max(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_index_takes_a_third_by_default_and_the_users_width_when_set() {
        assert_eq!(index_columns(120, None), 40);
        assert_eq!(index_columns(300, None), 60);
        assert_eq!(index_columns(120, Some(IndexWidth::Columns(50))), 50);
        assert_eq!(index_columns(200, Some(IndexWidth::Percent(25))), 50);
    }

    #[test]
    fn the_reader_keeps_room_beside_a_wide_index() {
        assert_eq!(index_columns(100, Some(IndexWidth::Columns(500))), 60);
        assert_eq!(index_columns(100, Some(IndexWidth::Percent(90))), 60);
    }

    #[test]
    fn the_text_column_stops_at_the_cap() {
        assert_eq!(text_width(Rect::new(0, 0, 200, 10), 100), 100);
        assert_eq!(text_width(Rect::new(0, 0, 200, 10), 72), 72);
        assert_eq!(text_width(Rect::new(0, 0, 50, 10), 100), 46);
    }
}
