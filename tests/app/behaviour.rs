//! What each key does to the app's state.

use folio::action::Action;
use folio::app::{Effect, Focus, Input, Overlay};
use folio::keymap::Mode;
use folio::theme::Appearance;

use folio::config::Settings;

use crate::{
    app_on, link_number, open_title, press, sample_app, selected_title, settle, type_text,
};

#[test]
fn wide_screen_starts_on_the_newest_post_and_previews_as_the_selection_moves() {
    let mut app = sample_app(120, 40, Appearance::Dark);
    assert_eq!(app.index.rows.len(), 12, "the draft is hidden");
    assert_eq!(selected_title(&app), "My oven lies by twenty degrees");
    assert_eq!(open_title(&app), "My oven lies by twenty degrees");
    press(&mut app, &["j", "j"]);
    assert_eq!(open_title(&app), "Notes from a small terminal conference");
    press(&mut app, &["G"]);
    assert_eq!(selected_title(&app), "About this blog");
    press(&mut app, &["g"]);
    assert_eq!(selected_title(&app), "My oven lies by twenty degrees");
    assert_eq!(app.focus, Focus::Index);
}

#[test]
fn narrow_screen_shows_one_pane_at_a_time() {
    let mut app = sample_app(80, 24, Appearance::Dark);
    assert!(app.areas().reader.is_none());
    press(&mut app, &["enter"]);
    assert_eq!(app.focus, Focus::Reader);
    assert!(app.areas().index.is_none() && app.areas().reader.is_some());
    press(&mut app, &["esc"]);
    assert_eq!(app.focus, Focus::Index);
    assert!(app.areas().reader.is_none());
}

#[test]
fn reader_scrolls_by_line_half_page_page_and_to_the_ends() {
    let mut app = sample_app(120, 40, Appearance::Dark);
    press(&mut app, &["j", "j", "j", "enter"]);
    assert_eq!(open_title(&app), "Rendering markdown in eighty columns");
    let height = app.reader_height();
    let scroll = |app: &folio::app::App| app.reader.as_ref().unwrap().scroll;
    press(&mut app, &["j", "j"]);
    assert_eq!(scroll(&app), 2);
    press(&mut app, &["k"]);
    assert_eq!(scroll(&app), 1);
    press(&mut app, &["ctrl-d"]);
    assert_eq!(scroll(&app), 1 + height / 2);
    press(&mut app, &["G"]);
    let bottom = scroll(&app);
    assert_eq!(bottom, app.reader.as_ref().unwrap().max_scroll(height));
    press(&mut app, &["j"]);
    assert_eq!(scroll(&app), bottom, "no scrolling past the end");
    press(&mut app, &["g"]);
    assert_eq!(scroll(&app), 0);
}

#[test]
fn filter_narrows_as_you_type_enter_keeps_it_esc_clears_it() {
    let mut app = sample_app(120, 40, Appearance::Dark);
    press(&mut app, &["/"]);
    assert_eq!(app.mode(), Mode::Filter);
    type_text(&mut app, "kyoto");
    let matches = app.index.rows.len();
    assert!(matches < 12, "posts that don't match drop out");
    assert_eq!(
        selected_title(&app),
        "Three rainy days in Kyoto",
        "the best match comes first"
    );
    assert!(
        !app.index.rows[0].matched.is_empty(),
        "the matched letters are marked"
    );
    press(&mut app, &["enter"]);
    assert_eq!(app.mode(), Mode::Index);
    assert_eq!(app.index.rows.len(), matches, "enter keeps the filter");
    press(&mut app, &["esc"]);
    assert_eq!(app.index.rows.len(), 12, "esc clears it");
    press(&mut app, &["/"]);
    type_text(&mut app, "bread");
    assert!(app.index.rows.len() >= 2, "tags are searched too");
    press(&mut app, &["esc"]);
    assert_eq!(app.input, None);
    assert_eq!(app.index.rows.len(), 12);
}

#[test]
fn tag_picker_lists_tags_with_counts_and_filters_by_one() {
    let mut app = sample_app(120, 40, Appearance::Dark);
    press(&mut app, &["t"]);
    let Some(Overlay::Tags { tags, .. }) = &app.overlay else {
        panic!("the tag list is open")
    };
    let (tag, count) = tags[0].clone();
    assert!(count >= 2, "the most used tag comes first");
    press(&mut app, &["j", "enter"]);
    assert_eq!(app.index.tag.as_deref(), Some(tag.as_str()));
    assert_eq!(app.index.rows.len(), count);
    press(&mut app, &["t", "g", "enter"]);
    assert_eq!(app.index.tag, None, "the first entry shows all posts");
}

#[test]
fn drafts_and_sort_toggle() {
    let mut app = sample_app(120, 40, Appearance::Dark);
    press(&mut app, &["d"]);
    assert_eq!(app.index.rows.len(), 13);
    assert_eq!(
        selected_title(&app),
        "My oven lies by twenty degrees",
        "the selection stays put"
    );
    press(&mut app, &["g"]);
    assert_eq!(selected_title(&app), "Terminal fonts I keep coming back to");
    press(&mut app, &["s", "g"]);
    assert_eq!(
        selected_title(&app),
        "A shell prompt that stays out of the way"
    );
    press(&mut app, &["s", "d"]);
    assert_eq!(app.index.rows.len(), 12);
}

/// The search match the cursor is on.
fn current_match(app: &folio::app::App) -> usize {
    let reader = app.reader.as_ref().expect("a post is open");
    reader.search.as_ref().expect("a search").current
}

#[test]
fn search_in_a_post_counts_matches_and_moves_between_them() {
    let mut app = sample_app(120, 40, Appearance::Dark);
    press(&mut app, &["enter", "/"]);
    type_text(&mut app, "oven");
    press(&mut app, &["enter"]);
    let search = app
        .reader
        .as_ref()
        .unwrap()
        .search
        .clone()
        .expect("a search");
    assert!(search.matches.len() >= 3, "{search:?}");
    assert_eq!(search.current, 0);
    press(&mut app, &["n", "n"]);
    assert_eq!(current_match(&app), 2);
    press(&mut app, &["N"]);
    assert_eq!(current_match(&app), 1);
    press(&mut app, &["/"]);
    type_text(&mut app, "zebra");
    press(&mut app, &["enter"]);
    assert!(app.message.as_deref().unwrap_or("").contains("no match"));
}

#[test]
fn outline_jumps_to_a_heading() {
    let mut app = sample_app(120, 40, Appearance::Dark);
    press(&mut app, &["j", "j", "j", "enter", "o"]);
    assert_eq!(app.mode(), Mode::Outline);
    press(&mut app, &["j", "j", "enter"]);
    let reader = app.reader.as_ref().unwrap();
    let heading = &reader.rendered.headings[2];
    assert_eq!(
        reader.scroll,
        heading.line.min(reader.max_scroll(app.reader_height()))
    );
    assert_eq!(app.mode(), Mode::Reader);
}

#[test]
fn following_a_link_to_another_post_and_back() {
    let mut app = sample_app(120, 40, Appearance::Dark);
    press(&mut app, &["/"]);
    type_text(&mut app, "sourdough");
    press(&mut app, &["enter", "enter"]);
    assert_eq!(open_title(&app), "Sourdough on a timer");
    let kyoto = link_number(&app, "kyoto");
    press(&mut app, &["G", "f"]);
    type_text(&mut app, &kyoto.to_string());
    if app.input.is_some() {
        press(&mut app, &["enter"]);
    }
    assert_eq!(open_title(&app), "Three rainy days in Kyoto");
    assert_eq!(app.reader.as_ref().unwrap().scroll, 0);
    press(&mut app, &["backspace"]);
    assert_eq!(open_title(&app), "Sourdough on a timer");
    assert!(
        app.reader.as_ref().unwrap().scroll > 0,
        "back where the link was followed"
    );
}

#[test]
fn web_links_become_an_effect_and_other_schemes_are_refused() {
    let mut app = sample_app(120, 40, Appearance::Dark);
    press(&mut app, &["G", "enter"]);
    assert_eq!(open_title(&app), "About this blog");
    let links = app.reader.as_ref().unwrap().rendered.links.clone();
    let web = links
        .iter()
        .find(|l| l.url.starts_with("https://"))
        .expect("a web link");
    press(&mut app, &["f"]);
    let mut effects = type_text(&mut app, &web.number.to_string());
    if app.input.is_some() {
        effects = press(&mut app, &["enter"]);
    }
    assert!(
        matches!(&effects[..], [Effect::OpenUrl(url)] if *url == web.url),
        "{effects:?}"
    );
}

#[test]
fn tab_moves_through_every_link_of_the_post_scrolling_each_into_view() {
    let mut app = sample_app(120, 12, Appearance::Dark);
    press(&mut app, &["/"]);
    type_text(&mut app, "sourdough");
    press(&mut app, &["enter", "enter"]);
    let height = app.reader_height();
    let links = app.reader.as_ref().unwrap().rendered.links.clone();
    assert!(links.len() >= 2, "the post has links to step through");
    let mut order: Vec<usize> = (0..links.len()).collect();
    order.sort_by_key(|&l| (links[l].line, l));
    for &expected in &order {
        press(&mut app, &["tab"]);
        let reader = app.reader.as_ref().unwrap();
        assert_eq!(reader.link, Some(expected));
        let line = links[expected].line;
        assert!(
            (reader.scroll..reader.scroll + height).contains(&line),
            "link {expected} on line {line} is on screen (scrolled to {})",
            reader.scroll
        );
    }
    press(&mut app, &["tab"]);
    assert_eq!(
        app.reader.as_ref().unwrap().link,
        Some(order[0]),
        "wraps round"
    );
    press(&mut app, &["backtab"]);
    assert_eq!(app.reader.as_ref().unwrap().link, order.last().copied());
}

#[test]
fn next_and_previous_post_follow_the_index_order() {
    let mut app = sample_app(120, 40, Appearance::Dark);
    press(&mut app, &["enter", "]"]);
    assert_eq!(open_title(&app), "How deep should headings go?");
    press(&mut app, &["[", "["]);
    assert_eq!(open_title(&app), "My oven lies by twenty degrees");
    assert!(app.message.as_deref().unwrap_or("").contains("first post"));
}

#[test]
fn zoom_gives_the_reader_the_whole_width() {
    let mut app = sample_app(120, 40, Appearance::Dark);
    let split_width = app.reader_width();
    press(&mut app, &["z"]);
    assert!(app.areas().index.is_none());
    assert!(app.reader_width() > split_width);
    press(&mut app, &["z"]);
    assert!(app.areas().index.is_some());
}

#[test]
fn help_opens_and_closes_and_quit_quits_from_everywhere() {
    let mut app = sample_app(120, 40, Appearance::Dark);
    press(&mut app, &["?"]);
    assert_eq!(app.mode(), Mode::Help);
    press(&mut app, &["q"]);
    assert_eq!(app.mode(), Mode::Index, "q closes help, like less");
    assert!(!app.should_quit);
    press(&mut app, &["/"]);
    press(&mut app, &["ctrl-c"]);
    assert!(app.should_quit);
    let mut app = sample_app(120, 40, Appearance::Dark);
    app.update(Action::Quit);
    assert!(app.should_quit);
    assert_eq!(app.input, None::<Input>);
}

#[test]
fn resizing_reflows_and_survives_tiny_sizes() {
    let mut app = sample_app(120, 40, Appearance::Dark);
    press(&mut app, &["enter", "ctrl-d"]);
    for (w, h) in [(60, 20), (1, 1), (0, 0), (5, 3), (200, 60), (100, 10)] {
        let effects = app.resize(ratatui::layout::Rect::new(0, 0, w, h));
        settle(&mut app, effects);
        let mut terminal =
            ratatui::Terminal::new(ratatui::backend::TestBackend::new(w.max(1), h.max(1))).unwrap();
        terminal
            .draw(|frame| frame.render_widget(&app, frame.area()))
            .unwrap();
        press(&mut app, &["j", "G", "tab", "o", "esc", "?", "esc"]);
    }
    let width = app.reader_width();
    let reader = app.reader.as_ref().unwrap();
    assert!(
        reader
            .rendered
            .lines
            .iter()
            .all(|l| l.width() <= usize::from(width).max(20))
    );
}

#[test]
fn every_bound_action_has_a_description_and_is_in_help() {
    let app = sample_app(120, 40, Appearance::Dark);
    let chrome = folio::theme::Chrome::for_appearance(Appearance::Dark);
    let help: String = folio::ui::help::lines(&app.keymap, &chrome)
        .iter()
        .map(|line| {
            line.spans
                .iter()
                .map(|s| s.content.as_ref())
                .collect::<String>()
                + "\n"
        })
        .collect();
    for (mode, bindings) in app.keymap.groups() {
        assert!(help.contains(mode.title()));
        for (action, keys) in bindings {
            assert!(!action.description().is_empty());
            assert!(help.contains(action.description()), "{action:?} in help");
            for key in keys {
                assert!(
                    help.contains(&key.to_string()),
                    "{key} for {action:?} in help"
                );
            }
        }
    }
}

#[test]
fn the_wheel_scrolls_the_pane_under_the_pointer_and_a_click_selects() {
    use ratatui::crossterm::event::{KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
    let mouse = |kind, column, row| MouseEvent {
        kind,
        column,
        row,
        modifiers: KeyModifiers::NONE,
    };
    let mut app = sample_app(120, 40, Appearance::Dark);
    let reader = app.areas().reader.unwrap();
    let index = app.areas().index.unwrap();
    let effects = app.handle_mouse(mouse(
        MouseEventKind::ScrollDown,
        reader.x + 5,
        reader.y + 5,
    ));
    settle(&mut app, effects);
    assert_eq!(app.reader.as_ref().unwrap().scroll, 3);
    assert_eq!(app.index.selected, 0, "the index did not move");
    let effects = app.handle_mouse(mouse(MouseEventKind::ScrollDown, index.x + 5, index.y + 5));
    settle(&mut app, effects);
    assert_eq!(app.index.selected, 1);
    let effects = app.handle_mouse(mouse(
        MouseEventKind::Down(MouseButton::Left),
        index.x + 5,
        index.y + 1 + 4,
    ));
    settle(&mut app, effects);
    assert_eq!(app.index.selected, 4);
    assert_eq!(open_title(&app), selected_title(&app));
    let effects = app.handle_mouse(mouse(
        MouseEventKind::Down(MouseButton::Left),
        reader.x + 5,
        reader.y + 5,
    ));
    settle(&mut app, effects);
    assert_eq!(app.focus, Focus::Reader);
}

#[test]
fn problems_show_in_the_status_bar_when_selected() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("good.md"),
        "---\ntitle: Good\ndate: 2024-01-02\n---\nFine.\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("bad.md"),
        "---\ntitle: [broken\n---\nText.\n",
    )
    .unwrap();
    let library =
        folio::content::Library::load(folio::content::discover::resolve(Some(dir.path())).unwrap())
            .unwrap();
    let mut app = app_on(library, Settings::default(), 120, 20, Appearance::Dark);
    press(&mut app, &["G"]);
    assert_eq!(selected_title(&app), "Bad");
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 20)).unwrap();
    terminal
        .draw(|frame| frame.render_widget(&app, frame.area()))
        .unwrap();
    let status: String = (0..120)
        .map(|x| terminal.backend().buffer()[(x, 19)].symbol().to_string())
        .collect();
    assert!(
        status.contains("bad.md:3: error: YAML front matter"),
        "{status}"
    );
    let row: String = (0..40)
        .map(|x| terminal.backend().buffer()[(x, 2)].symbol().to_string())
        .collect();
    assert!(
        row.contains('!'),
        "the broken post is marked in the index: {row}"
    );
}
