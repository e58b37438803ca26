//! Screens without colour (`NO_COLOR`, a monochrome terminal): what colour marked is still
//! seen through reverse video, bold and underline. Each snapshot row is followed, when any of
//! its cells carries a modifier, by a row of marks: `R` reverse, `U` underline, `B` bold
//! (the first that applies).

use folio::app::App;
use folio::theme::{Appearance, ColorDepth};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::{Color, Modifier};

use crate::{press, sample_app, type_text};

/// The screen as text, each row with its modifiers marked under it.
fn screen(app: &App, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|frame| frame.render_widget(app, frame.area()))
        .unwrap();
    let buffer = terminal.backend().buffer();
    let mut out = String::new();
    for y in 0..height {
        let mut text = String::new();
        let mut marks = String::new();
        for x in 0..width {
            let cell = &buffer[(x, y)];
            assert_eq!(
                (cell.fg, cell.bg),
                (Color::Reset, Color::Reset),
                "no colour"
            );
            text.push_str(cell.symbol());
            let modifier = cell.modifier;
            marks.push(if modifier.contains(Modifier::REVERSED) {
                'R'
            } else if modifier.contains(Modifier::UNDERLINED) {
                'U'
            } else if modifier.contains(Modifier::BOLD) {
                'B'
            } else {
                ' '
            });
        }
        out.push_str(text.trim_end());
        out.push('\n');
        if !marks.trim().is_empty() {
            out.push_str(marks.trim_end());
            out.push('\n');
        }
    }
    out
}

fn monochrome(width: u16, height: u16) -> App {
    let mut app = sample_app(width, height, Appearance::Dark);
    app.color_depth = ColorDepth::Monochrome;
    app
}

#[test]
fn search_matches_stay_visible_without_colour() {
    let mut app = monochrome(80, 24);
    press(&mut app, &["enter", "/"]);
    type_text(&mut app, "oven");
    press(&mut app, &["enter", "n"]);
    insta::assert_snapshot!("mono_search", screen(&app, 80, 24));
}

#[test]
fn the_selected_link_stays_visible_without_colour() {
    let mut app = monochrome(120, 30);
    press(&mut app, &["/"]);
    type_text(&mut app, "sourdough");
    press(&mut app, &["enter", "enter", "tab"]);
    insta::assert_snapshot!("mono_link", screen(&app, 120, 30));
}

#[test]
fn the_outline_and_index_selections_stay_visible_without_colour() {
    let mut app = monochrome(120, 30);
    press(&mut app, &["j", "j", "j", "enter", "o", "j"]);
    insta::assert_snapshot!("mono_outline", screen(&app, 120, 30));
    let mut app = monochrome(120, 30);
    press(&mut app, &["/"]);
    type_text(&mut app, "rain");
    insta::assert_snapshot!("mono_filter", screen(&app, 120, 30));
}

#[test]
fn inline_code_stays_visible_without_colour() {
    let mut app = monochrome(100, 30);
    press(&mut app, &["/"]);
    type_text(&mut app, "shell prompt");
    press(&mut app, &["enter", "enter", "ctrl-d"]);
    insta::assert_snapshot!("mono_code", screen(&app, 100, 30));
}
