//! The reader's state and the one place it changes: [`App::update`].
//!
//! Keys become [`Action`]s through the keymap; `update` applies an action and hands back the
//! [`Effect`]s it asks for: lay a post out, read the blog again, save the reading state, open a
//! URL, run the editor, suspend. The runner carries them out, the slow ones on its worker, and
//! brings results back through [`App::receive`]. Nothing here reads a file, waits or touches
//! the terminal, so every behaviour can be tested by feeding actions and looking at effects.
//!
//! Each part handles its own actions: the index (`index.rs`), the reader (`reader.rs`), the
//! overlays and input lines (`overlay.rs`). `update` only routes by mode.

pub mod clipboard;
pub mod fulltext;
mod held;
pub mod index;
mod layouts;
mod links;
mod memory;
mod navigate;
pub mod overlay;
pub mod reader;
mod reload;
pub mod rows;
mod search;

pub use fulltext::{FullText, SearchJob, Searched};
pub use layouts::{Done, LaidOut, LayoutJob, LayoutKey};
pub use memory::Save;
pub use overlay::{Input, Overlay};
pub use reload::{LinkJob, Linked, Refresh, Refreshed};
pub use rows::{Listed, RowsJob, Tagged, TagsJob};
pub use search::{FindJob, Found};

use crate::highlight::SyntaxTheme;
use std::collections::HashMap;
use std::path::PathBuf;

use ratatui::layout::Rect;

use crate::action::Action;
use crate::config::Settings;
use crate::content::links::LinkIndex;
use crate::content::{Library, Source};
use crate::geometry::{self, Areas, IndexWidth, Panes};
use crate::keymap::{Key, Keymap, Mode};
use crate::state::{ReadingState, Store};
use crate::theme::{Appearance, ColorDepth};
use index::IndexState;
use reader::ReaderState;

/// Which pane has the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Index,
    Reader,
}

/// Work for the runner, outside the pure state.
#[derive(Debug)]
pub enum Effect {
    /// Read a post and lay it out, off the UI thread; answered by [`Done::LaidOut`].
    LayOut(Box<LayoutJob>),
    /// Read the whole blog again, off the UI thread, with the metadata cache in the state
    /// folder when there is one; answered by [`Done::Reloaded`].
    Reload(Source, Option<PathBuf>),
    /// Read the files changes on disk touched, off the UI thread; answered by
    /// [`Done::Refreshed`].
    Refresh(Box<Refresh>),
    /// Index the blog's links, off the UI thread; answered by [`Done::Linked`].
    IndexLinks(LinkJob),
    /// Write the reading state to its file, off the UI thread; a failure comes back as
    /// [`Done::Saved`].
    Save(Save),
    /// Open an http(s) or mailto URL in the browser.
    OpenUrl(String),
    /// Put this text (checked: no control characters) on the clipboard through the terminal,
    /// with [`clipboard::osc52`].
    Copy(String),
    /// Edit this file in the user's editor, then tell the app through [`App::edited`].
    Edit(PathBuf),
    /// Give the terminal back and stop until the shell resumes folio.
    Suspend,
    /// Search every post's text on the worker; answered by [`Done::Searched`].
    SearchAll(Box<SearchJob>),
    /// List the index's posts for its query, on the worker; answered by [`Done::Listed`].
    ListPosts(Box<RowsJob>),
    /// Look for a query in the open post's text, on the worker; answered by [`Done::Found`].
    Find(Box<FindJob>),
    /// Count the blog's tags for the tag list, on the worker; answered by [`Done::Tagged`].
    CountTags(Box<TagsJob>),
}

pub struct App {
    library: Library,
    /// Built on the worker once the first frame is drawn, and again after each change.
    links: Option<LinkIndex>,
    /// Whether the link index has been asked for, so it is asked again after a change.
    links_asked: bool,
    /// A link followed before the index arrived: from which post, and where to.
    link_waiting: Option<(usize, String)>,
    /// Whether a link index is being made on the worker from a copy sharing the posts.
    links_out: bool,
    /// Changed files read on the worker, waiting for that link index.
    refreshed_waiting: Vec<Refreshed>,
    pub keymap: Keymap,
    pub appearance: Appearance,
    /// What the terminal can show; colours are brought down to it when drawn.
    pub color_depth: ColorDepth,
    pub index: IndexState,
    pub reader: Option<ReaderState>,
    pub focus: Focus,
    pub input: Option<Input>,
    pub overlay: Option<Overlay>,
    pub zoom: bool,
    /// The widest text column the reader lays out.
    pub reading_width: u16,
    /// The index pane's width beside the reader; `None` lets the layout choose.
    pub index_width: Option<IndexWidth>,
    /// How the index writes dates, in strftime form.
    pub date_format: String,
    /// The colours of highlighted code; `None` suits the appearance.
    pub syntax_theme: Option<SyntaxTheme>,
    /// Whether each post (by library position) has been read; mirrors `state`.
    pub read: Vec<bool>,
    /// What is remembered between runs, and where it is saved (`None`: not saved).
    state: std::sync::Arc<ReadingState>,
    store: Option<Store>,
    /// Counts changes to the library, so layouts made before one are not installed after it.
    generation: u64,
    /// Counts searches of the open post asked of the worker; only the newest one's matches
    /// are shown.
    finds_asked: u64,
    /// Posts a followed link came from, with their scroll positions.
    pub history: Vec<(usize, usize)>,
    /// A one-line message for the status bar, cleared by the next key.
    pub message: Option<String>,
    pub should_quit: bool,
    size: Rect,
    /// Finished layouts by post and width, with whether they are highlighted.
    layouts: HashMap<LayoutKey, (reader::Laid, bool)>,
    /// The layout last asked of the worker and not yet fully back (highlighting to come).
    requested: Option<LayoutKey>,
    /// Effects asked for since the caller last took them.
    effects: Vec<Effect>,
    /// Pictures of the open post, made on a worker as they are drawn.
    pub pictures: crate::images::Pictures,
    /// The picture shown full-screen (by its index in the open post's images), until a key.
    pub picture_view: Option<usize>,
    /// Full-text search's state between overlays.
    fulltext: fulltext::Session,
    /// Keys waiting for an answer from the worker, in the order they came.
    held: std::collections::VecDeque<Key>,
    /// The tag list's counts are on their way.
    tags_asked: bool,
}

impl App {
    /// The app over `library` with the user's settings, previewing the newest post on a wide
    /// screen. Its first effects (that preview's layout) wait in [`App::take_effects`].
    pub fn new(library: Library, settings: Settings, appearance: Appearance, size: Rect) -> Self {
        let index = IndexState::new(&library, settings.show_drafts);
        let read = vec![false; library.posts().len()];
        let mut app = App {
            library,
            links: None,
            links_asked: false,
            link_waiting: None,
            links_out: false,
            refreshed_waiting: Vec::new(),
            keymap: settings.keymap,
            appearance,
            color_depth: ColorDepth::TrueColor,
            index,
            reader: None,
            focus: Focus::Index,
            input: None,
            overlay: None,
            zoom: false,
            reading_width: settings.reader_width,
            index_width: settings.index_width,
            date_format: settings.date_format,
            syntax_theme: settings
                .syntax_theme
                .as_deref()
                .and_then(SyntaxTheme::named),
            read,
            state: Default::default(),
            store: None,
            generation: 0,
            finds_asked: 0,
            history: Vec::new(),
            message: None,
            should_quit: false,
            size,
            layouts: HashMap::new(),
            requested: None,
            effects: Vec::new(),
            pictures: crate::images::Pictures::new(None),
            picture_view: None,
            fulltext: fulltext::Session::default(),
            held: Default::default(),
            tags_asked: false,
        };
        app.keep_selection_visible();
        app.preview_selected();
        app
    }

    pub fn library(&self) -> &Library {
        &self.library
    }

    /// Where the keys go now.
    pub fn mode(&self) -> Mode {
        match (&self.overlay, &self.input) {
            (Some(Overlay::Help { .. }), _) => Mode::Help,
            (Some(Overlay::Outline { .. }), _) => Mode::Outline,
            (Some(Overlay::Tags { .. }), _) => Mode::Tags,
            (Some(Overlay::FullText(_)), _) => Mode::FullText,
            (None, Some(Input::Filter)) => Mode::Filter,
            (None, Some(Input::Search(_))) => Mode::Search,
            (None, Some(Input::Follow(_))) => Mode::Follow,
            (None, None) => match self.focus {
                Focus::Index => Mode::Index,
                Focus::Reader => Mode::Reader,
            },
        }
    }

    /// What the pane layout depends on besides the screen size.
    pub fn panes(&self) -> Panes {
        Panes {
            zoom: self.zoom,
            reader_shown: self.focus == Focus::Reader && self.reader.is_some(),
            index_width: self.index_width,
        }
    }

    /// The screen areas for the current size and state.
    pub fn areas(&self) -> Areas {
        geometry::areas(self.size, self.panes())
    }

    /// A key press: its bound action, or a typed character in an input line. It waits, in
    /// order, while an answer it may depend on is on its way (see [`held`]).
    pub fn handle_key(&mut self, key: Key) -> Vec<Effect> {
        if self.must_hold(&key) {
            self.held.push_back(key);
            return self.take_effects();
        }
        self.apply_key(key)
    }

    /// A key press applied now.
    fn apply_key(&mut self, key: Key) -> Vec<Effect> {
        self.message = None;
        if self.picture_view.take().is_some() {
            return Vec::new();
        }
        let mode = self.mode();
        if let Some(action) = self.keymap.action(mode, &key) {
            return self.update(action);
        }
        if mode.takes_text() {
            if let Some(c) = key.typed_char() {
                self.type_char(c);
            } else if key.is_backspace() {
                self.delete_char();
            }
        }
        self.take_effects()
    }

    /// Applies one action: quitting and suspending work the same everywhere; every other action
    /// goes to the part that has the keyboard.
    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        match (action, self.mode()) {
            (Action::Quit, _) => self.should_quit = true,
            (Action::Suspend, _) => self.effects.push(Effect::Suspend),
            (action, Mode::Index) => self.index_action(action),
            (action, Mode::Reader) => self.reader_action(action),
            (action, Mode::Filter | Mode::Search | Mode::Follow) => self.input_action(action),
            (action, Mode::Help) => self.help_action(action),
            (action, Mode::Outline) => self.outline_action(action),
            (action, Mode::Tags) => self.tags_action(action),
            (action, Mode::FullText) => self.fulltext_action(action),
        }
        self.take_effects()
    }

    /// A result of earlier work coming back from the runner.
    pub fn receive(&mut self, done: Done) -> Vec<Effect> {
        match done {
            Done::LaidOut(laid) => {
                self.laid_out(laid);
                self.find_pending();
            }
            Done::Searched(searched) => self.searched(searched),
            Done::Reloaded(fresh) => self.reloaded(fresh),
            Done::Refreshed(refreshed) => self.refreshed(refreshed),
            Done::Linked(linked) => self.linked(linked),
            Done::Listed(listed) => self.listed(listed),
            Done::Found(found) => self.found(found),
            Done::Tagged(tagged) => self.tags_counted(tagged),
            Done::Saved(Err(error)) => self.message = Some(error),
            Done::Saved(Ok(())) => {}
            Done::Pictured(key, picture) => self.pictures.arrived(key, picture),
        }
        self.replay_held();
        self.take_effects()
    }

    /// The terminal changed size: lay the open post out again for the new width.
    pub fn resize(&mut self, size: Rect) -> Vec<Effect> {
        self.size = size;
        self.lay_out_open_post();
        self.keep_selection_visible();
        self.take_effects()
    }

    /// Effects asked for and not yet taken; the caller carries them out.
    pub fn take_effects(&mut self) -> Vec<Effect> {
        std::mem::take(&mut self.effects)
    }

    /// Rows the index pane shows.
    pub fn index_height(&self) -> usize {
        self.areas()
            .index
            .map_or(0, |area| usize::from(geometry::inner(area).height))
    }

    /// Lines the reader pane shows.
    pub fn reader_height(&self) -> usize {
        self.areas()
            .reader
            .map_or(0, |area| usize::from(geometry::inner(area).height))
    }

    /// The width posts are laid out to.
    pub fn reader_width(&self) -> u16 {
        let area = self.areas().reader.unwrap_or(self.size);
        geometry::text_width(area, self.reading_width)
    }
}
