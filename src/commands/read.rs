//! `folio [PATH]` in a terminal: the interactive reader.

use std::io;
use std::path::Path;

use ratatui::crossterm::terminal;
use ratatui::layout::Rect;

use crate::app::{App, Effect};
use crate::config::Settings;
use crate::content::{Library, Source, discover};
use crate::error::{Error, Outcome};
use crate::images;
use crate::runner::{self, Ending};
use crate::state::{self, Store};
use crate::theme::{Appearance, ColorDepth};
use crate::tui::{self, TerminalGuard};

/// The status bar's first word when there was no blog to read: short, to leave room for the
/// keys' hints; the index's title says "Sample blog" for as long as it shows.
const SAMPLE_STATUS: &str = "no blog in this folder: the built-in sample blog";

/// Loads everything first, on the plain terminal, so that a problem is a readable line on
/// stderr; only then takes over the screen. A `theme` given on the command line wins over the
/// settings'. However the reader ends (quit, a terminal error, a signal) the terminal is
/// restored and the reading state saved.
pub fn run(
    path: Option<&Path>,
    theme: Option<Appearance>,
    settings: Settings,
    remember: bool,
) -> Result<Outcome, Error> {
    let source = discover::resolve(path)?;
    // A post from a pipe is read once: there is no place in it worth remembering.
    let remember = remember && !matches!(source, Source::Stdin(_));
    let state_dir = remember.then(state::state_dir).flatten();
    let library = Library::load_cached(source, state_dir.as_deref())?;
    // Nothing to read: say why on the plain terminal rather than open an empty reader.
    if library.posts().is_empty()
        && let Some(skipped) = library.skipped().first()
    {
        return Err(Error::NotAPost {
            path: skipped.path.clone(),
            message: skipped.problem.message.clone(),
        });
    }
    let appearance = theme
        .or(settings.theme.fixed())
        .unwrap_or_else(tui::terminal_background);
    let pictures = images::terminal::detect(settings.images);
    let (width, height) = terminal::size().map_err(Error::Terminal)?;
    let mut app = App::new(
        library,
        settings,
        appearance,
        Rect::new(0, 0, width, height),
    );
    app.color_depth = ColorDepth::detect();
    let site_problem = app.library().source().site().problem.as_ref();
    if let Some(problem) = site_problem {
        eprintln!("folio: warning: {problem}");
    }
    let site_warning = site_problem.map(ToString::to_string);
    app.set_pictures(images::Pictures::new(pictures));
    let (first, warning) = restore_state(&mut app, remember);
    let sample = (*app.library().source() == Source::Sample).then(|| SAMPLE_STATUS.to_string());
    let warning = warning.or(site_warning).or(sample);
    let mut guard = TerminalGuard::enter().map_err(Error::Terminal)?;
    app.message = warning;
    let ending = runner::run(&mut app, &mut guard, first);
    drop(guard);
    if let Some(Err(error)) = app.save().map(|save| save.run()) {
        eprintln!("folio: {error}");
    }
    if let Ending::Signal(signal) = ending.map_err(Error::Terminal)? {
        tui::end_by(signal).map_err(Error::Terminal)?;
    }
    Ok(Outcome::Success)
}

/// Gives the app what was remembered about this blog. A state file that couldn't be read
/// and is still in place is not written over: this run is then remembered for itself only.
/// Returns the effects of restoring (the last post's layout) and a warning to show.
fn restore_state(app: &mut App, remember: bool) -> (Vec<Effect>, Option<String>) {
    let store = remember
        .then(state::state_dir)
        .flatten()
        .map(|dir| Store::for_source(&dir, app.library().source()));
    let (loaded, warning) = store.as_ref().map(Store::load).unwrap_or_default();
    let store = store.filter(|s| warning.is_none() || !s.path().exists());
    if let Some(warning) = &warning {
        eprintln!("folio: {warning}");
    }
    (app.restore(loaded, store), warning)
}

/// True when folio can take over the terminal: both ends are a terminal. For `folio -`, where
/// standard input is the post, keys come from the controlling terminal (crossterm reads
/// `/dev/tty` when stdin is not a terminal), so that one must open instead.
pub fn interactive(path: Option<&Path>) -> bool {
    use std::io::IsTerminal;
    let keys = if path == Some(Path::new("-")) {
        controlling_terminal()
    } else {
        io::stdin().is_terminal()
    };
    io::stdout().is_terminal() && keys
}

#[cfg(unix)]
fn controlling_terminal() -> bool {
    std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open("/dev/tty")
        .is_ok()
}

#[cfg(not(unix))]
fn controlling_terminal() -> bool {
    true
}
