//! Everyday reading: searching across wraps, jumping to unread posts, copying links, and the
//! small things a reader notices.

use folio::app::{App, Effect, Overlay};
use folio::keymap::Mode;
use folio::theme::Appearance;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use crate::{press, sample_app, type_text};

/// The screen's bottom row, as the status bar shows it.
fn status_line(app: &App, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|frame| frame.render_widget(app, frame.area()))
        .unwrap();
    let buffer = terminal.backend().buffer();
    (0..width)
        .map(|x| buffer[(x, height - 1)].symbol())
        .collect::<String>()
}

#[test]
fn search_finds_a_phrase_that_a_soft_wrap_cuts_in_two() {
    let mut app = sample_app(80, 24, Appearance::Dark);
    press(&mut app, &["enter"]);
    let text = app.reader.as_ref().unwrap().text.clone();
    // Two words on either side of a wrap inside a paragraph.
    let (line, phrase) = text
        .windows(2)
        .enumerate()
        .find_map(|(i, pair)| {
            let last = pair[0].split_whitespace().last()?;
            let first = pair[1].split_whitespace().next()?;
            let words = |w: &str| w.len() > 2 && w.chars().all(char::is_alphabetic);
            (words(last) && words(first)).then(|| (i, format!("{last} {first}")))
        })
        .expect("a paragraph that wraps");
    press(&mut app, &["/"]);
    type_text(&mut app, &phrase.to_lowercase());
    let search = app.reader.as_ref().unwrap().search.clone().unwrap();
    let crossing = search
        .matches
        .iter()
        .find(|m| m.line == line)
        .expect("the phrase is found");
    assert_eq!(crossing.continues.len(), 1, "{crossing:?}");
    assert_eq!(crossing.continues[0].0, line + 1);
    let count = search.matches.len();
    let expected = if count == 1 {
        "1 match".to_string()
    } else {
        format!("{count} matches")
    };
    assert!(status_line(&app, 80, 24).contains(&expected));
}

/// The text each match covers on its first line.
fn matched_words(app: &App) -> Vec<String> {
    let reader = app.reader.as_ref().unwrap();
    let search = reader.search.as_ref().expect("a search");
    search
        .matches
        .iter()
        .map(|m| {
            reader.text[m.line]
                .chars()
                .skip(m.start)
                .take(m.end - m.start)
                .collect()
        })
        .collect()
}

#[test]
fn a_lower_case_query_ignores_case_and_a_capital_makes_it_exact() {
    let mut app = sample_app(120, 40, Appearance::Dark);
    press(&mut app, &["enter", "/"]);
    type_text(&mut app, "the");
    let folded = matched_words(&app);
    assert!(folded.iter().any(|w| w == "the") && folded.iter().any(|w| w == "The"));
    press(&mut app, &["esc", "/"]);
    type_text(&mut app, "The");
    let exact = matched_words(&app);
    assert!(
        !exact.is_empty() && exact.iter().all(|w| w == "The"),
        "{exact:?}"
    );
}

#[test]
fn next_unread_from_the_index_opens_the_first_unread_post_after_the_selection() {
    let mut app = sample_app(120, 40, Appearance::Dark);
    // The second and third posts are read already.
    press(&mut app, &["j", "m", "j", "m", "g"]);
    press(&mut app, &["U"]);
    assert_eq!(app.focus, folio::app::Focus::Reader);
    assert_eq!(app.index.selected, 3, "the read posts are passed over");
    assert_eq!(
        app.reader.as_ref().map(|r| r.post),
        app.index.selected_post()
    );
}

#[test]
fn next_unread_from_the_reader_marks_the_post_left_read() {
    let mut app = sample_app(80, 24, Appearance::Dark);
    press(&mut app, &["enter"]);
    let left = app.reader.as_ref().unwrap().post;
    assert!(!app.is_read(left), "a long post is unread on opening");
    press(&mut app, &["U"]);
    assert!(app.is_read(left));
    let now = app.reader.as_ref().unwrap().post;
    assert_ne!(now, left);
    assert_eq!(app.index.selected_post(), Some(now));
    assert_eq!(app.index.selected, 1);
}

#[test]
fn next_unread_says_so_when_every_post_is_read() {
    let mut app = sample_app(120, 40, Appearance::Dark);
    let count = app.index.rows.len();
    for _ in 0..count {
        press(&mut app, &["m", "j"]);
    }
    press(&mut app, &["g", "U"]);
    assert_eq!(
        app.message.as_deref(),
        Some("no other unread post in the index")
    );
    assert_eq!(app.focus, folio::app::Focus::Index);
}

#[test]
fn y_copies_the_selected_link_or_else_the_post_path() {
    let mut app = sample_app(120, 40, Appearance::Dark);
    press(&mut app, &["/"]);
    type_text(&mut app, "sourdough");
    press(&mut app, &["enter"]);
    let path = app.library().posts()[app.index.selected_post().unwrap()]
        .path
        .clone();
    let effects = press(&mut app, &["y"]);
    assert!(
        matches!(&effects[..], [Effect::Copy(text)] if *text == path),
        "{effects:?}"
    );
    assert_eq!(app.message, Some(format!("copied {path}")));

    press(&mut app, &["enter", "tab"]);
    let reader = app.reader.as_ref().unwrap();
    let url = reader.rendered.links[reader.link.unwrap()].url.clone();
    let effects = press(&mut app, &["y"]);
    assert!(
        matches!(&effects[..], [Effect::Copy(text)] if *text == url),
        "{effects:?}"
    );
}

/// The index pane's rows as text.
fn index_rows(app: &App, width: u16, height: u16) -> Vec<String> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|frame| frame.render_widget(app, frame.area()))
        .unwrap();
    let buffer = terminal.backend().buffer();
    let index = app.areas().index.expect("the index is shown");
    (index.y + 1..index.bottom() - 1)
        .map(|y| {
            (index.x + 1..index.right() - 1)
                .map(|x| buffer[(x, y)].symbol())
                .collect()
        })
        .collect()
}

#[test]
fn at_120_columns_an_index_title_shows_40_characters() {
    let app = sample_app(120, 40, Appearance::Dark);
    let rows = index_rows(&app, 120, 40);
    let title = "TOML, YAML and JSON walk into a config file";
    let first_40: String = title.chars().take(40).collect();
    assert!(rows.iter().any(|row| row.contains(&first_40)), "{rows:#?}");
}

#[test]
fn the_date_column_goes_when_no_post_has_a_date() {
    let dir = tempfile::tempdir().unwrap();
    for (file, title) in [("a.md", "Undated one"), ("b.md", "Undated two")] {
        std::fs::write(dir.path().join(file), format!("# {title}\n\nText.\n")).unwrap();
    }
    let source = folio::content::discover::resolve(Some(dir.path())).unwrap();
    let library = folio::content::Library::load(source).unwrap();
    let app = crate::app_on(
        library,
        folio::config::Settings::default(),
        120,
        40,
        Appearance::Dark,
    );
    let rows = index_rows(&app, 120, 40);
    assert!(rows[0].starts_with("›• Undated"), "{:?}", rows[0]);
}

#[test]
fn a_wide_reader_centres_its_text_column() {
    let app = sample_app(200, 60, Appearance::Dark);
    let reader = app.areas().reader.unwrap();
    let text = folio::geometry::text_area(reader, app.reading_width);
    assert_eq!(text.width, app.reading_width);
    let left = text.x - reader.x;
    let right = reader.right() - text.right();
    assert!(left.abs_diff(right) <= 1, "{left} and {right}");
}

#[test]
fn after_a_reload_the_count_is_the_one_the_index_shows() {
    let mut app = sample_app(120, 40, Appearance::Dark);
    let shown = app.index.rows.len();
    assert!(
        app.library().posts().iter().filter(|p| p.listed).count() > shown,
        "the sample's draft is listed but hidden"
    );
    press(&mut app, &["r"]);
    assert_eq!(app.message, Some(format!("reloaded {shown} posts")));
    assert!(status_line(&app, 120, 40).contains(&format!("reloaded {shown} posts")));
}

#[test]
fn in_one_pane_reading_on_and_going_back_keeps_the_selection_in_view() {
    let mut app = sample_app(80, 12, Appearance::Dark);
    press(&mut app, &["j", "j", "j", "enter"]);
    let offset = app.index.offset;
    press(&mut app, &["]", "esc"]);
    assert_eq!(app.index.selected, 4);
    assert_eq!(app.index.offset, offset, "the index did not jump");
    press(&mut app, &["enter", "]", "]", "]", "]", "]", "]", "esc"]);
    let height = app.index_height();
    let selected = app.index.selected;
    assert_eq!(selected, 10);
    assert!(
        (app.index.offset..app.index.offset + height).contains(&selected),
        "row {selected} shown from {} for {height} rows",
        app.index.offset
    );
    assert!(
        app.index.offset + height <= app.index.rows.len(),
        "no empty rows below the last post"
    );
}

#[test]
fn help_opens_at_the_section_of_the_pane_it_is_asked_from() {
    let mut app = sample_app(120, 40, Appearance::Dark);
    press(&mut app, &["?"]);
    assert!(matches!(app.overlay, Some(Overlay::Help { scroll: 0 })));
    press(&mut app, &["esc", "enter", "?"]);
    let reader_section = app.keymap.help_line(Mode::Reader);
    assert!(reader_section > 0);
    assert!(
        matches!(app.overlay, Some(Overlay::Help { scroll }) if scroll == reader_section),
        "{:?}",
        app.overlay
    );
}

#[test]
fn a_filter_that_matches_nothing_leaves_the_reader_empty_and_says_so() {
    let mut app = sample_app(120, 40, Appearance::Dark);
    assert!(app.reader.is_some());
    press(&mut app, &["/"]);
    type_text(&mut app, "qqqqzzzz");
    assert!(app.index.rows.is_empty());
    assert!(app.reader.is_none(), "the previous post is not shown");
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    terminal
        .draw(|frame| frame.render_widget(&app, frame.area()))
        .unwrap();
    let screen = format!("{:?}", terminal.backend());
    assert!(screen.contains("Nothing to read: no post is left in the index."));
    press(&mut app, &["esc"]);
    assert!(
        app.reader.is_some(),
        "clearing the filter shows a post again"
    );
}

#[test]
fn a_long_status_message_ends_with_an_ellipsis_after_a_whole_word() {
    let mut app = sample_app(80, 24, Appearance::Dark);
    let words = "folio could not read the file because it is far larger than any post it \
                 has ever been asked to show";
    app.message = Some(words.to_string());
    let status = status_line(&app, 80, 24);
    let shown = status.trim_end();
    let kept = shown
        .trim_start()
        .strip_suffix('…')
        .expect("an ellipsis ends it");
    assert!(words.starts_with(kept), "{shown:?}");
    assert_eq!(
        words[kept.len()..].chars().next(),
        Some(' '),
        "cut at a word's end: {shown:?}"
    );
}

#[test]
fn help_scrolls_back_at_once_from_its_end() {
    let mut app = sample_app(120, 30, Appearance::Dark);
    press(&mut app, &["?", "G"]);
    let Some(Overlay::Help { scroll: end }) = app.overlay.clone() else {
        panic!("help is open");
    };
    assert!(end > 0 && end < app.keymap.help_len());
    press(&mut app, &["j", "k"]);
    assert!(matches!(app.overlay, Some(Overlay::Help { scroll }) if scroll == end - 1));
}
