//! Pictures printed into a terminal's scrollback, for `folio render --images`: the rows are
//! made first (scrolling the screen if need be), then the picture is drawn into them from a
//! saved cursor position, so the text after it lands below it whatever the protocol does with
//! the cursor.

use std::io::{self, Write};

use ratatui::buffer::{Buffer, CellDiffOption};
use ratatui::layout::Rect;
use ratatui::style::Color;
use ratatui::widgets::Widget;
use ratatui_image::Image;
use ratatui_image::picker::ProtocolType;

use super::Placement;
use super::cache::{self, Key, Picture};
use super::terminal::Display;
use crate::render::Rendered;
use ratatui::text::Line;

/// Pictures for `folio render`: made one at a time, as they are printed.
pub struct Printer {
    display: Display,
    pixels: ratatui_image::picker::Picker,
    blocks: ratatui_image::picker::Picker,
}

impl Printer {
    /// Only for a terminal that draws pixels: half-blocks in a pipe or a log are no use.
    pub fn new(display: Display) -> Option<Printer> {
        if display.protocol == ProtocolType::Halfblocks {
            return None;
        }
        let (pixels, blocks) = cache::pickers(display);
        Some(Printer {
            display,
            pixels,
            blocks,
        })
    }

    pub fn display(&self) -> Display {
        self.display
    }

    /// Prints the picture in `placement.rows` rows, or the reason it can't be shown in one.
    pub fn print(&self, placement: &Placement, out: &mut impl Write) -> io::Result<()> {
        let key = Key {
            origin: placement.origin.clone(),
            cols: placement.cols,
            rows: placement.rows,
        };
        let graphic = match cache::make(&key, &self.pixels, &self.blocks, self.display) {
            Picture::Ready {
                graphic: Some(graphic),
                ..
            } => graphic,
            Picture::Ready { graphic: None, .. } => return Ok(()),
            Picture::Failed(reason) => {
                writeln!(out, "▣ {} — {reason}", placement.alt)?;
                return Ok(());
            }
        };
        let area = Rect::new(0, 0, placement.cols, placement.rows);
        let mut buf = Buffer::empty(area);
        Image::new(&graphic).render(area, &mut buf);
        let rows = placement.rows;
        // Make room, go back to its top, and remember where that is.
        write!(out, "{}\x1b[{rows}A\r\x1b7", "\n".repeat(usize::from(rows)))?;
        for y in 0..rows {
            write!(out, "\x1b8")?;
            if y > 0 {
                write!(out, "\x1b[{y}B")?;
            }
            if placement.indent > 0 {
                write!(out, "\x1b[{}C", placement.indent)?;
            }
            write_row(&buf, y, out)?;
        }
        write!(out, "\x1b8\x1b[{rows}B\r")?;
        Ok(())
    }
}

/// One row of cells as ratatui would draw them: the symbols of cells that are not skipped,
/// in their foreground colour (kitty's placeholders carry the picture's id in it).
fn write_row(buf: &Buffer, y: u16, out: &mut impl Write) -> io::Result<()> {
    for x in 0..buf.area.width {
        let Some(cell) = buf.cell((x, y)) else {
            continue;
        };
        if cell.diff_option == CellDiffOption::Skip {
            continue;
        }
        match cell.fg {
            Color::Rgb(r, g, b) => write!(out, "\x1b[38;2;{r};{g};{b}m")?,
            Color::Indexed(i) => write!(out, "\x1b[38;5;{i}m")?,
            _ => {}
        }
        out.write_all(cell.symbol().as_bytes())?;
    }
    write!(out, "\x1b[39m")
}

/// Writes a laid-out post with its pictures in the rows reserved for them; `text` writes a run
/// of lines.
pub fn write(
    rendered: &Rendered,
    printer: &Printer,
    out: &mut impl Write,
    mut text: impl FnMut(&[Line<'static>], &mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let mut next = 0;
    for placement in &rendered.images {
        let start = placement.line.min(rendered.lines.len());
        text(&rendered.lines[next..start], out)?;
        printer.print(placement, out)?;
        next = (start + usize::from(placement.rows)).min(rendered.lines.len());
    }
    text(&rendered.lines[next..], out)
}
