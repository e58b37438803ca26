//! The terminal guard: raw mode, the alternate screen and mouse capture on the way in, and all
//! of it undone on every way out: quit, error (through `Drop`), panic (a hook that restores
//! first, so the message is readable), and the signals that end or stop a program, which the
//! runner takes from [`Signals`] between frames. Restoring is idempotent, so these can overlap.
//!
//! Also the one question asked of the terminal itself: its background colour.

use std::io::{self, Stdout, stdout};
use std::sync::Once;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::cursor::Show;
use ratatui::crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    Clear, ClearType, EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
pub use signal_hook::consts::SIGINT;
use signal_hook::consts::{SIGHUP, SIGQUIT, SIGSTOP, SIGTERM, SIGTSTP};

use crate::theme::Appearance;

/// Whether the terminal is in folio's state; makes restoring idempotent.
static ACTIVE: AtomicBool = AtomicBool::new(false);
static PANIC_HOOK: Once = Once::new();

pub type Backend = CrosstermBackend<Stdout>;

/// Owns the terminal while folio draws on it.
pub struct TerminalGuard {
    pub terminal: Terminal<Backend>,
}

impl TerminalGuard {
    pub fn enter() -> io::Result<TerminalGuard> {
        install_panic_hook();
        enter_raw()?;
        let terminal = Terminal::new(CrosstermBackend::new(stdout()))?;
        Ok(TerminalGuard { terminal })
    }

    /// Gives the terminal back for a while (to run an editor, or while stopped), then takes it
    /// again with everything to be drawn afresh.
    pub fn suspended<T>(&mut self, work: impl FnOnce() -> T) -> io::Result<T> {
        restore();
        let result = work();
        enter_raw()?;
        // A fresh terminal over a cleared screen redraws everything. `Terminal::clear` would
        // ask the terminal for the cursor position first, and fail where no answer comes.
        execute!(stdout(), Clear(ClearType::All))?;
        self.terminal = Terminal::new(CrosstermBackend::new(stdout()))?;
        Ok(result)
    }

    /// Stops folio as Ctrl-Z stops a program in a shell, with the terminal given back first;
    /// returns once the shell continues it (`fg`), ready for a full redraw.
    pub fn stop(&mut self) -> io::Result<()> {
        self.suspended(|| signal_hook::low_level::emulate_default_handler(SIGTSTP))?
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore();
    }
}

fn enter_raw() -> io::Result<()> {
    enable_raw_mode()?;
    ACTIVE.store(true, Ordering::SeqCst);
    execute!(stdout(), EnterAlternateScreen, EnableMouseCapture)
}

/// Puts the terminal back as it was. Safe to call any number of times, from anywhere.
pub fn restore() {
    if ACTIVE.swap(false, Ordering::SeqCst) {
        let _ = execute!(stdout(), DisableMouseCapture, LeaveAlternateScreen, Show);
        let _ = disable_raw_mode();
    }
}

fn install_panic_hook() {
    PANIC_HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore();
            previous(info);
        }));
    });
}

/// A signal the runner acts on between frames.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Signal {
    /// SIGTERM, SIGHUP, SIGQUIT or SIGINT: save, restore the terminal, and end as asked.
    End(i32),
    /// SIGTSTP from outside (`kill -TSTP`): stop as Ctrl-Z does.
    Stop,
}

/// A SIGTSTP arrived while folio had the terminal; the runner stops cleanly.
static STOP_ASKED: AtomicBool = AtomicBool::new(false);
/// Another program (the editor) has the terminal: a SIGTSTP stops folio at once, as it
/// stops that program, so the shell sees the whole job stopped.
static STOP_AT_ONCE: AtomicBool = AtomicBool::new(false);

/// Signals caught instead of ending folio on the spot, so that the terminal is restored and
/// the reading state saved first. The handlers only note the signal; the runner looks.
pub struct Signals(signal_hook::iterator::Signals);

impl Signals {
    pub fn catch() -> io::Result<Signals> {
        let on_stop = || {
            if STOP_AT_ONCE.load(Ordering::SeqCst) {
                let _ = signal_hook::low_level::raise(SIGSTOP);
            } else {
                STOP_ASKED.store(true, Ordering::SeqCst);
            }
        };
        // SAFETY: the action only touches atomics and calls raise(), both async-signal-safe.
        unsafe { signal_hook::low_level::register(SIGTSTP, on_stop) }?;
        signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGQUIT, SIGINT]).map(Signals)
    }

    /// Signals that arrived since the last look; never waits.
    pub fn pending(&mut self) -> Vec<Signal> {
        let mut signals: Vec<Signal> = self.0.pending().map(Signal::End).collect();
        if STOP_ASKED.swap(false, Ordering::SeqCst) {
            signals.push(Signal::Stop);
        }
        signals
    }
}

/// Runs `work` while another program has the terminal (the editor): Ctrl-Z typed there stops
/// folio along with it, instead of leaving folio waiting on a stopped program.
pub fn sharing_terminal<T>(work: impl FnOnce() -> T) -> T {
    STOP_AT_ONCE.store(true, Ordering::SeqCst);
    let result = work();
    STOP_AT_ONCE.store(false, Ordering::SeqCst);
    result
}

/// Ends the process as `signal` would have, now that folio has cleaned up: whoever sent it
/// sees folio killed by it.
pub fn end_by(signal: i32) -> io::Result<()> {
    restore();
    signal_hook::low_level::emulate_default_handler(signal)
}

/// The longest folio waits for the terminal to say its colours. Terminals that can't answer are
/// found out sooner (they answer the device-attributes question sent after it); this bounds
/// the wait over a slow link.
const BACKGROUND_QUERY_TIMEOUT: Duration = Duration::from_millis(300);

/// The terminal's background: `COLORFGBG` when the environment says it (no waiting at all),
/// else the terminal's own answer to an OSC 11 query, else dark. Asked on the plain terminal,
/// before the reader takes it over, so no reply can end up in the reader's input.
/// Whether the terminal went away (its window closed, tmux killed, ssh dropped) without a
/// SIGHUP reaching folio: the key reader would then see an endless end of file.
pub fn terminal_hung_up() -> bool {
    let stdout = io::stdout();
    let mut fds = [rustix::event::PollFd::new(
        &stdout,
        rustix::event::PollFlags::OUT,
    )];
    let now = rustix::event::Timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    match rustix::event::poll(&mut fds, Some(&now)) {
        Ok(_) => fds[0]
            .revents()
            .intersects(rustix::event::PollFlags::HUP | rustix::event::PollFlags::ERR),
        Err(_) => true,
    }
}

pub fn terminal_background() -> Appearance {
    if let Some(appearance) = background_from_colorfgbg(std::env::var("COLORFGBG").ok().as_deref())
    {
        return appearance;
    }
    let mut options = terminal_colorsaurus::QueryOptions::default();
    options.timeout = BACKGROUND_QUERY_TIMEOUT;
    match terminal_colorsaurus::theme_mode(options) {
        Ok(terminal_colorsaurus::ThemeMode::Light) => Appearance::Light,
        Ok(terminal_colorsaurus::ThemeMode::Dark) | Err(_) => Appearance::Dark,
    }
}

/// What `COLORFGBG` (`15;0`: foreground; background) says: light for a background of white or
/// light grey (palette colours 7 and 15), dark for another colour, nothing when unset or unclear.
fn background_from_colorfgbg(value: Option<&str>) -> Option<Appearance> {
    let background = value?.rsplit(';').next()?.trim().parse::<u8>().ok()?;
    Some(match background {
        7 | 15 => Appearance::Light,
        _ => Appearance::Dark,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_restores_the_terminal_before_it_is_reported() {
        install_panic_hook();
        ACTIVE.store(true, Ordering::SeqCst);
        let outcome = std::panic::catch_unwind(|| panic!("a bug"));
        assert!(outcome.is_err());
        assert!(
            !ACTIVE.load(Ordering::SeqCst),
            "the hook restored the terminal"
        );
        restore();
        assert!(
            !ACTIVE.load(Ordering::SeqCst),
            "restoring twice is harmless"
        );
    }

    #[test]
    fn colorfgbg_names_the_background_when_it_is_clear() {
        let light = Some(Appearance::Light);
        let dark = Some(Appearance::Dark);
        assert_eq!(background_from_colorfgbg(Some("0;15")), light);
        assert_eq!(background_from_colorfgbg(Some("0;default;7")), light);
        assert_eq!(background_from_colorfgbg(Some("15;0")), dark);
        assert_eq!(background_from_colorfgbg(Some("default;default")), None);
        assert_eq!(background_from_colorfgbg(None), None);
    }
}
