//! The reader app driven by keys and actions, as the runner drives it, and its screens.

mod behaviour;
mod effects;
mod fulltext;
mod memory;
mod monochrome;
mod reading;
mod screens;
mod site;

use std::collections::VecDeque;

use folio::app::{App, Done, Effect};
use folio::config::Settings;
use folio::content::{Library, Source};
use folio::theme::Appearance;
use folio::watch::Change;
use ratatui::layout::Rect;

/// The sample blog in a `width` × `height` terminal.
pub fn sample_app(width: u16, height: u16, appearance: Appearance) -> App {
    let library = Library::load(Source::Sample).expect("the sample blog loads");
    app_on(library, Settings::default(), width, height, appearance)
}

/// An app on `library`, its first preview laid out.
pub fn app_on(
    library: Library,
    settings: Settings,
    width: u16,
    height: u16,
    appearance: Appearance,
) -> App {
    let mut app = App::new(
        library,
        settings,
        appearance,
        Rect::new(0, 0, width, height),
    );
    let effects = app.take_effects();
    settle(&mut app, effects);
    app
}

/// Carries out effects at once, as the runner and its worker do in time: layouts (the quick
/// ones, without highlighting, as a post first shows), reloads, saves and searches. Returns the others
/// (open a URL, edit, suspend), which need a world outside.
pub fn settle(app: &mut App, effects: Vec<Effect>) -> Vec<Effect> {
    let mut queue = VecDeque::from(effects);
    let mut rest = Vec::new();
    while let Some(effect) = queue.pop_front() {
        match effect {
            Effect::LayOut(job) => {
                let laid = match job.read() {
                    Ok(text) => job.lay_out(&text, false),
                    Err(error) => job.failed(error),
                };
                queue.extend(app.receive(Done::LaidOut(laid)));
            }
            Effect::Reload(source, state_dir) => {
                let fresh =
                    Library::load_cached(source, state_dir.as_deref()).map_err(|e| e.to_string());
                queue.extend(app.receive(Done::Reloaded(fresh)));
            }
            Effect::Refresh(refresh) => queue.extend(app.receive(Done::Refreshed(refresh.run()))),
            Effect::IndexLinks(job) => queue.extend(app.receive(Done::Linked(job.run()))),
            Effect::Save(save) => save.run().expect("the state file is written"),
            Effect::SearchAll(job) => {
                let found = job.run(&mut folio::search::Corpus::default());
                queue.extend(app.receive(found.expect("no newer search was asked")));
            }
            Effect::ListPosts(job) => queue.extend(app.receive(Done::Listed(job.run()))),
            Effect::Find(job) => queue.extend(app.receive(Done::Found(job.run()))),
            Effect::CountTags(job) => queue.extend(app.receive(Done::Tagged(job.run()))),
            other => rest.push(other),
        }
    }
    rest
}

/// Presses keys written as the keymap writes them, one after another; returns the effects
/// left for the world outside.
pub fn press(app: &mut App, keys: &[&str]) -> Vec<Effect> {
    let mut rest = Vec::new();
    for key in keys {
        let effects = app.handle_key(key.parse().expect("a key name"));
        rest.extend(settle(app, effects));
    }
    rest
}

/// Types text into whatever input line is open.
pub fn type_text(app: &mut App, text: &str) -> Vec<Effect> {
    let mut rest = Vec::new();
    for c in text.chars() {
        let key = if c == ' ' {
            "space".to_string()
        } else {
            c.to_string()
        };
        let effects = app.handle_key(key.parse().expect("a key"));
        rest.extend(settle(app, effects));
    }
    rest
}

/// Changes on disk, as the watcher reports them.
pub fn apply(app: &mut App, changes: &[Change]) {
    let effects = app.apply_changes(changes);
    settle(app, effects);
}

/// The number of the first link in the open post whose URL holds `url_part`.
pub fn link_number(app: &App, url_part: &str) -> usize {
    let reader = app.reader.as_ref().expect("a post is open");
    let links = &reader.rendered.links;
    let link = links.iter().find(|l| l.url.contains(url_part));
    link.unwrap_or_else(|| panic!("a link to {url_part}: {links:?}"))
        .number
}

pub fn open_title(app: &App) -> String {
    let reader = app.reader.as_ref().expect("a post is open");
    app.library().posts()[reader.post].title.clone()
}

pub fn selected_title(app: &App) -> String {
    let post = app.index.selected_post().expect("a post is selected");
    app.library().posts()[post].title.clone()
}
