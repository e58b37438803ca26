//! Pictures in the reader: a post's images found the way its site finds them, decoded under
//! limits on a worker, kept per size within a memory budget, and drawn with ratatui-image in
//! the terminal's own protocol (kitty, iTerm2, sixel) or as half-blocks anywhere else.
//!
//! The layout reserves rows for each picture from its header alone ([`slot`]), so a post opens
//! as fast as without pictures and nothing moves when they arrive.

pub mod cache;
pub mod decode;
pub mod draw;
pub mod fit;
pub mod inline;
pub mod lookup;
pub mod terminal;

use std::path::{Path, PathBuf};

use crate::content::{Library, Post, Source};

pub use cache::Pictures;
pub use fit::CellSize;
pub use lookup::{Finder, Found, Origin};
pub use terminal::{Display, Setting};

/// Where a picture sits in a laid-out post.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placement {
    /// Index of its first reserved line.
    pub line: usize,
    pub rows: u16,
    pub cols: u16,
    /// Columns of quote or list prefix to its left.
    pub indent: u16,
    pub origin: Origin,
    /// Its size in pixels, for the full-screen view.
    pub natural: (u32, u32),
    /// The text shown under it.
    pub alt: String,
}

/// What the layout needs to reserve room for pictures. Owned, so a background layout can take
/// it along.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LayoutPictures {
    pub finder: Finder,
    pub cell: CellSize,
    /// At most this many columns for one picture, beside the text column's width.
    pub max_cols: u16,
    /// At most this many rows for one picture: about half the screen.
    pub max_rows: u16,
}

impl LayoutPictures {
    /// For a post of `library`, when pictures are shown at all; `screen_rows` is the terminal's
    /// height, half of which a picture may take.
    pub fn for_post(
        library: &Library,
        post: &Post,
        display: Option<Display>,
        screen_rows: u16,
    ) -> Option<LayoutPictures> {
        let display = display?;
        let finder = match library.source() {
            Source::Disk { root, site, .. } => Finder::on_site(&root.join(&post.file), root, site),
            Source::Sample => Finder::in_sample(&post.file),
            Source::Stdin(_) => Finder::on_site(
                &Path::new(".").join(&post.file),
                Path::new("."),
                &crate::site::Site::PLAIN,
            ),
        };
        let (max_cols, max_rows) = display.max_cells();
        Some(LayoutPictures {
            finder,
            cell: display.cell,
            max_cols,
            max_rows: (screen_rows / 2).max(4).min(max_rows),
        })
    }
}

/// What an image source will show as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Slot {
    Picture {
        origin: Origin,
        natural: (u32, u32),
    },
    /// A placeholder with this reason (nothing for a web address, whose URL is shown).
    Placeholder(Option<String>),
}

/// Finds an image and reads its size from its header.
pub fn slot(finder: &Finder, src: &str) -> Slot {
    match finder.find(src) {
        Found::Remote => Slot::Placeholder(None),
        Found::Missing(tried) => Slot::Placeholder(Some(format!("not found: {}", shown(&tried)))),
        Found::Local(origin) => match decode::probe(&origin) {
            Ok(natural) => Slot::Picture { origin, natural },
            Err(refusal) => Slot::Placeholder(Some(refusal.to_string())),
        },
    }
}

/// A path as short as it can be said: relative to the working folder when it is inside it.
fn shown(path: &Path) -> String {
    let relative = std::env::current_dir()
        .ok()
        .and_then(|dir| path.strip_prefix(dir).ok().map(PathBuf::from));
    relative.as_deref().unwrap_or(path).display().to_string()
}

/// The picture to show full-screen: of those on screen (the post scrolled to `scroll`, `height`
/// rows shown), the one nearest the selected line, else the first.
pub fn picture_to_view(
    placements: &[Placement],
    scroll: usize,
    height: usize,
    selected_line: Option<usize>,
) -> Option<usize> {
    let on_screen = placements
        .iter()
        .enumerate()
        .filter(|(_, p)| p.line < scroll + height && p.line + usize::from(p.rows) > scroll);
    match selected_line {
        Some(line) => on_screen
            .min_by_key(|(_, p)| p.line.abs_diff(line))
            .map(|(i, _)| i),
        None => on_screen.map(|(i, _)| i).next(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(line: usize) -> Placement {
        Placement {
            line,
            rows: 5,
            cols: 10,
            indent: 0,
            origin: Origin::File(PathBuf::from("a.png")),
            natural: (100, 100),
            alt: String::new(),
        }
    }

    #[test]
    fn the_first_picture_on_screen_is_viewed() {
        let pictures = [at(2), at(30), at(50)];
        assert_eq!(picture_to_view(&pictures, 0, 20, None), Some(0));
        // The first is scrolled off; the second is partly in view.
        assert_eq!(picture_to_view(&pictures, 10, 22, None), Some(1));
        assert_eq!(picture_to_view(&pictures, 60, 20, None), None);
    }

    #[test]
    fn the_picture_nearest_the_selection_is_viewed() {
        let pictures = [at(2), at(12), at(22)];
        assert_eq!(picture_to_view(&pictures, 0, 30, Some(20)), Some(2));
        assert_eq!(picture_to_view(&pictures, 0, 30, Some(9)), Some(1));
    }
}
