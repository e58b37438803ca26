//! Where each pane goes, as a pure function of the screen size and the app's state, so that
//! drawing and mouse handling agree on it.

use ratatui::layout::{Constraint, Layout, Rect};

use crate::app::{App, Focus, MAX_READING_WIDTH};

/// From this width on, the index and the reader sit side by side.
pub const SPLIT_MIN_WIDTH: u16 = 100;

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
    let index_width = (size.width / 3).clamp(32, 60);
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
/// at most a comfortable reading width.
pub fn text_width(reader: Rect) -> u16 {
    inner(reader)
        .width
        .saturating_sub(2)
        .clamp(1, MAX_READING_WIDTH)
}
