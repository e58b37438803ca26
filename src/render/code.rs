//! Syntax highlighting of code blocks.

use ratatui::text::Line;

use crate::theme::Appearance;

/// Highlighted code, one line per source line; `None` when the language is not known.
pub fn highlight(
    _code: &str,
    _lang: Option<&str>,
    _appearance: Appearance,
) -> Option<Vec<Line<'static>>> {
    None
}

/// Loads the highlighting assets ahead of first use.
pub fn warm_up() {}
