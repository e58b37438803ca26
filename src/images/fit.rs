//! How many terminal cells a picture takes: the reader's width and a share of the screen's
//! height at most, its aspect kept, never larger than its own pixels.

/// Pixels of one terminal cell, as the terminal reported them (or a 1:2 guess).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct CellSize {
    pub width: u16,
    pub height: u16,
}

impl Default for CellSize {
    /// A common cell shape; half-blocks only need the 1:2 ratio to be about right.
    fn default() -> Self {
        CellSize {
            width: 10,
            height: 20,
        }
    }
}

/// Columns and rows a `width` × `height` pixel picture takes, within `max_cols` × `max_rows`
/// cells. Zero-sized pictures and areas take nothing.
pub fn cells(width: u32, height: u32, cell: CellSize, max_cols: u16, max_rows: u16) -> (u16, u16) {
    if width == 0 || height == 0 || cell.width == 0 || cell.height == 0 {
        return (0, 0);
    }
    if max_cols == 0 || max_rows == 0 {
        return (0, 0);
    }
    let (cw, ch) = (f64::from(cell.width), f64::from(cell.height));
    let (w, h) = (f64::from(width), f64::from(height));
    // The picture's natural size in cells, then scaled down (never up) to fit both limits.
    let natural_cols = w / cw;
    let natural_rows = h / ch;
    let scale = (f64::from(max_cols) / natural_cols)
        .min(f64::from(max_rows) / natural_rows)
        .min(1.0);
    let cols = (natural_cols * scale)
        .round()
        .clamp(1.0, f64::from(max_cols));
    let rows = (natural_rows * scale)
        .round()
        .clamp(1.0, f64::from(max_rows));
    (cols as u16, rows as u16)
}

#[cfg(test)]
mod tests {
    use super::*;

    const CELL: CellSize = CellSize {
        width: 10,
        height: 20,
    };

    #[test]
    fn a_small_picture_keeps_its_natural_size() {
        assert_eq!(cells(200, 100, CELL, 80, 20), (20, 5));
    }

    #[test]
    fn a_wide_picture_is_fitted_to_the_width_with_its_aspect() {
        // 2000 × 500 px is 200 × 25 cells; halved to 100 columns, it is 12.5 rows.
        assert_eq!(cells(2000, 500, CELL, 100, 40), (100, 13));
    }

    #[test]
    fn a_tall_picture_is_fitted_to_the_row_limit() {
        // 400 × 2000 px is 40 × 100 cells; a fifth of that is 8 × 20.
        assert_eq!(cells(400, 2000, CELL, 80, 20), (8, 20));
    }

    #[test]
    fn a_tiny_picture_takes_at_least_one_cell() {
        assert_eq!(cells(3, 2, CELL, 80, 20), (1, 1));
    }

    #[test]
    fn nothing_to_fit_takes_nothing() {
        assert_eq!(cells(0, 100, CELL, 80, 20), (0, 0));
        assert_eq!(cells(100, 100, CELL, 0, 20), (0, 0));
    }

    #[test]
    fn the_cell_shape_changes_the_rows() {
        let square = CellSize {
            width: 10,
            height: 10,
        };
        assert_eq!(cells(200, 100, square, 80, 20), (20, 10));
    }
}
