//! Snapshots of the main screens, in both themes. The dark theme's snapshots show the text;
//! the light theme's show the styles too, so a colour change is seen in review.

use folio::app::App;
use folio::config::Settings;
use folio::content::{Library, Source};
use folio::geometry::IndexWidth;
use folio::theme::Appearance;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use crate::{app_on, press, sample_app, type_text};

fn draw(app: &App, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|frame| frame.render_widget(app, frame.area()))
        .unwrap();
    terminal
}

/// A screen: its name, the terminal size, and how to get there from a fresh app.
struct Screen {
    name: &'static str,
    width: u16,
    height: u16,
    setup: fn(&mut App),
}

fn screens() -> Vec<Screen> {
    let screen = |name, width, height, setup| Screen {
        name,
        width,
        height,
        setup,
    };
    vec![
        screen("wide_split", 120, 30, |app| {
            press(app, &["j"]);
        }),
        screen("narrow_reader", 70, 24, |app| {
            press(app, &["j", "enter", "j"]);
        }),
        screen("help", 120, 30, |app| {
            press(app, &["?"]);
        }),
        screen("outline", 120, 30, |app| {
            press(app, &["j", "j", "j", "enter", "o", "j"]);
        }),
        screen("filter", 120, 30, |app| {
            press(app, &["/"]);
            type_text(app, "rain");
        }),
        screen("search", 120, 30, |app| {
            press(app, &["enter", "/"]);
            type_text(app, "oven");
            press(app, &["enter", "n"]);
        }),
    ]
}

#[test]
fn main_screens_in_the_dark_theme() {
    for Screen {
        name,
        width,
        height,
        setup,
    } in screens()
    {
        let mut app = sample_app(width, height, Appearance::Dark);
        setup(&mut app);
        insta::assert_snapshot!(format!("dark_{name}"), draw(&app, width, height).backend());
    }
}

#[test]
fn main_screens_in_the_light_theme() {
    for Screen {
        name,
        width,
        height,
        setup,
    } in screens()
    {
        let mut app = sample_app(width, height, Appearance::Light);
        setup(&mut app);
        let terminal = draw(&app, width, height);
        insta::assert_debug_snapshot!(format!("light_{name}"), terminal.backend().buffer());
    }
}

#[test]
fn settings_from_the_config_file_shape_the_screen() {
    let (width, height) = (140, 30);
    let settings = Settings {
        reader_width: 60,
        index_width: Some(IndexWidth::Columns(50)),
        date_format: "%d %b %Y".to_string(),
        show_drafts: true,
        ..Settings::default()
    };
    let library = Library::load(Source::Sample).unwrap();
    let app = app_on(library, settings, width, height, Appearance::Dark);
    assert_eq!(app.reader_width(), 60);
    insta::assert_snapshot!("dark_settings", draw(&app, width, height).backend());
}
