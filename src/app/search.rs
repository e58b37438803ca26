//! Finding things in the open post: search with match stepping, and the outline of headings.

use super::reader;
use super::{App, Overlay};

impl App {
    pub(super) fn search(&mut self, query: &str) {
        let height = self.reader_height();
        let Some(reader) = &mut self.reader else {
            return;
        };
        let mut search = reader::find(&reader.text, query);
        search.current = search
            .matches
            .iter()
            .position(|m| m.line >= reader.scroll)
            .unwrap_or(0);
        if let Some(found) = search.matches.get(search.current) {
            let line = found.line;
            if line < reader.scroll || line >= reader.scroll + height {
                reader.scroll_to(line.saturating_sub(height / 3), height);
            }
        }
        reader.search = Some(search);
    }

    pub(super) fn step_match(&mut self, delta: isize) {
        let height = self.reader_height();
        let Some(reader) = &mut self.reader else {
            return;
        };
        let Some(search) = &mut reader.search else {
            self.message = Some("no search: press / to search".to_string());
            return;
        };
        let count = search.matches.len();
        if count == 0 {
            self.message = Some(format!("no match for “{}”", search.query));
            return;
        }
        search.current = (search.current as isize + delta).rem_euclid(count as isize) as usize;
        let line = search.matches[search.current].line;
        if line < reader.scroll || line >= reader.scroll + height {
            reader.scroll_to(line.saturating_sub(height / 3), height);
        }
    }

    pub(super) fn open_outline(&mut self) {
        let Some(reader) = &self.reader else { return };
        if reader.rendered.headings.is_empty() {
            self.message = Some("this post has no headings".to_string());
            return;
        }
        self.overlay = Some(Overlay::Outline {
            selected: reader.current_heading(),
        });
    }
}
