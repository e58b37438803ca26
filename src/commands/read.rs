//! `folio [PATH]` in a terminal: the interactive reader.

use std::io;

use ratatui::crossterm::terminal;
use ratatui::layout::Rect;

use crate::app::App;
use crate::content::{Library, discover};
use crate::error::{Error, Outcome};
use crate::keymap::Keymap;
use crate::runner;
use crate::theme::{Appearance, ColorDepth};
use crate::tui::TerminalGuard;

/// Loads everything first, on the plain terminal, so that a problem is a readable line on
/// stderr; only then takes over the screen.
pub fn run(path: Option<&std::path::Path>, appearance: Appearance) -> Result<Outcome, Error> {
    crate::render::code::warm_up();
    let library = Library::load(discover::resolve(path)?)?;
    let keymap = Keymap::default();
    let (width, height) = terminal::size().map_err(Error::Terminal)?;
    let mut app = App::new(library, keymap, appearance, Rect::new(0, 0, width, height));
    app.color_depth = ColorDepth::detect();
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
