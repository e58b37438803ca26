//! `folio [PATH]` in a terminal: the interactive reader.

use std::io;
use std::path::Path;

use ratatui::crossterm::terminal;
use ratatui::layout::Rect;

use crate::app::App;
use crate::config::Config;
use crate::content::{Library, discover};
use crate::error::{Error, Outcome};
use crate::highlight::{Assets, SyntaxTheme};
use crate::runner;
use crate::state::{self, Store};
use crate::theme::{Appearance, ColorDepth};
use crate::tui::TerminalGuard;

/// Loads everything first, on the plain terminal, so that a problem is a readable line on
/// stderr; only then takes over the screen. A `theme` given on the command line wins over the
/// config file's.
pub fn run(
    path: Option<&Path>,
    theme: Option<Appearance>,
    config: Config,
    remember: bool,
) -> Result<Outcome, Error> {
    let state_dir = remember.then(state::state_dir).flatten();
    let library = Library::load_cached(discover::resolve(path)?, state_dir.as_deref())?;
    // After the scan, which it would otherwise compete with for the cores.
    Assets::shared().warm_up();
    let appearance = theme.unwrap_or_else(|| config.theme.appearance());
    let (width, height) = terminal::size().map_err(Error::Terminal)?;
    let size = Rect::new(0, 0, width, height);
    let mut app = App::new(library, config.keymap, appearance, size);
    app.color_depth = ColorDepth::detect();
    app.reading_width = config.reader_width;
    app.index_width = config.index_width;
    app.date_format = config.date_format;
    app.syntax_theme = config.syntax_theme.as_deref().and_then(SyntaxTheme::named);
    app.set_drafts(config.show_drafts);
    app.resize(size);
    let warning = restore_state(&mut app, remember);
    let mut guard = TerminalGuard::enter().map_err(Error::Terminal)?;
    app.message = warning;
    runner::run(&mut app, &mut guard).map_err(Error::Terminal)?;
    drop(guard);
    if let Err(error) = app.save_state() {
        eprintln!("folio: {error}");
    }
    Ok(Outcome::Success)
}

/// Gives the app what was remembered about this blog. A state file that couldn't be read
/// and is still in place is not written over: this run is then remembered for itself only.
fn restore_state(app: &mut App, remember: bool) -> Option<String> {
    let store = remember
        .then(state::state_dir)
        .flatten()
        .map(|dir| Store::for_source(&dir, app.library().source()));
    let (loaded, warning) = store.as_ref().map(Store::load).unwrap_or_default();
    let store = store.filter(|s| warning.is_none() || !s.path().exists());
    if let Some(warning) = &warning {
        eprintln!("folio: {warning}");
    }
    app.restore(loaded, store);
    warning
}

/// True when folio can take over the terminal: both ends are a terminal.
pub fn interactive() -> bool {
    use std::io::IsTerminal;
    io::stdout().is_terminal() && io::stdin().is_terminal()
}
