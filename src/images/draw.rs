//! Pictures on the screen: in the rows the layout reserved, clipped to the reader's text area.
//! A pixel protocol is drawn only when the whole picture is in view and nothing lies over it;
//! otherwise its half-block form is drawn, cell by cell, which clips cleanly and leaves nothing
//! behind when the next frame writes over it.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Span;
use ratatui::widgets::Widget;
use ratatui_image::Image;

use super::Placement;
use super::cache::{Key, Picture, Pictures};
use super::fit;

/// Draws the placements that show in `area`, for a post scrolled to `scroll`. `overlaid`: a
/// panel may cover part of the area, so no pixel protocol is used.
pub fn placements(
    pictures: &Pictures,
    placements: &[Placement],
    scroll: usize,
    area: Rect,
    overlaid: bool,
    style: Style,
    buf: &mut Buffer,
) {
    let bottom = scroll + usize::from(area.height);
    let start = placements.partition_point(|p| p.line + usize::from(p.rows) <= scroll);
    for placement in placements[start..].iter().take_while(|p| p.line < bottom) {
        let indent = placement.indent.min(area.width);
        let cols = placement.cols.min(area.width - indent);
        // Rows of the picture above the area, and its first row on screen.
        let hidden = scroll.saturating_sub(placement.line) as u16;
        let first = placement.line.saturating_sub(scroll) as u16;
        let shown = (placement.rows - hidden).min(area.height - first);
        let on_screen = Rect::new(area.x + indent, area.y + first, cols, shown);
        let key = Key {
            origin: placement.origin.clone(),
            cols: placement.cols,
            rows: placement.rows,
        };
        let whole = hidden == 0 && shown == placement.rows && cols == placement.cols;
        match pictures.get(&key).as_deref() {
            Some(Picture::Ready {
                graphic: Some(graphic),
                ..
            }) if whole && !overlaid => {
                Image::new(graphic).render(on_screen, buf);
                pictures.note_drawn(on_screen, &key);
            }
            Some(Picture::Ready { blocks, .. }) => clipped(blocks, &key, hidden, on_screen, buf),
            Some(Picture::Failed(reason)) => {
                // Its alt text or caption is on the line under it already.
                let text = format!("▣ {reason}");
                let width = area.width - indent;
                buf.set_span(on_screen.x, on_screen.y, &Span::styled(text, style), width);
            }
            None => {}
        }
    }
}

/// Draws a half-block picture whose top `hidden` rows are scrolled off, into `on_screen`.
fn clipped(
    blocks: &ratatui_image::protocol::Protocol,
    key: &Key,
    hidden: u16,
    on_screen: Rect,
    buf: &mut Buffer,
) {
    let whole = Rect::new(0, 0, key.cols, key.rows);
    let mut scratch = Buffer::empty(whole);
    Image::new(blocks).render(whole, &mut scratch);
    for y in 0..on_screen.height {
        for x in 0..on_screen.width {
            if let (Some(from), Some(to)) = (
                scratch.cell((x, y + hidden)),
                buf.cell_mut((on_screen.x + x, on_screen.y + y)),
            ) {
                *to = from.clone();
            }
        }
    }
}

/// One picture as large as `area` allows (never past its natural size), centred, with its
/// text under it.
pub fn full_screen(
    pictures: &Pictures,
    placement: &Placement,
    area: Rect,
    style: Style,
    buf: &mut Buffer,
) {
    let Some(display) = pictures.display() else {
        return;
    };
    let (max_cols, max_rows) = display.max_cells();
    let room = area.height.saturating_sub(2);
    let (cols, rows) = fit::cells(
        placement.natural.0,
        placement.natural.1,
        display.cell,
        area.width.min(max_cols),
        room.min(max_rows),
    );
    let x = area.x + (area.width - cols) / 2;
    let y = area.y + (room - rows) / 2;
    let target = Rect::new(x, y, cols, rows);
    let key = Key {
        origin: placement.origin.clone(),
        cols,
        rows,
    };
    match pictures.get(&key).as_deref() {
        Some(Picture::Ready {
            graphic: Some(graphic),
            ..
        }) => {
            Image::new(graphic).render(target, buf);
            pictures.note_drawn(target, &key);
        }
        Some(Picture::Ready { blocks, .. }) => clipped(blocks, &key, 0, target, buf),
        Some(Picture::Failed(reason)) => {
            buf.set_span(x, y, &Span::styled(reason.clone(), style), area.width);
        }
        None => {}
    }
    let caption = Span::styled(placement.alt.clone(), style);
    let width = (caption.width() as u16).min(area.width);
    buf.set_span(
        area.x + (area.width - width) / 2,
        area.bottom().saturating_sub(1),
        &caption,
        width,
    );
}
