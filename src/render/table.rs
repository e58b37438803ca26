//! Tables: box-drawn, columns shrunk to fit the width (widest first) with cells that wrap,
//! never truncated. A table too wide to fit without splitting its words is shown as one
//! record per row instead, each cell under its header's name.

use ratatui::text::Span;

use super::layout::{Ctx, Writer};
use super::wrap::{self, Run, Wrapped};
use crate::markdown::{self, Align, Table};

/// Columns are not shrunk below this many columns of text.
const MIN_COLUMN: usize = 3;
/// Words longer than this (URLs, paths) may be split inside a cell; shorter ones are kept
/// whole, and a table whose words can't all fit whole is shown as records instead.
const LONG_WORD: usize = 16;

impl Writer<'_> {
    pub(super) fn table(&mut self, table: &Table, ctx: &mut Ctx) {
        let columns = table
            .rows
            .iter()
            .map(Vec::len)
            .chain([table.header.len()])
            .max()
            .unwrap_or(0);
        if columns == 0 {
            return;
        }
        let empty = Vec::new();
        let cell = |row: &[Vec<markdown::Inline>], c: usize| row.get(c).unwrap_or(&empty).clone();
        let header: Vec<Vec<Run>> = (0..columns)
            .map(|c| self.runs(&cell(&table.header, c), self.theme.table_header))
            .collect();
        let rows: Vec<Vec<Vec<Run>>> = table
            .rows
            .iter()
            .map(|row| {
                (0..columns)
                    .map(|c| self.runs(&cell(row, c), self.theme.text))
                    .collect()
            })
            .collect();
        let frame = 3 * columns + 1;
        let words: Vec<usize> = (0..columns)
            .map(|c| {
                rows.iter()
                    .map(|row| &row[c])
                    .chain([&header[c]])
                    .map(|runs| wrap::longest_word(runs).min(LONG_WORD))
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        if ctx.width < frame + words.iter().map(|&w| w.max(MIN_COLUMN)).sum::<usize>() {
            self.records(&table.header, &rows, ctx);
            return;
        }
        let natural: Vec<usize> = (0..columns)
            .map(|c| {
                rows.iter()
                    .map(|row| &row[c])
                    .chain([&header[c]])
                    .map(|runs| wrap::natural_width(runs))
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        let widths = column_widths(&natural, &words, ctx.width - frame);
        let aligns: Vec<Align> = (0..columns)
            .map(|c| table.aligns.get(c).copied().unwrap_or(Align::None))
            .collect();
        let wrap_row = |row: &[Vec<Run>]| -> Vec<Wrapped> {
            row.iter()
                .zip(&widths)
                .map(|(runs, &w)| wrap::wrap(runs, w))
                .collect()
        };
        let header = wrap_row(&header);
        let rows: Vec<Vec<Wrapped>> = rows.iter().map(|row| wrap_row(row)).collect();
        let separate = rows.iter().any(|row| row.iter().any(|c| c.lines.len() > 1));
        self.border(ctx, &widths, ['┌', '┬', '┐'], '─');
        if table.header.iter().any(|c| !c.is_empty()) {
            self.row(ctx, &header, &widths, &aligns);
            self.border(ctx, &widths, ['╞', '╪', '╡'], '═');
        }
        for (i, row) in rows.iter().enumerate() {
            if i > 0 && separate {
                self.border(ctx, &widths, ['├', '┼', '┤'], '─');
            }
            self.row(ctx, row, &widths, &aligns);
        }
        self.border(ctx, &widths, ['└', '┴', '┘'], '─');
    }

    fn border(&mut self, ctx: &mut Ctx, widths: &[usize], corners: [char; 3], line: char) {
        let mut text = String::new();
        text.push(corners[0]);
        for (i, &w) in widths.iter().enumerate() {
            if i > 0 {
                text.push(corners[1]);
            }
            text.extend(std::iter::repeat_n(line, w + 2));
        }
        text.push(corners[2]);
        self.emit(ctx, vec![Span::styled(text, self.theme.table_border)]);
    }

    fn row(&mut self, ctx: &mut Ctx, cells: &[Wrapped], widths: &[usize], aligns: &[Align]) {
        let height = cells.iter().map(|c| c.lines.len()).max().unwrap_or(1);
        let base = self.lines_len();
        let bar = || Span::styled("│", self.theme.table_border);
        for line in 0..height {
            let mut spans = vec![bar()];
            for ((cell, &w), &align) in cells.iter().zip(widths).zip(aligns) {
                spans.push(Span::raw(" "));
                let content = cell.lines.get(line).cloned().unwrap_or_default();
                spans.extend(Writer::pad(content, w, align));
                spans.push(Span::raw(" "));
                spans.push(bar());
            }
            self.emit(ctx, spans);
        }
        for cell in cells {
            for &(number, offset) in &cell.anchors {
                self.place_link(number, base + offset);
            }
        }
    }

    /// One record per row: `Header: value` lines, rows apart by a rule.
    fn records(&mut self, header: &[Vec<markdown::Inline>], rows: &[Vec<Vec<Run>>], ctx: &mut Ctx) {
        let names: Vec<String> = header.iter().map(|h| markdown::plain(h)).collect();
        for (i, row) in rows.iter().enumerate() {
            let rule = "─".repeat(ctx.width);
            if i == 0 {
                self.emit(ctx, vec![Span::styled(rule, self.theme.table_border)]);
            }
            for (c, cell) in row.iter().enumerate() {
                let name = names.get(c).filter(|n| !n.trim().is_empty());
                let label = name.map_or_else(|| format!("{}", c + 1), |n| n.trim().to_string());
                let mut runs = vec![Run::Text(format!("{label}: "), self.theme.table_header)];
                runs.extend(cell.iter().cloned());
                let mut inner = ctx.nest(Vec::new(), vec![Span::raw("  ")]);
                let wrapped = wrap::wrap(&runs, inner.width);
                self.wrapped(&wrapped, &mut inner);
                ctx.absorb(&inner);
            }
            let rule = "─".repeat(ctx.width);
            self.emit(ctx, vec![Span::styled(rule, self.theme.table_border)]);
        }
    }
}

/// Column widths that fit `room`: natural widths, the widest shrunk a column at a time,
/// first down to its longest word, then (when that is not enough) down to [`MIN_COLUMN`].
fn column_widths(natural: &[usize], words: &[usize], room: usize) -> Vec<usize> {
    let mut widths: Vec<usize> = natural.iter().map(|&n| n.clamp(1, room.max(1))).collect();
    let mut total: usize = widths.iter().sum();
    for floor in [words, &vec![MIN_COLUMN; widths.len()]] {
        while total > room {
            let widest = widths
                .iter()
                .enumerate()
                .filter(|&(i, &w)| w > floor.get(i).copied().unwrap_or(0).max(MIN_COLUMN))
                .max_by_key(|&(i, &w)| (w, usize::MAX - i));
            let Some((widest, _)) = widest else {
                break;
            };
            widths[widest] -= 1;
            total -= 1;
        }
    }
    widths
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn natural_widths_are_kept_when_they_fit() {
        assert_eq!(column_widths(&[5, 10, 3], &[5, 5, 3], 30), [5, 10, 3]);
    }

    #[test]
    fn the_widest_column_shrinks_first() {
        assert_eq!(column_widths(&[10, 40, 8], &[5, 5, 5], 40), [10, 22, 8]);
        assert_eq!(column_widths(&[30, 30], &[5, 5], 40), [20, 20]);
    }

    #[test]
    fn words_are_kept_whole_while_another_column_can_give() {
        assert_eq!(column_widths(&[12, 24], &[12, 4], 20), [12, 8]);
    }

    #[test]
    fn no_column_goes_below_the_minimum() {
        assert_eq!(column_widths(&[1, 50, 50], &[1, 9, 9], 9), [1, 4, 4]);
        assert!(column_widths(&[0], &[0], 5)[0] >= 1);
    }
}
