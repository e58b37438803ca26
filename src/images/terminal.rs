//! Which picture protocol the terminal speaks: asked once at start-up, before the screen is
//! taken over, and never waited on for long.

use std::io::{self, IsTerminal, Read, Write};
use std::os::fd::AsFd;
use std::time::{Duration, Instant};

use ratatui::crossterm::terminal;
use ratatui_image::picker::ProtocolType;
use ratatui_image::picker::cap_parser::{Parser, QueryStdioOptions, Response};
use serde::{Deserialize, Serialize};

use super::fit::CellSize;

/// The longest folio waits for the terminal to answer. A local terminal answers in a few
/// milliseconds; one that doesn't answer at all costs this once.
pub const QUERY_TIMEOUT: Duration = Duration::from_millis(300);

/// The `images` setting.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Setting {
    /// Ask the terminal.
    #[default]
    Auto,
    Kitty,
    Iterm2,
    Sixel,
    Halfblocks,
    /// Placeholders only.
    Off,
}

impl Setting {
    pub fn name(self) -> &'static str {
        match self {
            Setting::Auto => "auto",
            Setting::Kitty => "kitty",
            Setting::Iterm2 => "iterm2",
            Setting::Sixel => "sixel",
            Setting::Halfblocks => "halfblocks",
            Setting::Off => "off",
        }
    }
}

/// How pictures are drawn on this terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Display {
    pub protocol: ProtocolType,
    pub cell: CellSize,
}

/// xterm draws no sixel image wider or taller than this many pixels by default.
const SIXEL_MAX_PIXELS: u16 = 1000;

impl Display {
    /// The most cells a picture may take in this protocol: a sixel picture stays within what
    /// xterm draws by default; others are limited only by the screen.
    pub fn max_cells(&self) -> (u16, u16) {
        match self.protocol {
            ProtocolType::Sixel => (
                SIXEL_MAX_PIXELS / self.cell.width.max(1),
                SIXEL_MAX_PIXELS / self.cell.height.max(1),
            ),
            _ => (u16::MAX, u16::MAX),
        }
    }
}

/// What the terminal said about itself.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Reply {
    pub kitty: bool,
    pub sixel: bool,
    pub cell: Option<CellSize>,
}

/// Reads the terminal's answers to the query: a kitty graphics reply, sixel (4) among the
/// device attributes, the cell size in pixels.
pub fn parse_reply(bytes: &[u8]) -> Reply {
    let mut parser = Parser::new();
    let mut reply = Reply::default();
    for &byte in bytes {
        for response in parser.push(char::from(byte)) {
            match response {
                Response::Kitty => reply.kitty = true,
                Response::Sixel => reply.sixel = true,
                Response::CellSize(Some((width, height))) => {
                    reply.cell = Some(CellSize { width, height })
                }
                _ => {}
            }
        }
    }
    reply
}

/// Hints from the environment, for terminals that don't say what they do.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Hints {
    /// Inside tmux or screen, which pass no graphics through by default.
    pub multiplexer: bool,
    /// A terminal known for iTerm2's inline images (iTerm2, WezTerm, mintty, VS Code).
    pub iterm2: bool,
}

impl Hints {
    pub fn from_env() -> Hints {
        let var = |name: &str| std::env::var(name).unwrap_or_default();
        let term = var("TERM");
        let program = var("TERM_PROGRAM");
        Hints {
            multiplexer: !var("TMUX").is_empty()
                || term.starts_with("tmux")
                || term.starts_with("screen"),
            iterm2: ["iTerm", "WezTerm", "mintty", "vscode"]
                .iter()
                .any(|name| program.contains(name))
                || var("LC_TERMINAL").contains("iTerm"),
        }
    }
}

/// The protocol for a setting, given the terminal's reply (if it was asked) and the hints.
/// `None`: no pictures. A protocol that draws pixels needs the cell size; without one it is
/// half-blocks, which only need the cells' rough shape.
pub fn choose(setting: Setting, reply: Option<&Reply>, hints: Hints) -> Option<Display> {
    let cell = reply.and_then(|r| r.cell);
    let pixels = |protocol| {
        Some(match cell {
            Some(cell) => Display { protocol, cell },
            None => half_blocks(),
        })
    };
    match setting {
        Setting::Off => None,
        Setting::Halfblocks => Some(half_blocks()),
        Setting::Kitty => pixels(ProtocolType::Kitty),
        Setting::Iterm2 => pixels(ProtocolType::Iterm2),
        Setting::Sixel => pixels(ProtocolType::Sixel),
        Setting::Auto if hints.multiplexer => Some(half_blocks()),
        Setting::Auto => match reply {
            Some(r) if r.kitty => pixels(ProtocolType::Kitty),
            _ if hints.iterm2 => pixels(ProtocolType::Iterm2),
            Some(r) if r.sixel => pixels(ProtocolType::Sixel),
            _ => Some(half_blocks()),
        },
    }
}

fn half_blocks() -> Display {
    Display {
        protocol: ProtocolType::Halfblocks,
        cell: CellSize::default(),
    }
}

/// Decides how to draw pictures, asking the terminal when the setting needs its answer. Call
/// before the screen is taken over: the answers arrive as input.
pub fn detect(setting: Setting) -> Option<Display> {
    let hints = Hints::from_env();
    let asks = setting != Setting::Off
        && setting != Setting::Halfblocks
        && !(setting == Setting::Auto && hints.multiplexer);
    let reply = asks.then(query).flatten().map(|mut reply| {
        reply.cell = reply.cell.or_else(cell_from_window_size);
        reply
    });
    choose(setting, reply.as_ref(), hints)
}

/// Sends the query and reads answers until the terminal's status report, which every terminal
/// sends, or the time cap. `None` when there is no terminal to ask.
fn query() -> Option<Reply> {
    if !io::stdin().is_terminal() || !io::stdout().is_terminal() {
        return None;
    }
    terminal::enable_raw_mode().ok()?;
    let answer = ask(&Parser::query(false, QueryStdioOptions::default()));
    let _ = terminal::disable_raw_mode();
    answer.ok()
}

fn ask(query: &str) -> io::Result<Reply> {
    let mut stdout = io::stdout();
    stdout.write_all(query.as_bytes())?;
    stdout.flush()?;
    let stdin = io::stdin();
    let fd = stdin.as_fd();
    let deadline = Instant::now() + QUERY_TIMEOUT;
    let mut received = Vec::new();
    let mut parser = Parser::new();
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            break;
        }
        let timeout = rustix::event::Timespec {
            tv_sec: 0,
            tv_nsec: i64::from(left.subsec_nanos()),
        };
        let mut fds = [rustix::event::PollFd::new(
            &fd,
            rustix::event::PollFlags::IN,
        )];
        if rustix::event::poll(&mut fds, Some(&timeout)).unwrap_or(0) == 0 {
            break;
        }
        let mut chunk = [0u8; 256];
        let read = stdin.lock().read(&mut chunk)?;
        if read == 0 {
            break;
        }
        received.extend_from_slice(&chunk[..read]);
        let finished = chunk[..read]
            .iter()
            .any(|&b| parser.push(char::from(b)).contains(&Response::Status));
        if finished {
            break;
        }
    }
    Ok(parse_reply(&received))
}

/// The cell size from the window's size in pixels, for terminals that report only that.
fn cell_from_window_size() -> Option<CellSize> {
    let size = rustix::termios::tcgetwinsize(io::stdout()).ok()?;
    if size.ws_col == 0 || size.ws_row == 0 || size.ws_xpixel == 0 || size.ws_ypixel == 0 {
        return None;
    }
    Some(CellSize {
        width: size.ws_xpixel / size.ws_col,
        height: size.ws_ypixel / size.ws_row,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const XTERM_VT340: &[u8] = b"\x1b[?63;1;2;4;6;9;15;22c\x1b[6;20;10t\x1b[0n";
    const KITTY: &[u8] = b"\x1b_Gi=31;OK\x1b\\\x1b[?62;c\x1b[6;18;9t\x1b[0n";
    const PLAIN_XTERM: &[u8] = b"\x1b[?64;1;2;6;9;15;18;21;22c\x1b[0n";

    fn auto(reply: &[u8], hints: Hints) -> Option<Display> {
        choose(Setting::Auto, Some(&parse_reply(reply)), hints)
    }

    #[test]
    fn sixel_in_the_device_attributes_means_sixel() {
        assert_eq!(
            auto(XTERM_VT340, Hints::default()),
            Some(Display {
                protocol: ProtocolType::Sixel,
                cell: CellSize {
                    width: 10,
                    height: 20
                }
            })
        );
    }

    #[test]
    fn sixel_pictures_stay_within_what_xterm_draws() {
        let sixel = auto(XTERM_VT340, Hints::default()).unwrap();
        assert_eq!(sixel.max_cells(), (100, 50));
        let kitty = auto(KITTY, Hints::default()).unwrap();
        assert_eq!(kitty.max_cells(), (u16::MAX, u16::MAX));
    }

    #[test]
    fn a_kitty_reply_wins() {
        let display = auto(KITTY, Hints::default()).unwrap();
        assert_eq!(display.protocol, ProtocolType::Kitty);
        assert_eq!(
            display.cell,
            CellSize {
                width: 9,
                height: 18
            }
        );
    }

    #[test]
    fn no_graphics_in_the_reply_means_half_blocks() {
        assert_eq!(
            auto(PLAIN_XTERM, Hints::default()).map(|d| d.protocol),
            Some(ProtocolType::Halfblocks)
        );
    }

    #[test]
    fn no_reply_at_all_means_half_blocks() {
        assert_eq!(
            choose(Setting::Auto, None, Hints::default()).map(|d| d.protocol),
            Some(ProtocolType::Halfblocks)
        );
    }

    #[test]
    fn sixel_without_a_cell_size_falls_back_to_half_blocks() {
        let reply = b"\x1b[?63;4c\x1b[0n";
        assert_eq!(
            auto(reply, Hints::default()).map(|d| d.protocol),
            Some(ProtocolType::Halfblocks)
        );
    }

    #[test]
    fn inside_tmux_auto_is_half_blocks() {
        let tmux = Hints {
            multiplexer: true,
            iterm2: false,
        };
        assert_eq!(
            auto(XTERM_VT340, tmux).map(|d| d.protocol),
            Some(ProtocolType::Halfblocks)
        );
    }

    #[test]
    fn an_iterm2_terminal_is_known_by_its_name() {
        let iterm = Hints {
            multiplexer: false,
            iterm2: true,
        };
        let reply = b"\x1b[?62;c\x1b[6;16;8t\x1b[0n";
        assert_eq!(
            auto(reply, iterm).map(|d| d.protocol),
            Some(ProtocolType::Iterm2)
        );
    }

    #[test]
    fn the_setting_overrides_the_reply() {
        let reply = parse_reply(XTERM_VT340);
        let hints = Hints::default();
        assert_eq!(choose(Setting::Off, Some(&reply), hints), None);
        assert_eq!(
            choose(Setting::Halfblocks, Some(&reply), hints).map(|d| d.protocol),
            Some(ProtocolType::Halfblocks)
        );
        assert_eq!(
            choose(Setting::Kitty, Some(&reply), hints).map(|d| d.protocol),
            Some(ProtocolType::Kitty)
        );
    }
}
