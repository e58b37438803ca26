//! Links in the reader: a cursor over the visible ones, following one (to another post of the
//! blog, or to the browser for web and mail links), and the way back.

use super::{App, Effect};

/// Link schemes that may be handed to the browser.
const OPENABLE_SCHEMES: [&str; 3] = ["http://", "https://", "mailto:"];

impl App {
    pub(super) fn step_link(&mut self, delta: isize) {
        let height = self.reader_height();
        let Some(reader) = &mut self.reader else {
            return;
        };
        let visible = reader.visible_links(height);
        if visible.is_empty() {
            self.message = Some("no links on this screen".to_string());
            reader.link = None;
            return;
        }
        let position = reader
            .link
            .and_then(|current| visible.iter().position(|&l| l == current));
        let next = match (position, delta > 0) {
            (None, true) => 0,
            (None, false) => visible.len() - 1,
            (Some(p), _) => (p as isize + delta).rem_euclid(visible.len() as isize) as usize,
        };
        reader.link = Some(visible[next]);
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
