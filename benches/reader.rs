//! The reader's speed as a person feels it: the first frame after launch on a 10,000-post blog,
//! the first screen of a 1 MB post, and one frame of scrolling, which must cost the same on a
//! 1 MB post as on a 1 KB one (layout is cached; a frame draws only the visible lines).

#[path = "support/post.rs"]
mod post;
#[path = "support/site.rs"]
mod site;

use std::path::Path;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use folio::action::Action;
use folio::app::App;
use folio::content::{Library, discover};
use folio::keymap::Keymap;
use folio::theme::Appearance;
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

/// The reader open on the blog in `dir`, laid out, as after launch.
fn open(dir: &Path) -> App {
    let library = Library::load(discover::resolve(Some(dir)).unwrap()).unwrap();
    let mut app = App::new(library, Keymap::default(), Appearance::Dark, screen());
    app.update(Action::Open);
    app
}

fn draw(app: &App, terminal: &mut Terminal<TestBackend>) {
    terminal
        .draw(|frame| frame.render_widget(app, frame.area()))
        .unwrap();
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
                draw(&app, &mut terminal);
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
            let app = App::new(library, Keymap::default(), Appearance::Dark, screen());
            let mut terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).unwrap();
            draw(&app, &mut terminal);
        })
    });

    let big = tempfile::tempdir().unwrap();
    one_post_blog(big.path(), 1 << 20);
    let library = || Library::load(discover::resolve(Some(big.path())).unwrap()).unwrap();
    group.bench_function("first screen, 1 MB post", |b| {
        b.iter_batched(
            library,
            |library| {
                let app = App::new(library, Keymap::default(), Appearance::Dark, screen());
                let mut terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).unwrap();
                draw(&app, &mut terminal);
            },
            BatchSize::LargeInput,
        )
    });
    group.finish();
}

criterion_group!(benches, scrolling, startup);
criterion_main!(benches);
