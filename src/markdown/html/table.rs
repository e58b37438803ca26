//! An HTML `<table>` gathered into folio's table, so it is drawn by the same renderer as a
//! pipe table: every `<td>`/`<th>` its own cell, a `<thead>` row or a first row of `<th>`
//! cells the header. A table inside a cell is flattened into that cell's text. A cell that
//! spans rows or columns leaves empty cells where it reaches, so later cells stay in their
//! columns.

use super::super::{Align, Emphasis, Inline, Table};
use super::attr::Attrs;

#[derive(Debug, Default)]
pub struct TableBuild {
    /// Tables opened inside this one's cells and not yet closed.
    pub nested: u32,
    in_head: bool,
    aligns: Vec<Align>,
    head_rows: Vec<Vec<Vec<Inline>>>,
    rows: Vec<Vec<Vec<Inline>>>,
    row: Option<Row>,
    cell: Option<Vec<Inline>>,
    /// Empty cells to add after the open one (its `colspan`).
    cell_extra_columns: usize,
    /// For each column: how many more rows a cell above still covers (`rowspan`).
    spans: Vec<usize>,
}

/// Largest `colspan` and `rowspan` honoured, so a hostile table stays small.
const MAX_COLSPAN: usize = 64;
const MAX_ROWSPAN: usize = 1000;

#[derive(Debug, Default)]
struct Row {
    cells: Vec<Vec<Inline>>,
    /// In `<thead>`, or every cell so far a `<th>`.
    head: bool,
    all_th: bool,
}

impl TableBuild {
    /// Takes a start tag that belongs to the table; false for any other.
    pub fn start(&mut self, name: &str, attrs: &Attrs<'_>) -> bool {
        if self.nested > 0 || (name == "table") {
            if name == "table" {
                self.nested += 1;
            }
            if matches!(name, "table" | "tr" | "td" | "th") {
                self.push(space());
            }
            return matches!(
                name,
                "table" | "tr" | "td" | "th" | "thead" | "tbody" | "tfoot"
            );
        }
        match name {
            "thead" => {
                self.end_row();
                self.in_head = true;
            }
            "tbody" | "tfoot" => {
                self.end_row();
                self.in_head = false;
            }
            "tr" => {
                self.end_row();
                self.open_row();
            }
            "td" | "th" => {
                self.end_cell();
                if self.row.is_none() {
                    self.open_row();
                }
                let column = self.row.as_ref().map_or(0, |r| r.cells.len());
                if self.rows.is_empty() && self.head_rows.is_empty() && self.aligns.len() == column
                {
                    self.aligns.push(attrs.align());
                }
                self.skip_spanned();
                let column = self.row.as_ref().map_or(0, |r| r.cells.len());
                let number = |name: &str, max: usize| {
                    attrs
                        .text(name)
                        .and_then(|n| n.parse::<usize>().ok())
                        .unwrap_or(1)
                        .clamp(1, max)
                };
                let columns = number("colspan", MAX_COLSPAN);
                let rows = number("rowspan", MAX_ROWSPAN);
                if rows > 1 {
                    if self.spans.len() < column + columns {
                        self.spans.resize(column + columns, 0);
                    }
                    for span in &mut self.spans[column..column + columns] {
                        *span = rows;
                    }
                }
                if let Some(row) = &mut self.row {
                    row.all_th &= name == "th";
                }
                self.cell = Some(Vec::new());
                self.cell_extra_columns = columns - 1;
            }
            "col" | "colgroup" | "caption" => {}
            _ => return false,
        }
        true
    }

    /// Takes an end tag that belongs to the table; false for any other.
    pub fn end(&mut self, name: &str) -> bool {
        if self.nested > 0 {
            if name == "table" {
                self.nested -= 1;
            }
            return matches!(
                name,
                "table" | "tr" | "td" | "th" | "thead" | "tbody" | "tfoot"
            );
        }
        match name {
            "td" | "th" => self.end_cell(),
            "tr" => self.end_row(),
            "thead" | "tbody" | "tfoot" => {
                self.end_row();
                self.in_head = false;
            }
            "col" | "colgroup" | "caption" => {}
            _ => return false,
        }
        true
    }

    /// Inline content for the open cell; content between cells is not shown.
    pub fn push(&mut self, inline: Inline) {
        if let Some(cell) = &mut self.cell {
            cell.push(inline);
        }
    }

    pub fn finish(mut self) -> Table {
        self.end_row();
        let mut rows = self.head_rows;
        let header = if rows.is_empty() {
            Vec::new()
        } else {
            rows.remove(0)
        };
        rows.extend(self.rows);
        Table {
            aligns: self.aligns,
            header,
            rows,
        }
    }

    fn open_row(&mut self) {
        self.row = Some(Row {
            cells: Vec::new(),
            head: self.in_head,
            all_th: true,
        });
    }

    fn end_cell(&mut self) {
        let Some(cell) = self.cell.take() else {
            return;
        };
        if let Some(row) = &mut self.row {
            row.cells.push(tidy(cell));
            for _ in 0..std::mem::take(&mut self.cell_extra_columns) {
                row.cells.push(Vec::new());
            }
        }
    }

    /// Empty cells for the columns that cells of rows above still cover.
    fn skip_spanned(&mut self) {
        if let Some(row) = &mut self.row {
            while self.spans.get(row.cells.len()).is_some_and(|&s| s > 0) {
                row.cells.push(Vec::new());
            }
        }
    }

    fn end_row(&mut self) {
        self.end_cell();
        if self.row.is_none() {
            return;
        }
        self.skip_spanned();
        for span in &mut self.spans {
            *span = span.saturating_sub(1);
        }
        let Some(row) = self.row.take() else {
            return;
        };
        let first = self.rows.is_empty() && self.head_rows.is_empty();
        if row.head || (first && row.all_th && !row.cells.is_empty()) {
            self.head_rows.push(row.cells);
        } else {
            self.rows.push(row.cells);
        }
    }
}

fn space() -> Inline {
    Inline::Text(" ".into(), Emphasis::default())
}

/// A cell without the whitespace around its content, with its links balanced.
fn tidy(mut cell: Vec<Inline>) -> Vec<Inline> {
    let mut open = 0usize;
    cell.retain(|inline| match inline {
        Inline::LinkStart(_) => {
            open += 1;
            true
        }
        Inline::LinkEnd if open == 0 => false,
        Inline::LinkEnd => {
            open -= 1;
            true
        }
        _ => true,
    });
    cell.extend(std::iter::repeat_n(Inline::LinkEnd, open));
    let mut tidied: Vec<Inline> = Vec::with_capacity(cell.len());
    for inline in cell {
        match inline {
            Inline::Text(text, emphasis) => {
                let after_space = match tidied.last() {
                    None | Some(Inline::HardBreak) => true,
                    Some(Inline::Text(prev, _)) => prev.ends_with(' '),
                    _ => false,
                };
                let text = if after_space {
                    text.trim_start().to_owned()
                } else {
                    text
                };
                if !text.is_empty() {
                    tidied.push(Inline::Text(text, emphasis));
                }
            }
            other => tidied.push(other),
        }
    }
    while let Some(Inline::Text(text, _)) = tidied.last_mut() {
        let trimmed = text.trim_end().len();
        text.truncate(trimmed);
        if !text.is_empty() {
            break;
        }
        tidied.pop();
    }
    tidied
}
