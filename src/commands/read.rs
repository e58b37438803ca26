//! `folio [PATH]` in a terminal: the interactive reader.

use std::io;
use std::path::Path;

use ratatui::crossterm::terminal;
use ratatui::layout::Rect;

use crate::app::App;
use crate::config::Config;
use crate::content::{Library, discover};
use crate::error::{Error, Outcome};
use crate::render::code;
use crate::runner;
use crate::theme::{Appearance, ColorDepth};
use crate::tui::TerminalGuard;

/// Loads everything first, on the plain terminal, so that a problem is a readable line on
/// stderr; only then takes over the screen. A `theme` given on the command line wins over the
/// config file's.
pub fn run(
    path: Option<&Path>,
    theme: Option<Appearance>,
    config: Config,
) -> Result<Outcome, Error> {
    if let Some(name) = &config.syntax_theme {
        code::choose_theme(name);
    }
    code::warm_up();
    let library = Library::load(discover::resolve(path)?)?;
    let appearance = theme.unwrap_or_else(|| config.theme.appearance());
    let (width, height) = terminal::size().map_err(Error::Terminal)?;
    let size = Rect::new(0, 0, width, height);
    let mut app = App::new(library, config.keymap, appearance, size);
    app.color_depth = ColorDepth::detect();
    app.reading_width = config.reader_width;
    app.index_width = config.index_width;
    app.date_format = config.date_format;
    app.set_drafts(config.show_drafts);
    app.resize(size);
    let mut guard = TerminalGuard::enter().map_err(Error::Terminal)?;
    runner::run(&mut app, &mut guard).map_err(Error::Terminal)?;
    drop(guard);
    Ok(Outcome::Success)
}

/// True when folio can take over the terminal: both ends are a terminal.
pub fn interactive() -> bool {
    use std::io::IsTerminal;
    io::stdout().is_terminal() && io::stdin().is_terminal()
}
