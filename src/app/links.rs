//! Links in the reader: a cursor over all of them, following one (to another post of the
//! blog, or to the browser for web and mail links), and the way back.

use super::{App, Effect};

/// Link schemes that may be handed to the browser.
const OPENABLE_SCHEMES: [&str; 3] = ["http://", "https://", "mailto:"];

impl App {
    /// Moves the link cursor through every link of the post in reading order, scrolling the
    /// one it lands on into view. With no link selected it starts from the screen: the first
    /// link on it or below (Tab), the last one on it or above (Shift-Tab).
    pub(super) fn step_link(&mut self, delta: isize) {
        let height = self.reader_height().max(1);
        let Some(reader) = &mut self.reader else {
            return;
        };
        let links = &reader.rendered.links;
        let mut order: Vec<usize> = (0..links.len()).collect();
        order.sort_by_key(|&l| (links[l].line, l));
        let Some(&last) = order.last() else {
            self.message = Some("this post has no links".to_string());
            return;
        };
        let count = order.len() as isize;
        let next = match reader.link.and_then(|l| order.iter().position(|&o| o == l)) {
            Some(p) => order[(p as isize + delta).rem_euclid(count) as usize],
            None if delta > 0 => order
                .iter()
                .copied()
                .find(|&l| links[l].line >= reader.scroll)
                .unwrap_or(order[0]),
            None => order
                .iter()
                .rev()
                .copied()
                .find(|&l| links[l].line < reader.scroll + height)
                .unwrap_or(last),
        };
        let line = links[next].line;
        if line < reader.scroll || line >= reader.scroll + height {
            reader.scroll_to(line.saturating_sub(height / 3), height);
        }
        reader.link = Some(next);
        self.note_progress();
    }

    pub(super) fn follow_cursor_link(&mut self) {
        let Some(reader) = &self.reader else {
            return;
        };
        let Some(link) = reader.link else {
            self.message = Some("no link selected: Tab selects one".to_string());
            return;
        };
        let url = reader.rendered.links[link].url.clone();
        self.follow(&url);
    }

    pub(super) fn follow_number(&mut self, digits: &str) {
        let Some(reader) = &self.reader else {
            return;
        };
        let found = digits
            .parse::<usize>()
            .ok()
            .and_then(|n| reader.rendered.links.iter().find(|l| l.number == n));
        match found {
            Some(link) => {
                let url = link.url.clone();
                self.follow(&url);
            }
            None => self.message = Some(format!("no link [{digits}]")),
        }
    }

    /// Follows a URL: a post of this blog opens in the reader; a web or mail link goes to the
    /// browser; anything else is refused.
    pub(super) fn follow(&mut self, url: &str) {
        let lower = url.to_ascii_lowercase();
        // A full URL on the blog's own address opens its post here when there is one.
        let on_site = self.library.source().site().site_path(url).is_some();
        if !on_site
            && OPENABLE_SCHEMES
                .iter()
                .any(|scheme| lower.starts_with(scheme))
        {
            self.message = Some(format!("opening {url}"));
            self.effects.push(Effect::OpenUrl(url.to_string()));
            return;
        }
        let Some(current) = &self.reader else {
            return;
        };
        let from = &self.library.posts()[current.post];
        let target = url.split('#').next().unwrap_or(url);
        let Some(links) = &self.links else {
            // Indexing a big blog's links takes a moment on the worker; the link is followed
            // when the index arrives.
            self.link_waiting = Some((current.post, url.to_string()));
            self.message = Some(format!("finding {url}…"));
            if !self.links_asked {
                self.ask_links();
            }
            return;
        };
        match links.post(from, target) {
            Some(post) => {
                self.history.push((current.post, current.scroll));
                self.open_post(post, None);
                self.index.select_post(post);
                self.keep_selection_visible();
            }
            None if on_site => {
                self.message = Some(format!("opening {url}"));
                self.effects.push(Effect::OpenUrl(url.to_string()));
            }
            None if url.contains(':') => {
                self.message = Some(format!(
                    "not opened: {url} (only http, https and mailto links open)"
                ));
            }
            None => self.message = Some(format!("{url} is not a post of this blog")),
        }
    }

    pub(super) fn history_back(&mut self) {
        let Some((post, scroll)) = self.history.pop() else {
            self.message = Some("no earlier post to go back to".to_string());
            return;
        };
        self.open_post(post, Some(scroll));
        self.index.select_post(post);
        self.keep_selection_visible();
    }
}
