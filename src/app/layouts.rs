//! Posts laid out for the reader: once per post and width, kept, first without highlighting so
//! the first screen is quick, then again with colours on a background job.

use std::sync::Arc;

use super::App;
use crate::content::Post;
use crate::content::links::ImageCheck;
use crate::highlight::SyntaxTheme;
use crate::render::{self, Header, Options, Rendered};
use crate::theme::Appearance;

/// A layout that still lacks code highlighting: `main` lays it out off the UI thread and
/// hands it back through [`App::install_layout`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct LayoutKey {
    pub post: usize,
    pub width: u16,
    /// The library's generation when the job was made; a stale one is dropped on arrival.
    pub generation: u64,
}

/// What a background job needs to lay out a post with highlighting.
pub struct LayoutJob {
    pub key: LayoutKey,
    pub post: Post,
    pub text: String,
    pub appearance: Appearance,
    pub syntax_theme: Option<SyntaxTheme>,
    pub images: ImageCheck,
}

impl LayoutJob {
    pub fn run(&self) -> Rendered {
        lay_out(self, true)
    }
}

/// The one way a post becomes lines in the reader: header and body at the job's width.
fn lay_out(job: &LayoutJob, highlight: bool) -> Rendered {
    let body = job.text.get(job.post.body_offset..).unwrap_or_default();
    let exists = |src: &str| job.images.exists(src);
    let options = Options {
        highlight,
        syntax_theme: job.syntax_theme.as_ref(),
        image_exists: Some(&exists),
        ..Options::new(usize::from(job.key.width), job.appearance)
    };
    render::render(body, Some(&Header::from(&job.post)), &options)
}

impl App {
    /// Layouts to redo with highlighting, each with the text it was made from; the caller
    /// takes them to a background thread.
    pub fn take_pending(&mut self) -> Vec<LayoutJob> {
        std::mem::take(&mut self.pending)
    }

    /// A highlighted layout arrived from the background.
    pub fn install_layout(&mut self, key: LayoutKey, rendered: Rendered) {
        if key.generation != self.generation {
            return;
        }
        let rendered = Arc::new(rendered);
        self.layouts.insert(key, (rendered.clone(), true));
        let height = self.reader_height();
        let width = self.reader_width();
        if let Some(reader) = &mut self.reader
            && reader.post == key.post
            && width == key.width
        {
            reader.relayout(rendered, true, height);
        }
    }

    /// Lays the open post out again at the current width.
    pub(super) fn layout_open_post(&mut self) {
        let width = self.reader_width();
        let height = self.reader_height();
        let Some(post) = self.reader.as_ref().map(|r| r.post) else {
            return;
        };
        let (rendered, highlighted) = self.layout(post, width);
        if let Some(reader) = &mut self.reader
            && !Arc::ptr_eq(&reader.rendered, &rendered)
        {
            reader.relayout(rendered, highlighted, height);
        }
    }

    /// A cached layout, or a quick one without highlighting (the highlighted one is queued).
    pub(super) fn layout(&mut self, post: usize, width: u16) -> (Arc<Rendered>, bool) {
        let key = LayoutKey {
            post,
            width,
            generation: self.generation,
        };
        if let Some((rendered, highlighted)) = self.layouts.get(&key) {
            return (rendered.clone(), *highlighted);
        }
        let Some(entry) = self.library.posts().get(post) else {
            return (Arc::new(Rendered::default()), true);
        };
        let text = match self.library.read_text(entry) {
            Ok(text) => text,
            Err(error) => {
                self.message = Some(error.to_string());
                String::new()
            }
        };
        let job = LayoutJob {
            key,
            post: entry.clone(),
            text,
            appearance: self.appearance,
            syntax_theme: self.syntax_theme.clone(),
            images: ImageCheck::for_post(&self.library, entry),
        };
        let rendered = Arc::new(lay_out(&job, false));
        if self.layouts.len() > 32 {
            self.layouts.clear();
        }
        self.layouts.insert(key, (rendered.clone(), false));
        self.pending.push(job);
        (rendered, false)
    }
}
