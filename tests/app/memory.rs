//! What the reader remembers: read marks, the unread filter, where a post was left, and posts
//! changing on disk while reading.

use std::fs;
use std::path::{Path, PathBuf};

use folio::app::{App, Focus};
use folio::config::Settings;
use folio::content::{Library, discover};
use folio::state::Store;
use folio::theme::Appearance;
use folio::watch::Change;

use crate::{app_on, apply, open_title, press, sample_app, selected_title, settle};

fn unread_rows(app: &App) -> usize {
    app.index
        .rows
        .iter()
        .filter(|row| !app.is_read(row.post))
        .count()
}

#[test]
fn m_marks_read_capital_m_unread_and_u_shows_only_unread() {
    let mut app = sample_app(120, 40, Appearance::Dark);
    assert_eq!(unread_rows(&app), 12, "nothing is read at first");
    let first = selected_title(&app);
    press(&mut app, &["m"]);
    assert!(app.is_read(app.index.selected_post().unwrap()));
    press(&mut app, &["u"]);
    assert_eq!(app.index.rows.len(), 11);
    assert_ne!(selected_title(&app), first);
    press(&mut app, &["u"]);
    assert_eq!(app.index.rows.len(), 12);
    press(&mut app, &["g", "M"]);
    assert_eq!(unread_rows(&app), 12);
}

#[test]
fn a_post_counts_as_read_once_scrolled_near_its_end() {
    let mut app = sample_app(120, 40, Appearance::Dark);
    press(&mut app, &["j", "j", "j", "enter"]);
    let post = app.reader.as_ref().unwrap().post;
    assert!(!app.is_read(post), "opening a long post is not reading it");
    press(&mut app, &["j"]);
    assert!(!app.is_read(post));
    press(&mut app, &["G"]);
    assert!(app.is_read(post));
}

#[test]
fn a_post_reopens_where_it_was_left_and_a_new_run_starts_there() {
    let mut app = sample_app(120, 40, Appearance::Dark);
    press(&mut app, &["j", "j", "j", "enter", "ctrl-d", "ctrl-d"]);
    let title = open_title(&app);
    let scroll = app.reader.as_ref().unwrap().scroll;
    assert!(scroll > 0);
    press(&mut app, &["esc", "j", "k"]);
    assert_eq!(open_title(&app), title);
    assert_eq!(
        app.reader.as_ref().unwrap().scroll,
        scroll,
        "reopened in place"
    );

    let state = app.reading_state().clone();
    let mut again = sample_app(120, 40, Appearance::Dark);
    let effects = again.restore(state, None);
    settle(&mut again, effects);
    assert_eq!(selected_title(&again), title);
    assert_eq!(open_title(&again), title);
    assert_eq!(again.reader.as_ref().unwrap().scroll, scroll);
}

#[test]
fn marking_saves_the_state_file() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = sample_app(120, 40, Appearance::Dark);
    let store = Store::for_source(dir.path(), app.library().source());
    let effects = app.restore(Default::default(), Some(store.clone()));
    settle(&mut app, effects);
    press(&mut app, &["m"]);
    let (saved, warning) = store.load();
    assert_eq!(warning, None);
    let selected = &app.library().posts()[app.index.selected_post().unwrap()];
    assert!(saved.is_read(selected));
}

fn write_post(root: &Path, file: &str, title: &str, date: &str, paragraphs: usize) -> PathBuf {
    let body: String = (0..paragraphs)
        .map(|i| format!("Paragraph {i} of {title}, long enough to fill a line or so.\n\n"))
        .collect();
    let path = root.join(file);
    fs::write(
        &path,
        format!("---\ntitle: {title}\ndate: {date}\n---\n{body}"),
    )
    .unwrap();
    path
}

/// Wide enough that a revised post's longer lines still fit on one line each.
fn disk_app(root: &Path) -> App {
    let library = Library::load(discover::resolve(Some(root)).unwrap()).unwrap();
    app_on(library, Settings::default(), 140, 40, Appearance::Dark)
}

fn titles(app: &App) -> Vec<String> {
    app.index
        .rows
        .iter()
        .map(|row| app.library().posts()[row.post].title.clone())
        .collect()
}

#[test]
fn posts_changing_on_disk_appear_change_and_disappear() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write_post(root, "a.md", "Alpha", "2024-01-01", 80);
    write_post(root, "c.md", "Gamma", "2024-03-01", 80);
    let mut app = disk_app(root);
    press(&mut app, &["j", "enter", "ctrl-d"]);
    assert_eq!(open_title(&app), "Alpha");
    let scroll = app.reader.as_ref().unwrap().scroll;

    write_post(root, "b.md", "Beta", "2024-02-01", 5);
    apply(&mut app, &[Change::Created("b.md".into())]);
    assert_eq!(titles(&app), ["Gamma", "Beta", "Alpha"]);
    assert_eq!(open_title(&app), "Alpha", "the open post stays open");
    assert_eq!(selected_title(&app), "Alpha");

    write_post(root, "a.md", "Alpha, revised", "2024-01-01", 80);
    apply(&mut app, &[Change::Modified("a.md".into())]);
    assert_eq!(open_title(&app), "Alpha, revised");
    assert_eq!(
        app.reader.as_ref().unwrap().scroll,
        scroll,
        "the place is kept"
    );

    fs::remove_file(root.join("a.md")).unwrap();
    apply(&mut app, &[Change::Removed("a.md".into())]);
    assert_eq!(titles(&app), ["Gamma", "Beta"]);
    let shown = app.reader.as_ref().map(|_| open_title(&app));
    assert_ne!(shown.as_deref(), Some("Alpha, revised"));
    assert!(app.message.as_deref().unwrap().contains("a.md was deleted"));
    assert_eq!(app.focus, Focus::Index);
}

#[test]
fn a_renamed_post_keeps_its_read_mark() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write_post(root, "a.md", "Alpha", "2024-01-01", 3);
    write_post(root, "b.md", "Beta", "2024-02-01", 3);
    let mut app = disk_app(root);
    press(&mut app, &["j", "m"]);
    fs::rename(root.join("a.md"), root.join("alpha.md")).unwrap();
    apply(
        &mut app,
        &[Change::Renamed("a.md".into(), "alpha.md".into())],
    );
    let alpha = app.library().position(Path::new("alpha.md")).unwrap();
    assert!(app.is_read(alpha));
    assert_eq!(selected_title(&app), "Alpha");
}

#[test]
fn a_renamed_post_is_found_again_by_identity_in_a_new_run() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write_post(root, "a.md", "Alpha", "2024-01-01", 3);
    let mut app = disk_app(root);
    press(&mut app, &["m"]);
    let state = app.reading_state().clone();
    fs::rename(root.join("a.md"), root.join("renamed.md")).unwrap();
    let mut again = disk_app(root);
    let effects = again.restore(state, None);
    settle(&mut again, effects);
    assert!(again.is_read(0));
}

#[test]
fn a_post_whose_date_changed_moves_to_its_place_and_stays_open() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write_post(root, "a.md", "Alpha", "2024-01-01", 3);
    write_post(root, "b.md", "Beta", "2024-02-01", 3);
    let mut app = disk_app(root);
    press(&mut app, &["j", "enter"]);
    assert_eq!(titles(&app), ["Beta", "Alpha"]);
    write_post(root, "a.md", "Alpha", "2024-03-01", 3);
    apply(&mut app, &[Change::Modified("a.md".into())]);
    assert_eq!(titles(&app), ["Alpha", "Beta"]);
    assert_eq!(open_title(&app), "Alpha");
    assert_eq!(selected_title(&app), "Alpha");
}

#[test]
fn a_last_post_that_is_not_shown_leaves_the_newest_selected_and_previewed() {
    let mut app = sample_app(120, 40, Appearance::Dark);
    let draft = app
        .library()
        .posts()
        .iter()
        .find(|p| p.meta.draft)
        .expect("the sample has a draft")
        .path
        .clone();
    let state = folio::state::ReadingState {
        last_open: Some(draft),
        ..Default::default()
    };
    let effects = app.restore(state, None);
    settle(&mut app, effects);
    assert_eq!(selected_title(&app), "My oven lies by twenty degrees");
    assert_eq!(open_title(&app), "My oven lies by twenty degrees");
}

#[test]
fn text_added_above_the_place_being_read_does_not_move_the_reader() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let sections = |intro: &str| {
        let mut text = format!("---\ntitle: Long\ndate: 2024-01-01\n---\n{intro}\n\n");
        for i in 1..=30 {
            text.push_str(&format!("## Part {i}\n\nWords of part {i}.\n\n"));
        }
        text
    };
    fs::write(root.join("long.md"), sections("Intro.")).unwrap();
    let mut app = disk_app(root);
    press(&mut app, &["enter", "ctrl-d", "ctrl-d"]);
    let heading = |app: &App| {
        let reader = app.reader.as_ref().unwrap();
        reader.rendered.headings[reader.current_heading()]
            .text
            .clone()
    };
    let before = heading(&app);
    fs::write(
        root.join("long.md"),
        sections("Intro.\n\nA new paragraph.\n\nAnd another.\n\nAnd a third."),
    )
    .unwrap();
    apply(&mut app, &[Change::Modified("long.md".into())]);
    assert_eq!(heading(&app), before);
}
