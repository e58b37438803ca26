//! What `update` asks of the world: it reads no file and lays nothing out itself; it hands
//! back effects, and results come back as messages.

use std::fs;
use std::path::Path;

use folio::action::Action;
use folio::app::{App, Done, Effect};
use folio::config::Settings;
use folio::content::{Library, Source, discover};
use folio::state::Store;
use folio::theme::Appearance;
use folio::watch::Change;

use crate::{
    app_on, link_number, open_title, press, sample_app, selected_title, settle, type_text,
};

fn blog(root: &Path, posts: usize) {
    for i in 0..posts {
        fs::write(
            root.join(format!("post-{i}.md")),
            format!(
                "---\ntitle: Post {i}\ndate: 2024-01-{:02}\n---\nText of post {i}.\n",
                i + 1
            ),
        )
        .unwrap();
    }
}

/// A blog of `posts` posts in a new folder, and the app on it with the filter line open.
fn filtering(posts: usize) -> (tempfile::TempDir, App) {
    let dir = tempfile::tempdir().unwrap();
    blog(dir.path(), posts);
    let mut app = app_on_folder(dir.path());
    press(&mut app, &["/"]);
    (dir, app)
}

/// The app on the blog in `dir` at 120 × 40, its first preview laid out.
fn app_on_folder(dir: &Path) -> App {
    let library = Library::load(discover::resolve(Some(dir)).unwrap()).unwrap();
    app_on(library, Settings::default(), 120, 40, Appearance::Dark)
}

fn layouts(effects: &[Effect]) -> Vec<(usize, bool)> {
    effects
        .iter()
        .filter_map(|effect| match effect {
            Effect::LayOut(job) => Some((job.key.post, job.following)),
            _ => None,
        })
        .collect()
}

#[test]
fn moving_the_selection_asks_for_a_layout_and_reads_no_file() {
    let dir = tempfile::tempdir().unwrap();
    blog(dir.path(), 3);
    let library = Library::load(discover::resolve(Some(dir.path())).unwrap()).unwrap();
    let mut app = App::new(
        library,
        Settings::default(),
        Appearance::Dark,
        ratatui_size(120, 40),
    );
    assert_eq!(
        layouts(&app.take_effects()),
        [(0, true)],
        "the first preview"
    );
    // Were `update` to read, it would now fail and say so.
    for i in 0..3 {
        fs::remove_file(dir.path().join(format!("post-{i}.md"))).unwrap();
    }
    let effects = app.update(Action::Down);
    assert_eq!(
        layouts(&effects),
        [(1, true)],
        "the preview follows the selection"
    );
    let reader = app.reader.as_ref().unwrap();
    assert_eq!(reader.post, 1);
    assert!(reader.waiting.is_some() && reader.rendered.lines.is_empty());
    assert_eq!(app.message, None);
}

fn ratatui_size(width: u16, height: u16) -> ratatui::layout::Rect {
    ratatui::layout::Rect::new(0, 0, width, height)
}

#[test]
fn opening_from_a_narrow_index_asks_for_a_layout_at_once() {
    let mut app = App::new(
        Library::load(Source::Sample).unwrap(),
        Settings::default(),
        Appearance::Dark,
        ratatui_size(80, 24),
    );
    assert!(
        app.take_effects().is_empty(),
        "no preview beside a single pane"
    );
    let effects = app.update(Action::Open);
    let selected = app.index.selected_post().unwrap();
    assert_eq!(layouts(&effects), [(selected, false)], "not held back");
    assert!(app.awaiting_layout());
}

#[test]
fn a_layout_shows_when_it_arrives_and_a_stale_one_is_dropped() {
    let mut app = App::new(
        Library::load(Source::Sample).unwrap(),
        Settings::default(),
        Appearance::Dark,
        ratatui_size(120, 40),
    );
    let Some(Effect::LayOut(first)) = app.take_effects().pop() else {
        panic!("a layout is asked for");
    };
    app.update(Action::Down);
    let text = first.read().unwrap();
    app.receive(Done::LaidOut(first.lay_out(&text, true)));
    let reader = app.reader.as_ref().unwrap();
    assert_eq!(reader.post, app.index.selected_post().unwrap());
    assert!(
        reader.rendered.lines.is_empty(),
        "the first post's layout doesn't show for the second"
    );
    app.update(Action::Up);
    let reader = app.reader.as_ref().unwrap();
    assert!(
        !reader.rendered.lines.is_empty(),
        "it was kept: back at once"
    );
    assert!(reader.highlighted);
}

#[test]
fn marking_read_asks_to_save_only_with_a_state_file() {
    let mut app = sample_app(120, 40, Appearance::Dark);
    let effects = app.update(Action::MarkRead);
    assert!(
        effects.iter().all(|e| !matches!(e, Effect::Save(_))),
        "{effects:?}"
    );
    let dir = tempfile::tempdir().unwrap();
    let store = Store::for_source(dir.path(), app.library().source());
    let restored = app.restore(Default::default(), Some(store.clone()));
    settle(&mut app, restored);
    let effects = app.update(Action::MarkRead);
    assert!(matches!(&effects[..], [Effect::Save(_)]), "{effects:?}");
    assert!(!store.path().exists(), "update itself wrote nothing");
}

#[test]
fn reload_edit_and_suspend_are_effects() {
    let dir = tempfile::tempdir().unwrap();
    blog(dir.path(), 2);
    let mut app = app_on_folder(dir.path());
    let effects = app.update(Action::Reload);
    assert!(
        matches!(&effects[..], [Effect::Reload(Source::Disk { .. }, _)]),
        "{effects:?}"
    );
    let effects = app.update(Action::Edit);
    let selected = &app.library().posts()[app.index.selected_post().unwrap()];
    assert!(
        matches!(&effects[..], [Effect::Edit(path)] if path.ends_with(&selected.file)),
        "{effects:?}"
    );
    for keys in [
        &["ctrl-z"][..],
        &["enter", "ctrl-z"],
        &["/", "ctrl-z"],
        &["?", "ctrl-z"],
    ] {
        let mut app = sample_app(120, 40, Appearance::Dark);
        let effects = press(&mut app, keys);
        assert!(
            matches!(&effects[..], [Effect::Suspend]),
            "{keys:?}: {effects:?}"
        );
    }
}

#[test]
fn a_post_passed_over_before_its_layout_keeps_its_place() {
    let mut app = sample_app(120, 40, Appearance::Dark);
    press(
        &mut app,
        &["j", "j", "j", "enter", "ctrl-d", "ctrl-d", "esc"],
    );
    // Where each post was left and whether it was read; not when, which the clock moves.
    let places = |app: &mut App| -> Vec<_> {
        let posts = &app.reading_state().posts;
        posts
            .iter()
            .map(|(path, post)| (path.clone(), post.read, post.place.clone()))
            .collect()
    };
    let kept = places(&mut app);
    // Down and back up, the layouts never arriving.
    app.update(Action::Down);
    app.update(Action::Up);
    app.update(Action::Down);
    assert_eq!(places(&mut app), kept);
}

#[test]
fn an_action_with_no_use_in_a_pane_says_so() {
    let mut app = sample_app(120, 40, Appearance::Dark);
    app.update(Action::NextMatch);
    assert_eq!(app.message.as_deref(), Some("next_match does nothing here"));
}

#[test]
fn restoring_asks_only_for_the_post_that_was_open() {
    let mut app = App::new(
        Library::load(Source::Sample).unwrap(),
        Settings::default(),
        Appearance::Dark,
        ratatui_size(120, 40),
    );
    let last = app.library().posts()[3].clone();
    let state = folio::state::ReadingState {
        last_open: Some(last.path.clone()),
        ..Default::default()
    };
    let effects = app.restore(state, None);
    assert_eq!(
        layouts(&effects),
        [(3, true)],
        "not the newest post as well"
    );
}

/// Writes a newest post, `Post 2`, into the blog in `dir` and tells the app; returns the
/// reading of it the app asks of the worker.
fn new_post_2(dir: &Path, app: &mut App) -> Box<folio::app::Refresh> {
    let text = "---\ntitle: Post 2\ndate: 2024-01-03\n---\nNew.\n";
    fs::write(dir.join("post-2.md"), text).unwrap();
    let mut effects = app.apply_changes(&[Change::Created("post-2.md".into())]);
    let Some(Effect::Refresh(refresh)) = effects.pop() else {
        panic!("the change goes to the worker: {effects:?}");
    };
    refresh
}

fn titles(app: &App) -> Vec<String> {
    let mut titles: Vec<String> = app
        .library()
        .posts()
        .iter()
        .map(|post| post.title.clone())
        .collect();
    titles.sort();
    titles
}

#[test]
fn changed_files_are_read_on_the_worker_and_wait_for_a_link_index_being_made() {
    let dir = tempfile::tempdir().unwrap();
    blog(dir.path(), 2);
    let mut app = app_on_folder(dir.path());
    let refresh = new_post_2(dir.path(), &mut app);
    assert_eq!(refresh.changes, [Change::Created("post-2.md".into())]);
    assert_eq!(
        titles(&app),
        ["Post 0", "Post 1"],
        "nothing read on the way"
    );

    let mut effects = app.index_links();
    let Some(Effect::IndexLinks(links)) = effects.pop() else {
        panic!("the link index is asked for: {effects:?}");
    };
    app.receive(Done::Refreshed(refresh.run()));
    assert_eq!(
        titles(&app),
        ["Post 0", "Post 1"],
        "the posts are shared with the link index being made"
    );
    let effects = app.receive(Done::Linked(links.run()));
    assert_eq!(titles(&app), ["Post 0", "Post 1", "Post 2"]);
    assert!(
        effects.iter().any(|e| matches!(e, Effect::IndexLinks(_))),
        "the links are indexed again: {effects:?}"
    );
    settle(&mut app, effects);

    fs::remove_file(dir.path().join("post-0.md")).unwrap();
    let effects = app.apply_changes(&[Change::Removed("post-0.md".into())]);
    settle(&mut app, effects);
    assert_eq!(titles(&app), ["Post 1", "Post 2"]);
}

#[test]
fn a_link_followed_before_the_link_index_arrives_is_followed_when_it_does() {
    let mut app = sample_app(120, 40, Appearance::Dark);
    press(&mut app, &["/"]);
    type_text(&mut app, "sourdough");
    press(&mut app, &["enter", "enter"]);
    let kyoto = link_number(&app, "kyoto");
    press(&mut app, &["f"]);
    let mut asked = Vec::new();
    for key in kyoto
        .to_string()
        .chars()
        .map(String::from)
        .chain(["enter".to_string()])
    {
        if app.input.is_some() {
            asked.extend(app.handle_key(key.parse().unwrap()));
        }
    }
    let at = asked
        .iter()
        .position(|e| matches!(e, Effect::IndexLinks(_)));
    let Some(Effect::IndexLinks(job)) = at.map(|at| asked.remove(at)) else {
        panic!("the link index is asked for: {asked:?}");
    };
    settle(&mut app, asked);
    assert_eq!(open_title(&app), "Sourdough on a timer", "still waiting");
    let effects = app.receive(Done::Linked(job.run()));
    settle(&mut app, effects);
    assert_eq!(open_title(&app), "Three rainy days in Kyoto");
}

/// The titles the index lists, in order.
fn listed(app: &App) -> Vec<String> {
    let posts = app.library().posts();
    app.index
        .rows
        .iter()
        .map(|row| posts[row.post].title.clone())
        .collect()
}

#[test]
fn the_filter_is_worked_out_on_the_worker_and_only_the_newest_shows() {
    let (_blog, mut app) = filtering(12);
    let mut typed_1 = app.handle_key("1".parse().unwrap());
    let mut typed_11 = app.handle_key("1".parse().unwrap());
    let (Some(Effect::ListPosts(older)), Some(Effect::ListPosts(newer))) =
        (typed_1.pop(), typed_11.pop())
    else {
        panic!("each key asks the worker for rows");
    };
    assert_eq!(
        listed(&app).len(),
        12,
        "the rows stay until the new ones come"
    );
    assert!(app.index.awaiting());

    let effects = app.receive(Done::Listed(newer.run()));
    settle(&mut app, effects);
    assert_eq!(listed(&app), ["Post 11"]);
    assert!(!app.index.awaiting());
    let effects = app.receive(Done::Listed(older.run()));
    assert!(effects.is_empty());
    assert_eq!(
        listed(&app),
        ["Post 11"],
        "an overtaken query's rows are dropped"
    );
}

#[test]
fn filtered_rows_follow_their_posts_when_the_blog_changes_until_new_ones_come() {
    let (dir, mut app) = filtering(3);
    type_text(&mut app, "post");
    assert_eq!(listed(&app), ["Post 2", "Post 1", "Post 0"]);

    fs::remove_file(dir.path().join("post-1.md")).unwrap();
    let mut effects = app.apply_changes(&[Change::Removed("post-1.md".into())]);
    let Some(Effect::Refresh(refresh)) = effects.pop() else {
        panic!("the change goes to the worker: {effects:?}");
    };
    let (mut rows, others): (Vec<Effect>, Vec<Effect>) = app
        .receive(Done::Refreshed(refresh.run()))
        .into_iter()
        .partition(|effect| matches!(effect, Effect::ListPosts(_)));
    settle(&mut app, others);
    assert_eq!(
        listed(&app),
        ["Post 2", "Post 0"],
        "the deleted post's row is gone, the others name their posts"
    );
    let Some(Effect::ListPosts(job)) = rows.pop() else {
        panic!("the rows are asked for again");
    };
    let effects = app.receive(Done::Listed(job.run()));
    settle(&mut app, effects);
    assert_eq!(listed(&app), ["Post 2", "Post 0"]);
    assert!(!app.index.awaiting());
}

#[test]
fn a_search_in_the_post_is_made_on_the_worker_and_only_the_newest_shows() {
    let mut app = sample_app(120, 40, Appearance::Dark);
    press(&mut app, &["enter", "/"]);
    let mut typed_o = app.handle_key("o".parse().unwrap());
    let mut typed_ov = app.handle_key("v".parse().unwrap());
    let (Some(Effect::Find(older)), Some(Effect::Find(newer))) = (typed_o.pop(), typed_ov.pop())
    else {
        panic!("each key asks the worker to search");
    };
    let search = |app: &App| app.reader.as_ref().unwrap().search.clone().unwrap();
    assert_eq!(search(&app).count(), "searching…");
    assert!(app.awaiting_find());

    app.receive(Done::Found(newer.run()));
    let found = search(&app).matches.len();
    assert!(found >= 3, "“ov” is in the post: {:?}", search(&app));
    assert_eq!(search(&app).count(), format!("{found} matches"));
    app.receive(Done::Found(older.run()));
    assert_eq!(
        search(&app).query,
        "ov",
        "an overtaken query's matches are dropped"
    );
    assert_eq!(search(&app).matches.len(), found);
}

#[test]
fn a_new_layout_drops_matches_of_the_old_lines_and_searches_again() {
    let mut app = sample_app(120, 40, Appearance::Dark);
    press(&mut app, &["enter", "/"]);
    type_text(&mut app, "oven");
    press(&mut app, &["enter"]);
    let before = app.reader.as_ref().unwrap().search.clone().unwrap();
    assert!(!before.matches.is_empty());

    let (rows, others): (Vec<Effect>, Vec<Effect>) = app
        .resize(ratatui_size(70, 40))
        .into_iter()
        .partition(|effect| matches!(effect, Effect::LayOut(_)));
    settle(&mut app, others);
    let Some(Effect::LayOut(job)) = rows.into_iter().next() else {
        panic!("the post is laid out at the new width");
    };
    let text = job.read().unwrap();
    let mut effects = app.receive(Done::LaidOut(job.lay_out(&text, true)));
    let reader = app.reader.as_ref().unwrap();
    assert!(reader.search.as_ref().unwrap().matches.is_empty());
    let Some(Effect::Find(again)) = effects.pop() else {
        panic!("the query is looked for again in the new lines: {effects:?}");
    };
    assert_eq!(again.query, "oven");
    app.receive(Done::Found(again.run()));
    let after = app.reader.as_ref().unwrap().search.clone().unwrap();
    assert_eq!(after.matches.len(), before.matches.len());
    assert_ne!(
        after.matches, before.matches,
        "the matches are where the narrower lines put them"
    );
}

#[test]
fn a_save_that_failed_on_the_worker_says_so_in_the_status_bar() {
    let mut app = sample_app(120, 40, Appearance::Dark);
    let why = "couldn't save reading state to /state/sample.json: the disk is full";
    app.receive(Done::Saved(Err(why.to_string())));
    assert_eq!(app.message.as_deref(), Some(why));
}

#[test]
fn the_tag_list_opens_when_its_counts_come_and_keys_typed_meanwhile_wait_for_it() {
    let mut app = sample_app(120, 40, Appearance::Dark);
    let mut asked = app.handle_key("t".parse().unwrap());
    let Some(Effect::CountTags(job)) = asked.pop() else {
        panic!("the tags are counted on the worker: {asked:?}");
    };
    assert_eq!(app.overlay, None, "nothing opens before the counts");
    let before = selected_title(&app);
    for key in ["j", "enter"] {
        assert!(app.handle_key(key.parse().unwrap()).is_empty());
    }
    assert_eq!(selected_title(&app), before, "the keys wait for the list");

    let effects = app.receive(Done::Tagged(job.run()));
    settle(&mut app, effects);
    assert_eq!(app.overlay, None, "the list opened, and enter chose in it");
    let tag = app
        .index
        .tag
        .clone()
        .expect("the first tag filters the index");
    let posts = app.library().posts();
    assert!(
        (app.index.rows.iter()).all(|row| posts[row.post].meta.labels().contains(&tag.as_str())),
        "every post listed has #{tag}"
    );
}

#[test]
fn a_filter_typed_and_opened_at_once_opens_the_best_match() {
    let mut app = sample_app(120, 40, Appearance::Dark);
    let mut asked = Vec::new();
    for key in ["/", "k", "y", "o", "t", "o", "enter", "enter"] {
        asked.extend(app.handle_key(key.parse().unwrap()));
    }
    assert!(app.reader.is_none() || app.focus != folio::app::Focus::Reader);
    let Some(Effect::ListPosts(newest)) = asked
        .into_iter()
        .rfind(|effect| matches!(effect, Effect::ListPosts(_)))
    else {
        panic!("the rows are asked for");
    };
    let effects = app.receive(Done::Listed(newest.run()));
    settle(&mut app, effects);
    assert_eq!(open_title(&app), "Three rainy days in Kyoto");
}

/// Whether the post titled `title` is marked read.
fn read_mark(app: &App, title: &str) -> bool {
    let posts = app.library().posts();
    let at = posts.iter().position(|p| p.title == title);
    app.is_read(at.unwrap_or_else(|| panic!("{title} is in the blog")))
}

#[test]
fn read_marks_rows_and_the_open_post_follow_their_posts_through_changes() {
    let dir = tempfile::tempdir().unwrap();
    blog(dir.path(), 3);
    let mut app = app_on_folder(dir.path());
    press(&mut app, &["j", "m", "enter"]);
    assert_eq!(open_title(&app), "Post 1");

    let write = |name: &str, title: &str, day: u32| {
        let text = format!("---\ntitle: {title}\ndate: 2024-02-{day:02}\n---\nText.\n");
        fs::write(dir.path().join(name), text).unwrap();
    };
    write("post-3.md", "Post 3", 1);
    write("post-0.md", "Post 0, later", 2);
    crate::apply(
        &mut app,
        &[
            Change::Created("post-3.md".into()),
            Change::Modified("post-0.md".into()),
        ],
    );
    assert_eq!(
        listed(&app),
        ["Post 0, later", "Post 3", "Post 2", "Post 1"]
    );
    assert!(read_mark(&app, "Post 1"), "the mark moved with its post");
    assert!(!read_mark(&app, "Post 3") && !read_mark(&app, "Post 0, later"));
    assert_eq!(
        open_title(&app),
        "Post 1",
        "the open post is still the one read"
    );

    fs::rename(dir.path().join("post-1.md"), dir.path().join("renamed.md")).unwrap();
    fs::remove_file(dir.path().join("post-2.md")).unwrap();
    crate::apply(
        &mut app,
        &[
            Change::Renamed("post-1.md".into(), "renamed.md".into()),
            Change::Removed("post-2.md".into()),
        ],
    );
    assert_eq!(listed(&app), ["Post 0, later", "Post 3", "Post 1"]);
    assert!(read_mark(&app, "Post 1"), "a renamed post keeps its mark");
    assert_eq!(open_title(&app), "Post 1", "and stays open");
}

#[test]
fn keys_let_go_without_their_answer_act_on_what_is_shown() {
    let mut app = sample_app(120, 40, Appearance::Dark);
    app.handle_key("t".parse().unwrap());
    let first = selected_title(&app);
    app.handle_key("j".parse().unwrap());
    assert!(app.holds_keys());
    let effects = app.release_keys();
    settle(&mut app, effects);
    assert!(!app.holds_keys());
    assert_ne!(selected_title(&app), first, "j moved the selection");
}

#[test]
fn layouts_let_go_are_freed_on_the_worker() {
    let mut app = sample_app(120, 40, Appearance::Dark);
    press(&mut app, &["j", "k"]);
    let fresh = Library::load(Source::Sample).map_err(|e| e.to_string());
    let effects = app.receive(Done::Reloaded(fresh));
    let freed: usize = effects
        .iter()
        .map(|effect| match effect {
            Effect::Free(layouts) => layouts.len(),
            _ => 0,
        })
        .sum();
    assert_eq!(
        freed, 2,
        "the two previews laid out before the blog was read again"
    );
}

#[test]
fn changed_files_wait_while_the_index_is_being_listed_from_the_posts() {
    let (dir, mut app) = filtering(2);
    let Some(Effect::ListPosts(rows)) = app.handle_key("p".parse().unwrap()).pop() else {
        panic!("the rows are asked for");
    };
    let refresh = new_post_2(dir.path(), &mut app);
    app.receive(Done::Refreshed(refresh.run()));
    assert_eq!(
        titles(&app),
        ["Post 0", "Post 1"],
        "the rows job shares the posts"
    );
    let effects = app.receive(Done::Listed(rows.run()));
    settle(&mut app, effects);
    assert_eq!(titles(&app), ["Post 0", "Post 1", "Post 2"]);
    assert_eq!(listed(&app), ["Post 2", "Post 1", "Post 0"]);
}

#[test]
fn a_post_moved_outside_folio_keeps_its_read_mark() {
    let dir = tempfile::tempdir().unwrap();
    blog(dir.path(), 3);
    let mut app = app_on_folder(dir.path());
    press(&mut app, &["G", "m"]);
    assert!(read_mark(&app, "Post 0"));
    fs::rename(dir.path().join("post-0.md"), dir.path().join("moved.md")).unwrap();
    crate::apply(
        &mut app,
        &[
            Change::Removed("post-0.md".into()),
            Change::Created("moved.md".into()),
        ],
    );
    assert!(
        read_mark(&app, "Post 0"),
        "the mark went with the post to its new file"
    );
    assert!(!read_mark(&app, "Post 1") && !read_mark(&app, "Post 2"));
}
