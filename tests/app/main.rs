//! The reader app driven by keys and actions, as `main` drives it, and its screens.

mod behaviour;
mod memory;
mod screens;
mod site;

use folio::app::App;
use folio::content::{Library, Source};
use folio::keymap::Keymap;
use folio::theme::Appearance;
use ratatui::layout::Rect;

/// The sample blog in a `width` × `height` terminal.
pub fn sample_app(width: u16, height: u16, appearance: Appearance) -> App {
    let library = Library::load(Source::Sample).expect("the sample blog loads");
    App::new(
        library,
        Keymap::default(),
        appearance,
        Rect::new(0, 0, width, height),
    )
}

/// Presses keys written as the keymap writes them, one after another.
pub fn press(app: &mut App, keys: &[&str]) -> Option<folio::app::Effect> {
    let mut effect = None;
    for key in keys {
        effect = app.handle_key(key.parse().expect("a key name"));
    }
    effect
}

/// Types text into whatever input line is open.
pub fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        let key = if c == ' ' {
            "space".to_string()
        } else {
            c.to_string()
        };
        app.handle_key(key.parse().expect("a key"));
    }
}

pub fn open_title(app: &App) -> String {
    let reader = app.reader.as_ref().expect("a post is open");
    app.library().posts()[reader.post].title.clone()
}

pub fn selected_title(app: &App) -> String {
    let post = app.index.selected_post().expect("a post is selected");
    app.library().posts()[post].title.clone()
}
