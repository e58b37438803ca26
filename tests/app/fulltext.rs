//! Searching every post from the index: typing sends searches to the worker, only the newest
//! query's results show, and a result opens its post at the match with `n`/`N` working.

use folio::action::Action;
use folio::app::{App, Done, Effect, Overlay};
use folio::keymap::Mode;
use folio::search::Corpus;
use folio::theme::Appearance;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use crate::{open_title, press, sample_app, settle, type_text};

fn overlay(app: &App) -> &folio::app::FullText {
    match &app.overlay {
        Some(Overlay::FullText(state)) => state,
        other => panic!("the full-text overlay is not open: {other:?}"),
    }
}

fn result_titles(app: &App) -> Vec<String> {
    overlay(app)
        .hits
        .iter()
        .map(|hit| app.library().posts()[hit.post].title.clone())
        .collect()
}

#[test]
fn capital_f_opens_it_from_the_index_and_typing_searches_post_bodies() {
    let mut app = sample_app(120, 30, Appearance::Dark);
    press(&mut app, &["F"]);
    assert_eq!(app.mode(), Mode::FullText);
    type_text(&mut app, "banneton");
    assert_eq!(overlay(&app).query, "banneton");
    assert_eq!(result_titles(&app), ["Sourdough on a timer"]);
    let hit = &overlay(&app).hits[0];
    assert_eq!(hit.snippet.parts().1, "banneton");
    assert!(!overlay(&app).searching());
}

#[test]
fn title_hits_rank_above_body_hits() {
    let mut app = sample_app(120, 30, Appearance::Dark);
    press(&mut app, &["F"]);
    type_text(&mut app, "oven");
    let titles = result_titles(&app);
    assert_eq!(titles[0], "My oven lies by twenty degrees", "{titles:?}");
    assert!(titles.contains(&"Sourdough on a timer".to_string()));
}

#[test]
fn each_keystroke_asks_the_worker_and_only_the_newest_answer_shows() {
    let mut app = sample_app(120, 30, Appearance::Dark);
    let effects = app.update(Action::SearchAll);
    settle(&mut app, effects);
    let mut jobs = Vec::new();
    for key in "umbrella".chars() {
        for effect in app.handle_key(key.to_string().parse().unwrap()) {
            match effect {
                Effect::SearchAll(job) => jobs.push(job),
                other => panic!("only searches are asked for: {other:?}"),
            }
        }
    }
    assert_eq!(
        jobs.iter().map(|j| j.query.as_str()).collect::<Vec<_>>(),
        [
            "u", "um", "umb", "umbr", "umbre", "umbrel", "umbrell", "umbrella"
        ]
    );
    let mut corpus = Corpus::default();
    // An older job the worker still meets finds a newer query asked, and stops.
    assert!(jobs[0].run(&mut corpus).is_none());
    let newest = jobs[7].run(&mut corpus).expect("the newest search runs");
    app.receive(newest);
    assert_eq!(result_titles(&app), ["Three rainy days in Kyoto"]);
    // A late answer to an older query changes nothing.
    let stale = folio::app::Searched {
        generation: jobs[1].generation,
        library: 0,
        hits: Vec::new(),
        total: 0,
    };
    app.receive(Done::Searched(stale));
    assert_eq!(result_titles(&app), ["Three rainy days in Kyoto"]);
}

#[test]
fn enter_opens_the_post_at_its_first_match_with_n_stepping_through_it() {
    let mut app = sample_app(80, 24, Appearance::Dark);
    press(&mut app, &["F"]);
    type_text(&mut app, "thermometer");
    press(&mut app, &["enter"]);
    assert_eq!(app.overlay, None);
    assert_eq!(app.mode(), Mode::Reader);
    assert_eq!(open_title(&app), "My oven lies by twenty degrees");
    let reader = app.reader.as_ref().unwrap();
    let search = reader
        .search
        .as_ref()
        .expect("the reader searches for the query");
    assert_eq!(search.query, "thermometer");
    assert!(search.matches.len() >= 4, "{:?}", search.matches);
    assert_eq!(search.current, 0);
    let first = search.matches[0].line;
    let height = app.reader_height();
    assert!(
        (reader.scroll..reader.scroll + height).contains(&first),
        "the first match, line {first}, is in view from line {}",
        reader.scroll
    );
    press(&mut app, &["n"]);
    let search = app.reader.as_ref().unwrap().search.as_ref().unwrap();
    assert_eq!(search.current, 1);
    press(&mut app, &["N", "N"]);
    let search = app.reader.as_ref().unwrap().search.as_ref().unwrap();
    assert_eq!(search.current, search.matches.len() - 1);
}

#[test]
fn moving_in_the_results_and_closing() {
    let mut app = sample_app(120, 30, Appearance::Dark);
    press(&mut app, &["F"]);
    type_text(&mut app, "dutch");
    assert_eq!(overlay(&app).hits.len(), 2);
    press(&mut app, &["down"]);
    assert_eq!(overlay(&app).selected, 1);
    press(&mut app, &["ctrl-p"]);
    assert_eq!(overlay(&app).selected, 0);
    press(&mut app, &["ctrl-n", "enter"]);
    let opened = open_title(&app);
    assert_eq!(opened, result_titles_after_reopen(&mut app)[1]);
    press(&mut app, &["esc"]);
    assert_eq!(app.overlay, None);
    assert_eq!(app.mode(), Mode::Reader);
}

/// Opens the overlay again: it comes back with the last query, its results and the result
/// chosen.
fn result_titles_after_reopen(app: &mut App) -> Vec<String> {
    press(app, &["F"]);
    assert_eq!(overlay(app).query, "dutch");
    assert_eq!(overlay(app).selected, 1);
    result_titles(app)
}

#[test]
fn backspace_edits_the_query_and_letters_do_not_act_as_keys() {
    let mut app = sample_app(120, 30, Appearance::Dark);
    press(&mut app, &["F"]);
    type_text(&mut app, "qjx");
    assert_eq!(app.mode(), Mode::FullText, "q typed, not quit");
    assert!(!app.should_quit);
    assert_eq!(overlay(&app).total, 0);
    press(&mut app, &["backspace", "backspace", "backspace"]);
    assert_eq!(overlay(&app).query, "");
    assert!(overlay(&app).hits.is_empty());
}

#[test]
fn the_overlay_on_screen() {
    let (width, height) = (80, 24);
    let mut app = sample_app(width, height, Appearance::Dark);
    press(&mut app, &["F"]);
    type_text(&mut app, "oven");
    press(&mut app, &["down"]);
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|frame| frame.render_widget(&app, frame.area()))
        .unwrap();
    insta::assert_snapshot!("dark_fulltext", terminal.backend());
    // Without colour, the match is still reversed and bold.
    let buffer = terminal.backend().buffer();
    let reversed = (0..height)
        .flat_map(|y| (0..width).map(move |x| (x, y)))
        .filter(|&(x, y)| {
            buffer[(x, y)]
                .modifier
                .contains(ratatui::style::Modifier::REVERSED)
        })
        .count();
    assert!(reversed >= 4, "a marked match shows without colour");
}

#[test]
fn results_from_before_the_blog_changed_are_searched_again_before_opening() {
    let dir = tempfile::tempdir().unwrap();
    let post = |name: &str, title: &str, date: &str| {
        std::fs::write(
            dir.path().join(name),
            format!("---\ntitle: {title}\ndate: {date}\n---\nA heron by the river.\n"),
        )
        .unwrap();
    };
    post("old.md", "Old", "2024-01-01");
    let source = folio::content::discover::resolve(Some(dir.path())).unwrap();
    let library = folio::content::Library::load(source).unwrap();
    let mut app = crate::app_on(
        library,
        folio::config::Settings::default(),
        120,
        30,
        Appearance::Dark,
    );
    press(&mut app, &["F"]);
    type_text(&mut app, "heron");
    assert_eq!(result_titles(&app), ["Old"]);
    // A newer post comes first in the library: the old result's position now names it.
    post("new.md", "New", "2025-01-01");
    crate::apply(&mut app, &[folio::watch::Change::Created("new.md".into())]);
    let effects = app.handle_key("enter".parse().unwrap());
    assert!(
        matches!(effects.as_slice(), [Effect::SearchAll(_)]),
        "{effects:?}"
    );
    assert_eq!(app.mode(), Mode::FullText);
    settle(&mut app, effects);
    assert_eq!(result_titles(&app), ["New", "Old"]);
    press(&mut app, &["down", "enter"]);
    assert_eq!(open_title(&app), "Old");
}
