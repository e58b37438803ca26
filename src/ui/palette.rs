//! The interface's own colours (panes, selection, status bar), for dark and light terminals.

use ratatui::style::{Color, Modifier, Style};

use crate::theme::Appearance;

#[derive(Debug, Clone, Copy)]
pub struct Palette {
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

impl Palette {
    pub fn for_appearance(appearance: Appearance) -> Palette {
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
        Palette {
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
}
