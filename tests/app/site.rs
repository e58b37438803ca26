//! A site's own rules in the reader: its title over the index, and links into pages that are
//! not listed (a headless bundle, a section) or written Zola's way can be followed.

use folio::app::App;
use folio::config::Settings;
use folio::content::{Library, discover};
use folio::theme::Appearance;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use crate::{app_on, open_title, press};

fn fixture_app(name: &str) -> App {
    let site = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    let library = Library::load(discover::resolve(Some(&site)).unwrap()).unwrap();
    app_on(library, Settings::default(), 120, 20, Appearance::Dark)
}

fn open_by_title(app: &mut App, title: &str) {
    press(app, &["g"]);
    for _ in 0..app.index.rows.len() {
        if crate::selected_title(app) == title {
            press(app, &["enter"]);
            return;
        }
        press(app, &["j"]);
    }
    panic!("{title} is in the index");
}

#[test]
fn the_site_title_heads_the_index() {
    let app = fixture_app("hugo");
    let mut terminal = Terminal::new(TestBackend::new(120, 20)).unwrap();
    terminal
        .draw(|frame| frame.render_widget(&app, frame.area()))
        .unwrap();
    let top: String = (0..60)
        .map(|x| terminal.backend().buffer()[(x, 0)].symbol().to_string())
        .collect();
    assert!(top.contains("Fixture site · Posts 4"), "{top}");
}

#[test]
fn a_link_into_a_headless_section_opens_its_page() {
    let mut app = fixture_app("hugo");
    open_by_title(&mut app, "Cleaning the glass");
    press(&mut app, &["f", "3", "enter"]);
    assert_eq!(open_title(&app), "Observing log");
    press(&mut app, &["backspace", "f", "1", "enter"]);
    assert_eq!(
        open_title(&app),
        "Planning a night out",
        "a full URL on the site's own address opens the post by its permalink"
    );
}

#[test]
fn zola_internal_links_open_pages_and_sections() {
    let mut app = fixture_app("zola");
    open_by_title(&mut app, "Native TOML dates");
    press(&mut app, &["f", "1", "enter"]);
    assert_eq!(open_title(&app), "Christmas Eve");
    press(&mut app, &["backspace", "f", "2", "enter"]);
    assert_eq!(open_title(&app), "Blog", "a section page is a link target");
}
