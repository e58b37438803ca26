//! Every colour folio uses, in one place, for a dark and a light terminal, and how colours
//! are brought down to what the terminal can show.

use ratatui::style::{Color, Modifier, Style};

/// Whether the terminal's background is dark or light.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Appearance {
    #[default]
    Dark,
    Light,
}

/// How many colours the output may use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColorDepth {
    /// 24-bit colour, when `COLORTERM` says `truecolor` or `24bit`.
    TrueColor,
    /// The 256-colour palette: what nearly every terminal shows.
    Indexed,
    /// No colour at all (`NO_COLOR`); bold, italics and underlines stay.
    Monochrome,
}

impl ColorDepth {
    /// The depth the environment asks for: `NO_COLOR`, or a `TERM` naming a terminal without
    /// colour, means none.
    pub fn detect() -> ColorDepth {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
            || monochrome_term(std::env::var("TERM").ok().as_deref());
        ColorDepth::from_env(std::env::var("COLORTERM").ok().as_deref(), no_color)
    }

    /// The depth for a `COLORTERM` value and whether `NO_COLOR` is set.
    pub fn from_env(colorterm: Option<&str>, no_color: bool) -> ColorDepth {
        if no_color {
            ColorDepth::Monochrome
        } else if colorterm.is_some_and(|v| {
            let v = v.to_ascii_lowercase();
            v.contains("truecolor") || v.contains("24bit")
        }) {
            ColorDepth::TrueColor
        } else {
            ColorDepth::Indexed
        }
    }

    /// A style as this depth can show it.
    pub fn adapt(self, style: Style) -> Style {
        let color = |c: Option<Color>| match self {
            ColorDepth::TrueColor => c,
            ColorDepth::Indexed => c.map(indexed),
            ColorDepth::Monochrome => None,
        };
        Style {
            fg: color(style.fg),
            bg: color(style.bg),
            underline_color: color(style.underline_color),
            ..style
        }
    }
}

/// Whether `TERM` names a terminal that shows no colour: the DEC terminals folio can still
/// draw on, and terminfo's `-mono` and `-m` variants (`xterm-mono`, `linux-m`).
fn monochrome_term(term: Option<&str>) -> bool {
    term.is_some_and(|term| {
        matches!(term, "vt100" | "vt102" | "vt220" | "vt320" | "vt420")
            || term.ends_with("-mono")
            || term.ends_with("-m")
    })
}

/// The nearest colour of the 256-colour palette's 6×6×6 cube or grey ramp.
fn indexed(color: Color) -> Color {
    let Color::Rgb(r, g, b) = color else {
        return color;
    };
    const LEVELS: [u8; 6] = [0, 95, 135, 175, 215, 255];
    let level = |v: u8| {
        (0..6)
            .min_by_key(|&i| (i32::from(LEVELS[i]) - i32::from(v)).abs())
            .unwrap_or(0)
    };
    let (ri, gi, bi) = (level(r), level(g), level(b));
    let cube = (LEVELS[ri], LEVELS[gi], LEVELS[bi]);
    let grey_index = ((u16::from(r) + u16::from(g) + u16::from(b)) / 3)
        .saturating_sub(3)
        .min(238)
        / 10;
    let grey = 8 + 10 * grey_index as u8;
    let distance = |(x, y, z): (u8, u8, u8)| {
        [(x, r), (y, g), (z, b)]
            .iter()
            .map(|&(a, b)| (i32::from(a) - i32::from(b)).pow(2))
            .sum::<i32>()
    };
    if distance((grey, grey, grey)) < distance(cube) {
        Color::Indexed(232 + grey_index as u8)
    } else {
        Color::Indexed(16 + 36 * ri as u8 + 6 * gi as u8 + bi as u8)
    }
}

/// The look of every element of a rendered post.
#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    pub appearance: Appearance,
    pub text: Style,
    pub strong: Style,
    pub italic: Style,
    pub strike: Style,
    pub inline_code: Style,
    pub link: Style,
    pub link_number: Style,
    pub footnote_ref: Style,
    /// Headings by level, `headings[0]` for `#`.
    pub headings: [Style; 6],
    pub heading_rule: Style,
    pub quote_bar: Style,
    /// Bar and label of each GitHub alert: note, tip, important, warning, caution.
    pub alerts: [Style; 5],
    pub bullet: Style,
    pub task_done: Style,
    pub task_open: Style,
    pub code_frame: Style,
    pub code_label: Style,
    pub code_text: Style,
    pub code_wrap: Style,
    pub table_border: Style,
    pub table_header: Style,
    pub rule: Style,
    pub image: Style,
    pub image_source: Style,
    pub missing: Style,
    pub caption: Style,
    pub marker: Style,
    pub embed: Style,
    pub summary: Style,
    pub title: Style,
    pub byline: Style,
    pub tag: Style,
    pub section: Style,
    pub local_link: Style,
}

impl Theme {
    pub fn new(appearance: Appearance) -> Theme {
        match appearance {
            Appearance::Dark => Theme::dark(),
            Appearance::Light => Theme::light(),
        }
    }

    fn dark() -> Theme {
        Theme::from_palette(
            Appearance::Dark,
            &Palette {
                accent: Color::Rgb(0x7a, 0xa2, 0xf7),
                second: Color::Rgb(0xbb, 0x9a, 0xf7),
                third: Color::Rgb(0x7d, 0xcf, 0xff),
                link: Color::Rgb(0x73, 0xda, 0xca),
                code: Color::Rgb(0xff, 0x9e, 0x64),
                code_bg: Color::Rgb(0x29, 0x2e, 0x42),
                dim: Color::Rgb(0x7f, 0x86, 0x9e),
                faint: Color::Rgb(0x56, 0x5f, 0x89),
                green: Color::Rgb(0x9e, 0xce, 0x6a),
                yellow: Color::Rgb(0xe0, 0xaf, 0x68),
                red: Color::Rgb(0xf7, 0x76, 0x8e),
            },
        )
    }

    fn light() -> Theme {
        Theme::from_palette(
            Appearance::Light,
            &Palette {
                accent: Color::Rgb(0x2e, 0x5b, 0xc9),
                second: Color::Rgb(0x7a, 0x3e, 0xb8),
                third: Color::Rgb(0x00, 0x6b, 0x8f),
                link: Color::Rgb(0x00, 0x6e, 0x6e),
                code: Color::Rgb(0xa6, 0x3d, 0x00),
                code_bg: Color::Rgb(0xe9, 0xe9, 0xed),
                dim: Color::Rgb(0x6a, 0x6f, 0x7d),
                faint: Color::Rgb(0x9a, 0x9f, 0xad),
                green: Color::Rgb(0x38, 0x7a, 0x1c),
                yellow: Color::Rgb(0x8f, 0x5e, 0x00),
                red: Color::Rgb(0xb4, 0x23, 0x3c),
            },
        )
    }

    fn from_palette(appearance: Appearance, p: &Palette) -> Theme {
        let fg = |c: Color| Style::new().fg(c);
        let bold = Modifier::BOLD;
        Theme {
            appearance,
            text: Style::new(),
            strong: Style::new().add_modifier(bold),
            italic: Style::new().add_modifier(Modifier::ITALIC),
            strike: Style::new().add_modifier(Modifier::CROSSED_OUT),
            inline_code: fg(p.code).bg(p.code_bg),
            link: fg(p.link).add_modifier(Modifier::UNDERLINED),
            link_number: fg(p.dim),
            footnote_ref: fg(p.second),
            headings: [
                fg(p.accent).add_modifier(bold),
                fg(p.second).add_modifier(bold),
                fg(p.third).add_modifier(bold),
                Style::new().add_modifier(bold | Modifier::UNDERLINED),
                Style::new().add_modifier(bold | Modifier::ITALIC),
                fg(p.dim).add_modifier(Modifier::ITALIC),
            ],
            heading_rule: fg(p.faint),
            quote_bar: fg(p.faint),
            alerts: [
                fg(p.accent).add_modifier(bold),
                fg(p.green).add_modifier(bold),
                fg(p.second).add_modifier(bold),
                fg(p.yellow).add_modifier(bold),
                fg(p.red).add_modifier(bold),
            ],
            bullet: fg(p.accent),
            task_done: fg(p.green),
            task_open: fg(p.dim),
            code_frame: fg(p.faint),
            code_label: fg(p.dim).add_modifier(Modifier::ITALIC),
            code_text: fg(p.code),
            code_wrap: fg(p.yellow),
            table_border: fg(p.faint),
            table_header: fg(p.accent).add_modifier(bold),
            rule: fg(p.faint),
            image: fg(p.third),
            image_source: fg(p.dim),
            missing: fg(p.red),
            caption: fg(p.dim).add_modifier(Modifier::ITALIC),
            marker: fg(p.dim),
            embed: fg(p.second).add_modifier(bold),
            summary: Style::new().add_modifier(bold),
            title: fg(p.accent).add_modifier(bold),
            byline: fg(p.dim),
            tag: fg(p.third),
            section: fg(p.dim).add_modifier(bold),
            local_link: fg(p.green),
        }
    }
}

struct Palette {
    accent: Color,
    second: Color,
    third: Color,
    link: Color,
    code: Color,
    code_bg: Color,
    dim: Color,
    faint: Color,
    green: Color,
    yellow: Color,
    red: Color,
}

/// The interface's own colours: panes, selection, status bar, search matches.
#[derive(Debug, Clone, Copy)]
pub struct Chrome {
    pub border: Style,
    pub border_focused: Style,
    pub title: Style,
    pub selected: Style,
    pub date: Style,
    pub tags: Style,
    pub dim: Style,
    pub matched: Style,
    pub unread: Style,
    pub problem: Style,
    pub draft: Style,
    pub status: Style,
    pub status_key: Style,
    pub message: Style,
    pub search_match: Style,
    pub search_current: Style,
    pub link_cursor: Style,
    pub overlay: Style,
}

impl Chrome {
    pub fn for_appearance(appearance: Appearance) -> Chrome {
        let (accent, fg_dim, selected_bg, status_bg, match_bg) = match appearance {
            Appearance::Dark => (
                Color::Rgb(122, 162, 247),
                Color::Rgb(130, 137, 151),
                Color::Rgb(47, 52, 68),
                Color::Rgb(30, 33, 43),
                Color::Rgb(95, 84, 30),
            ),
            Appearance::Light => (
                Color::Rgb(36, 86, 190),
                Color::Rgb(110, 112, 120),
                Color::Rgb(218, 226, 244),
                Color::Rgb(232, 234, 240),
                Color::Rgb(250, 226, 140),
            ),
        };
        let current_bg = match appearance {
            Appearance::Dark => Color::Rgb(214, 160, 40),
            Appearance::Light => Color::Rgb(240, 170, 40),
        };
        Chrome {
            border: Style::new().fg(fg_dim),
            border_focused: Style::new().fg(accent).add_modifier(Modifier::BOLD),
            title: Style::new().add_modifier(Modifier::BOLD),
            selected: Style::new().bg(selected_bg).add_modifier(Modifier::BOLD),
            date: Style::new().fg(fg_dim),
            tags: Style::new().fg(fg_dim).add_modifier(Modifier::ITALIC),
            dim: Style::new().fg(fg_dim),
            matched: Style::new()
                .fg(accent)
                .add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            unread: Style::new().fg(accent),
            problem: Style::new()
                .fg(Color::Rgb(224, 90, 90))
                .add_modifier(Modifier::BOLD),
            draft: Style::new().fg(Color::Rgb(200, 140, 60)),
            status: Style::new().bg(status_bg),
            status_key: Style::new()
                .bg(status_bg)
                .fg(accent)
                .add_modifier(Modifier::BOLD),
            message: Style::new().bg(status_bg).add_modifier(Modifier::BOLD),
            search_match: Style::new().bg(match_bg),
            search_current: Style::new().bg(current_bg).fg(Color::Black),
            link_cursor: Style::new().add_modifier(Modifier::REVERSED),
            overlay: Style::new().bg(status_bg),
        }
    }

    /// The interface as a terminal of this depth shows it. Without colour, what a background
    /// alone set apart (the selection, search matches) is marked by reverse video, bold and
    /// underline instead, so nothing the reader needs to find vanishes.
    pub fn for_depth(self, depth: ColorDepth) -> Chrome {
        if depth != ColorDepth::Monochrome {
            return self;
        }
        let reversed = Style::new().add_modifier(Modifier::REVERSED);
        Chrome {
            selected: reversed.add_modifier(Modifier::BOLD),
            search_match: Style::new().add_modifier(Modifier::UNDERLINED | Modifier::BOLD),
            search_current: reversed.add_modifier(Modifier::BOLD),
            link_cursor: reversed,
            ..self
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn depth_follows_colorterm_and_no_color() {
        assert_eq!(
            ColorDepth::from_env(Some("truecolor"), false),
            ColorDepth::TrueColor
        );
        assert_eq!(
            ColorDepth::from_env(Some("24bit"), false),
            ColorDepth::TrueColor
        );
        assert_eq!(ColorDepth::from_env(None, false), ColorDepth::Indexed);
        assert_eq!(
            ColorDepth::from_env(Some("truecolor"), true),
            ColorDepth::Monochrome
        );
    }

    #[test]
    fn terminals_without_colour_are_known_by_their_term() {
        for term in ["vt220", "xterm-mono", "linux-m"] {
            assert!(monochrome_term(Some(term)), "{term}");
        }
        for term in ["xterm-256color", "tmux-256color", "linux", "screen"] {
            assert!(!monochrome_term(Some(term)), "{term}");
        }
        assert!(!monochrome_term(None));
    }

    #[test]
    fn rgb_comes_down_to_the_nearest_palette_entry() {
        assert_eq!(indexed(Color::Rgb(255, 0, 0)), Color::Indexed(196));
        assert_eq!(indexed(Color::Rgb(0, 0, 0)), Color::Indexed(16));
        assert_eq!(indexed(Color::Rgb(128, 128, 128)), Color::Indexed(244));
        let style = Style::new()
            .fg(Color::Rgb(1, 2, 3))
            .add_modifier(Modifier::BOLD);
        let mono = ColorDepth::Monochrome.adapt(style);
        assert_eq!((mono.fg, mono.add_modifier), (None, Modifier::BOLD));
    }

    #[test]
    fn without_colour_every_marked_thing_keeps_a_modifier() {
        let chrome = Chrome::for_appearance(Appearance::Dark).for_depth(ColorDepth::Monochrome);
        for style in [
            chrome.selected,
            chrome.search_match,
            chrome.search_current,
            chrome.link_cursor,
            chrome.matched,
        ] {
            let shown = ColorDepth::Monochrome.adapt(style);
            assert!(!shown.add_modifier.is_empty(), "{style:?} shows nothing");
        }
        assert_ne!(chrome.search_match, chrome.search_current);
    }
}
