//! Posts laid out for the reader: once per post and width, kept, and never on the UI thread.
//! The app asks for a layout with an [`Effect::LayOut`]; the runner's worker reads the post,
//! sends a quick layout without highlighting, then the highlighted one, each as a
//! [`Done::LaidOut`].

use std::sync::Arc;

use super::reader::Laid;
use super::{App, Effect, Focus};
use crate::content::library::read_post_text;
use crate::content::links::ImageCheck;
use crate::content::{Library, Post, Source};
use crate::highlight::SyntaxTheme;
use crate::images::LayoutPictures;
use crate::render::{self, Header, Options};
use crate::theme::Appearance;

/// Which layout: a post at a width, for one state of the library.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct LayoutKey {
    pub post: usize,
    pub width: u16,
    /// The library's generation when the job was made; a stale one is dropped on arrival.
    pub generation: u64,
}

/// What the worker needs to read and lay out a post.
#[derive(Debug)]
pub struct LayoutJob {
    pub key: LayoutKey,
    pub post: Post,
    pub source: Source,
    pub appearance: Appearance,
    pub syntax_theme: Option<SyntaxTheme>,
    pub images: ImageCheck,
    pub pictures: Option<LayoutPictures>,
    /// Send a quick layout without highlighting first (none is kept yet).
    pub quick: bool,
    /// Asked for because the index selection moved: the runner may hold it while keys keep
    /// coming, since only the last post of a burst is shown for long.
    pub following: bool,
}

/// A layout coming back from the worker.
#[derive(Debug)]
pub struct LaidOut {
    pub key: LayoutKey,
    pub laid: Laid,
    pub highlighted: bool,
    /// The post could not be read; the layout is empty.
    pub error: Option<String>,
}

/// Results of work the runner did for the app.
#[derive(Debug)]
pub enum Done {
    LaidOut(LaidOut),
    /// The blog read again, or why it couldn't be.
    Reloaded(Result<Library, String>),
    Searched(super::Searched),
    /// Changes on disk applied to the blog.
    Refreshed(super::Refreshed),
    /// The blog's links indexed.
    Linked(super::Linked),
    /// The index's rows for a query.
    Listed(super::Listed),
    /// A query's matches in the open post.
    Found(super::Found),
    /// The blog's tags counted.
    Tagged(super::Tagged),
    /// The reading state written, or why it couldn't be.
    Saved(Result<(), String>),
    /// A picture decoded and encoded for the terminal at one size.
    Pictured(crate::images::cache::Key, crate::images::cache::Picture),
}

impl LayoutJob {
    /// The post's whole text, or a one-line error naming it.
    pub fn read(&self) -> Result<String, String> {
        read_post_text(&self.source, &self.post).map_err(|error| error.to_string())
    }

    /// The one way a post becomes lines in the reader: header and body at the job's width.
    pub fn lay_out(&self, text: &str, highlight: bool) -> LaidOut {
        let body = text.get(self.post.body_offset..).unwrap_or_default();
        let exists = |src: &str| self.images.exists(src);
        let params = crate::content::post::params(text);
        let options = Options {
            highlight,
            syntax_theme: self.syntax_theme.as_ref(),
            image_exists: Some(&exists),
            params: params.as_ref(),
            pictures: self.pictures.as_ref(),
            ..Options::new(usize::from(self.key.width), self.appearance)
        };
        LaidOut {
            key: self.key,
            laid: Laid::of(render::render(
                body,
                Some(&Header::from(&self.post)),
                &options,
            )),
            highlighted: highlight,
            error: None,
        }
    }

    /// The answer when the post can't be read.
    pub fn failed(&self, error: String) -> LaidOut {
        LaidOut {
            key: self.key,
            laid: Laid::default(),
            highlighted: true,
            error: Some(error),
        }
    }
}

impl App {
    /// Shows pictures this way from now on; the open post is laid out again for them.
    pub fn set_pictures(&mut self, pictures: crate::images::Pictures) {
        self.pictures = pictures;
        let gone = self.layouts.clear();
        self.free(gone);
        self.requested = None;
        self.effects
            .retain(|effect| !matches!(effect, Effect::LayOut(_)));
        self.lay_out_open_post();
    }

    /// Has layouts no longer kept freed on the worker.
    pub(super) fn free(&mut self, gone: Vec<Laid>) {
        if !gone.is_empty() {
            self.effects.push(Effect::Free(gone));
        }
    }

    /// Whether a layout asked for has not fully arrived; the runner looks for results sooner.
    pub fn awaiting_layout(&self) -> bool {
        self.requested.is_some()
    }

    /// Puts the open post's layout at the current width in the reader: at once when it is
    /// kept, else it is asked of the worker and the reader waits for it.
    pub(super) fn lay_out_open_post(&mut self) {
        let Some(post) = self.reader.as_ref().map(|r| r.post) else {
            return;
        };
        let key = LayoutKey {
            post,
            width: self.reader_width(),
            generation: self.generation,
        };
        match self.layouts.get(&key) {
            Some((laid, true)) => self.install(key, laid, true),
            Some((laid, false)) => {
                self.install(key, laid, false);
                self.request(key, false);
            }
            None => self.request(key, true),
        }
    }

    fn request(&mut self, key: LayoutKey, quick: bool) {
        if self.requested == Some(key) {
            return;
        }
        let Some(entry) = self.library.posts().get(key.post) else {
            return;
        };
        self.requested = Some(key);
        let job = LayoutJob {
            key,
            post: entry.clone(),
            source: self.library.source().clone(),
            appearance: self.appearance,
            syntax_theme: self.syntax_theme.clone(),
            images: ImageCheck::for_post(&self.library, entry),
            quick,
            following: self.focus == Focus::Index,
            pictures: LayoutPictures::for_post(
                &self.library,
                entry,
                self.pictures.display(),
                self.size.height,
            ),
        };
        self.effects.push(Effect::LayOut(Box::new(job)));
    }

    /// A layout arrived from the worker: keep it, and show it if its post is open at its width.
    pub(super) fn laid_out(&mut self, laid: LaidOut) {
        let key = laid.key;
        if key.generation != self.generation {
            return;
        }
        if laid.highlighted && self.requested == Some(key) {
            self.requested = None;
        }
        if let Some(error) = laid.error {
            self.message = Some(error);
        }
        let gone = self.layouts.keep(key, laid.laid.clone(), laid.highlighted);
        self.free(gone);
        self.install(key, laid.laid, laid.highlighted);
    }

    fn install(&mut self, key: LayoutKey, laid: Laid, highlighted: bool) {
        let width = self.reader_width();
        let height = self.reader_height();
        let Some(reader) = &mut self.reader else {
            return;
        };
        if reader.post != key.post
            || width != key.width
            || Arc::ptr_eq(&reader.rendered, &laid.rendered)
        {
            return;
        }
        let search_again = reader.relayout(laid, highlighted, height);
        if let Some(resume) = reader.waiting.take() {
            reader.resume(&resume, height);
        }
        if let Some(before) = search_again {
            self.find_again(before);
        }
        if self.focus == Focus::Reader {
            self.note_progress();
        }
    }
}
