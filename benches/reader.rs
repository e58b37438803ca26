//! The reader's speed as a person feels it: the first frame after launch on a 10,000-post blog,
//! the first screen of a 1 MB post, one frame of scrolling, and one step of a held `j` in the
//! index. Scrolling and the held key must cost the same over 1 MB posts as over 1 KB ones: a
//! layout is made once, off the UI thread, and a frame draws only the visible lines.

#[path = "support/post.rs"]
mod post;
#[path = "support/reader.rs"]
mod reader;
#[path = "support/site.rs"]
mod site;

use std::path::Path;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use folio::action::Action;
use folio::app::{App, Effect};
use folio::config::Settings;
use folio::content::{Library, discover};
use folio::theme::Appearance;
use folio::watch::Change;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;

const WIDTH: u16 = 120;
const HEIGHT: u16 = 40;

fn screen() -> Rect {
    Rect::new(0, 0, WIDTH, HEIGHT)
}

/// A blog of one post of about `bytes` bytes.
fn one_post_blog(dir: &Path, bytes: usize) {
    let body = post::post(bytes);
    std::fs::write(
        dir.join("post.md"),
        format!("---\ntitle: A post\ndate: 2025-01-01\n---\n{body}"),
    )
    .unwrap();
}

fn app(library: Library) -> App {
    App::new(library, Settings::default(), Appearance::Dark, screen())
}

/// The reader open on the blog in `dir`, laid out, as after launch.
fn open(dir: &Path) -> App {
    let library = Library::load(discover::resolve(Some(dir)).unwrap()).unwrap();
    reader::opened(app(library))
}

fn scrolling(c: &mut Criterion) {
    let mut group = c.benchmark_group("frame: scroll one line");
    for (name, bytes) in [("1 KB post", 1 << 10), ("1 MB post", 1 << 20)] {
        let dir = tempfile::tempdir().unwrap();
        one_post_blog(dir.path(), bytes);
        let mut app = open(dir.path());
        let mut terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).unwrap();
        let mut down = true;
        group.bench_function(name, |b| {
            b.iter(|| {
                app.update(if down { Action::Down } else { Action::Up });
                down = !down;
                reader::draw(&app, &mut terminal);
            })
        });
    }
    group.finish();
}

/// A blog of `count` posts of about `bytes` bytes each.
fn many_post_blog(dir: &Path, count: usize, bytes: usize) {
    let body = post::post(bytes);
    for i in 0..count {
        std::fs::write(
            dir.join(format!("post-{i:02}.md")),
            format!(
                "---\ntitle: Post {i}\ndate: 2025-01-{:02}\n---\n{body}",
                i % 28 + 1
            ),
        )
        .unwrap();
    }
}

/// A held `j` in the index beside the reader: each step moves the selection and draws a frame;
/// the layouts it asks for go to the worker (here: nowhere). More posts than the layout cache
/// keeps, so every step meets a post not laid out yet.
fn held_down(c: &mut Criterion) {
    const POSTS: usize = 40;
    let mut group = c.benchmark_group("frame: held j in the index");
    group.sample_size(10);
    for (name, bytes) in [("1 KB posts", 1 << 10), ("1 MB posts", 1 << 20)] {
        let dir = tempfile::tempdir().unwrap();
        many_post_blog(dir.path(), POSTS, bytes);
        let library = Library::load(discover::resolve(Some(dir.path())).unwrap()).unwrap();
        let mut app = app(library);
        let mut terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).unwrap();
        group.bench_function(name, |b| {
            b.iter(|| {
                let last = app.index.selected + 1 == app.index.rows.len();
                app.update(if last { Action::Top } else { Action::Down });
                reader::draw(&app, &mut terminal);
            })
        });
    }
    group.finish();
}

fn startup(c: &mut Criterion) {
    let mut group = c.benchmark_group("startup");
    group.sample_size(10);

    let blog = tempfile::tempdir().unwrap();
    site::write(blog.path(), 10_000).unwrap();
    group.bench_function("first frame, 10,000-post blog", |b| {
        b.iter(|| {
            let library = Library::load(discover::resolve(Some(blog.path())).unwrap()).unwrap();
            let app = app(library);
            let mut terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).unwrap();
            reader::draw(&app, &mut terminal);
        })
    });

    let big = tempfile::tempdir().unwrap();
    one_post_blog(big.path(), 1 << 20);
    let library = || Library::load(discover::resolve(Some(big.path())).unwrap()).unwrap();
    group.bench_function("first screen, 1 MB post", |b| {
        b.iter_batched(
            library,
            |library| {
                let mut app = app(library);
                let effects = app.take_effects();
                reader::lay_out(&mut app, effects);
                let mut terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).unwrap();
                reader::draw(&app, &mut terminal);
            },
            BatchSize::LargeInput,
        )
    });
    group.finish();
}

/// A key typed in the index's filter over a 10,000-post blog, and one typed in a search of a
/// 1 MB post: what the UI thread does for it (ask the worker), and the worker's part (the
/// rows; the matches), which ran on the UI thread before. Also the worker's part of the tag
/// list, and the UI thread's part of a post saved in an editor (the worker reads the file).
fn keys_and_changes(c: &mut Criterion) {
    let mut group = c.benchmark_group("a key or a change");
    group.sample_size(20);
    let blog = tempfile::tempdir().unwrap();
    site::write(blog.path(), 10_000).unwrap();
    let library = Library::load(discover::resolve(Some(blog.path())).unwrap()).unwrap();
    let mut index = app(library);
    let rows = |effect| match effect {
        Some(Effect::ListPosts(job)) => job.run(),
        other => panic!("the rows are asked for: {other:?}"),
    };
    typing(
        &mut group,
        "filter, 10,000 posts",
        &mut index,
        "markdown",
        rows,
    );
    group.bench_function("tag list, 10,000 posts", |b| {
        b.iter(|| folio::app::rows::tag_counts(index.library().posts(), false))
    });

    let first = index.library().posts()[0].file.clone();
    group.bench_function("a post saved in an editor, 10,000 posts: UI thread", |b| {
        b.iter_custom(|iterations| {
            (0..iterations)
                .map(|_| on_ui_thread(&mut index, Change::Modified(first.clone())))
                .sum()
        })
    });
    let root = blog.path().join("content");
    let moved = blog.path().join("elsewhere.md");
    group.bench_function(
        "a post deleted and written again, 10,000 posts: UI thread",
        |b| {
            b.iter_custom(|iterations| {
                (0..iterations)
                    .map(|_| {
                        std::fs::rename(root.join(&first), &moved).unwrap();
                        let deleted = on_ui_thread(&mut index, Change::Removed(first.clone()));
                        std::fs::rename(&moved, root.join(&first)).unwrap();
                        deleted + on_ui_thread(&mut index, Change::Created(first.clone()))
                    })
                    .sum()
            })
        },
    );

    let big = tempfile::tempdir().unwrap();
    one_post_blog(big.path(), 1 << 20);
    let mut post = open(big.path());
    let matches = |effect| match effect {
        Some(Effect::Find(job)) => job.run(),
        other => panic!("a search is asked for: {other:?}"),
    };
    typing(
        &mut group,
        "search, 1 MB post",
        &mut post,
        "latency",
        matches,
    );
    group.finish();
}

/// The UI thread's part of a change on disk: the worker reads the file (not timed), then the
/// app puts it in its library.
fn on_ui_thread(app: &mut App, change: Change) -> std::time::Duration {
    let refreshed = match app.apply_changes(&[change]).pop() {
        Some(Effect::Refresh(refresh)) => refresh.run(),
        other => panic!("the change is read on the worker: {other:?}"),
    };
    let started = std::time::Instant::now();
    let effects = app.receive(folio::app::Done::Refreshed(refreshed));
    let spent = started.elapsed();
    drop(effects);
    spent
}

/// `text` typed into the input line `/` opens, then its last letter typed again and again:
/// the UI thread's part of that key, and the worker's (`work` carries out the effect it asks).
fn typing<T>(
    group: &mut criterion::BenchmarkGroup<criterion::measurement::WallTime>,
    name: &str,
    app: &mut App,
    text: &str,
    work: impl Fn(Option<Effect>) -> T,
) {
    let key = |name: &str| name.parse::<folio::keymap::Key>().unwrap();
    app.handle_key(key("/"));
    for c in text.chars() {
        app.handle_key(key(&c.to_string()));
    }
    let last = text.chars().last().unwrap().to_string();
    let mut typed = false;
    group.bench_function(format!("{name}: UI thread"), |b| {
        b.iter(|| {
            typed = !typed;
            app.handle_key(key(if typed { "backspace" } else { &last }))
        })
    });
    if typed {
        app.handle_key(key(&last));
    }
    group.bench_function(format!("{name}: worker"), |b| {
        b.iter_batched(
            || {
                app.handle_key(key("backspace"));
                app.handle_key(key(&last)).pop()
            },
            &work,
            BatchSize::SmallInput,
        )
    });
}

criterion_group!(benches, scrolling, held_down, startup, keys_and_changes);
criterion_main!(benches);
