//! Where each pane goes, as a pure function of the screen size and a few facts about the
//! app, so that drawing, mouse handling and layout widths agree on it. A leaf: both `app` and
//! `ui` use it, and it uses neither.

use ratatui::layout::{Constraint, Layout, Rect};

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

/// The index pane's columns on a split screen `width` wide: the user's setting, else 12/25 of
/// the screen between 32 and 64 columns, so that at 120 columns a title shows 40 characters
/// beside its date before it is cut; always leaving the reader room.
pub fn index_columns(width: u16, setting: Option<IndexWidth>) -> u16 {
    let wanted = match setting {
        None => (width * 12 / 25).clamp(32, 64),
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

/// What the pane layout depends on besides the screen size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Panes {
    /// The reader takes the whole width.
    pub zoom: bool,
    /// On a narrow screen the reader shows instead of the index.
    pub reader_shown: bool,
    pub index_width: Option<IndexWidth>,
}

pub fn areas(size: Rect, panes: Panes) -> Areas {
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
    if panes.zoom {
        return single(true);
    }
    if size.width < SPLIT_MIN_WIDTH {
        return single(panes.reader_shown);
    }
    let index_width = index_columns(size.width, panes.index_width);
    let [index, reader] =
        Layout::horizontal([Constraint::Length(index_width), Constraint::Min(0)]).areas(main);
    Areas {
        index: Some(index),
        reader: Some(reader),
        status,
    }
}

/// A count of columns or rows as a screen coordinate. Saturates: anything past what a
/// terminal holds is as good as its edge, and never wraps around to a small number.
pub fn cells(count: usize) -> u16 {
    u16::try_from(count).unwrap_or(u16::MAX)
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

/// The help box's height, borders included, on a screen this tall; help scrolls within it.
pub fn help_height(screen: u16) -> u16 {
    screen.saturating_sub(4)
}

/// Where the reader's text goes: a column `text_width` wide, centred in the pane's inside, so
/// a wide pane has even margins rather than an empty band on the right.
pub fn text_area(reader: Rect, cap: u16) -> Rect {
    let inside = inner(reader);
    let width = text_width(reader, cap);
    let spare = inside.width.saturating_sub(width);
    Rect {
        x: inside.x + spare / 2,
        width,
        ..inside
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wide_screen_splits_and_a_narrow_one_shows_one_pane() {
        let panes = Panes {
            zoom: false,
            reader_shown: false,
            index_width: None,
        };
        let wide = areas(Rect::new(0, 0, 120, 30), panes);
        assert_eq!(wide.index.map(|a| a.width), Some(57));
        assert_eq!(wide.reader.map(|a| a.width), Some(63));
        assert_eq!(wide.status, Rect::new(0, 29, 120, 1));
        let narrow = areas(Rect::new(0, 0, 80, 24), panes);
        assert!(narrow.index.is_some() && narrow.reader.is_none());
        let reading = Panes {
            reader_shown: true,
            ..panes
        };
        let narrow = areas(Rect::new(0, 0, 80, 24), reading);
        assert!(narrow.index.is_none() && narrow.reader.is_some());
    }

    #[test]
    fn the_index_takes_twelve_25ths_by_default_and_the_users_width_when_set() {
        assert_eq!(index_columns(100, None), 48);
        assert_eq!(index_columns(120, None), 57);
        assert_eq!(index_columns(300, None), 64);
        assert_eq!(index_columns(120, Some(IndexWidth::Columns(50))), 50);
        assert_eq!(index_columns(200, Some(IndexWidth::Percent(25))), 50);
    }

    #[test]
    fn the_reader_keeps_room_beside_a_wide_index() {
        assert_eq!(index_columns(100, Some(IndexWidth::Columns(500))), 60);
        assert_eq!(index_columns(100, Some(IndexWidth::Percent(90))), 60);
    }

    #[test]
    fn counts_past_a_screen_saturate_instead_of_wrapping() {
        assert_eq!(cells(80), 80);
        assert_eq!(cells(65_536 + 3), u16::MAX);
    }

    #[test]
    fn the_text_column_stops_at_the_cap() {
        assert_eq!(text_width(Rect::new(0, 0, 200, 10), 100), 100);
        assert_eq!(text_width(Rect::new(0, 0, 200, 10), 72), 72);
        assert_eq!(text_width(Rect::new(0, 0, 50, 10), 100), 46);
    }

    #[test]
    fn a_narrower_text_column_is_centred() {
        assert_eq!(
            text_area(Rect::new(10, 0, 140, 10), 100),
            Rect::new(30, 1, 100, 8)
        );
        assert_eq!(
            text_area(Rect::new(0, 0, 50, 10), 100),
            Rect::new(2, 1, 46, 8)
        );
    }
}
