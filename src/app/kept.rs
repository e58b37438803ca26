//! The layouts kept to go back to, within a budget: at most [`KEPT_LAYOUTS`] of them and
//! [`KEPT_LINES`] lines in all, the oldest let go first. Freeing a layout costs in proportion
//! to it (7 ms for a 1 MB post's), so what is let go is handed back to be freed on the worker.

use std::collections::HashMap;

use super::layouts::LayoutKey;
use super::reader::Laid;

/// Layouts kept: enough to go back and forth over a screenful of posts.
const KEPT_LAYOUTS: usize = 32;

/// Lines kept in all: about six 1 MB posts, or every layout of a blog of short ones.
const KEPT_LINES: usize = 200_000;

#[derive(Debug, Default)]
pub struct KeptLayouts {
    entries: HashMap<LayoutKey, Entry>,
    lines: usize,
    /// Counts layouts kept, so the oldest is known.
    kept: u64,
}

#[derive(Debug)]
struct Entry {
    laid: Laid,
    highlighted: bool,
    number: u64,
}

impl KeptLayouts {
    /// The layout kept for `key`, with whether it is highlighted.
    pub fn get(&self, key: &LayoutKey) -> Option<(Laid, bool)> {
        let entry = self.entries.get(key)?;
        Some((entry.laid.clone(), entry.highlighted))
    }

    /// Keeps `laid` for `key`; returns the layouts let go for it (one it replaces, and the
    /// oldest while over the budget), to be freed elsewhere.
    pub fn keep(&mut self, key: LayoutKey, laid: Laid, highlighted: bool) -> Vec<Laid> {
        let mut gone: Vec<Laid> = self.take(&key).into_iter().collect();
        let lines = laid.rendered.lines.len();
        while !self.entries.is_empty()
            && (self.entries.len() >= KEPT_LAYOUTS || self.lines + lines > KEPT_LINES)
        {
            let oldest = self.entries.iter().min_by_key(|(_, entry)| entry.number);
            let Some(oldest) = oldest.map(|(key, _)| *key) else {
                break;
            };
            gone.extend(self.take(&oldest));
        }
        self.kept += 1;
        self.lines += lines;
        let number = self.kept;
        self.entries.insert(
            key,
            Entry {
                laid,
                highlighted,
                number,
            },
        );
        gone
    }

    /// Lets every layout go, to be freed elsewhere.
    pub fn clear(&mut self) -> Vec<Laid> {
        self.lines = 0;
        self.entries.drain().map(|(_, entry)| entry.laid).collect()
    }

    fn take(&mut self, key: &LayoutKey) -> Option<Laid> {
        let entry = self.entries.remove(key)?;
        self.lines -= entry.laid.rendered.lines.len();
        Some(entry.laid)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::Rendered;
    use ratatui::text::Line;

    fn key(post: usize) -> LayoutKey {
        LayoutKey {
            post,
            width: 80,
            generation: 0,
        }
    }

    fn laid(lines: usize) -> Laid {
        Laid::of(Rendered {
            lines: vec![Line::raw("a line"); lines],
            ..Rendered::default()
        })
    }

    #[test]
    fn the_oldest_layouts_go_first_to_keep_within_the_lines() {
        let mut kept = KeptLayouts::default();
        for post in 0..3 {
            assert!(kept.keep(key(post), laid(KEPT_LINES / 4), false).is_empty());
        }
        let gone = kept.keep(key(3), laid(KEPT_LINES / 2), false);
        assert_eq!(gone.len(), 1, "one went to make room");
        assert!(kept.get(&key(0)).is_none(), "the oldest");
        assert!(kept.get(&key(1)).is_some() && kept.get(&key(3)).is_some());
        assert_eq!(kept.clear().len(), 3);
        assert!(kept.get(&key(3)).is_none());
    }

    #[test]
    fn no_more_than_the_number_kept_and_a_replaced_layout_goes() {
        let mut kept = KeptLayouts::default();
        for post in 0..KEPT_LAYOUTS {
            assert!(kept.keep(key(post), laid(1), false).is_empty());
        }
        assert_eq!(kept.keep(key(KEPT_LAYOUTS), laid(1), false).len(), 1);
        assert!(kept.get(&key(0)).is_none());
        let replaced = kept.keep(key(5), laid(2), true);
        assert_eq!(
            replaced.len(),
            1,
            "the quick layout the highlighted one replaces"
        );
        assert_eq!(
            kept.get(&key(5)).map(|(_, highlighted)| highlighted),
            Some(true)
        );
    }
}
