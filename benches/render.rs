//! Setting a generated ~1 MB post (952 code blocks in 19 languages, tables, lists, quotes) at
//! 100 columns with colour: the layout call itself, with highlighting and without (the
//! reader's fast first layout), and side by side as whole processes, `folio render` against
//! `mdcat --ansi` on the same file, which is what folio's speed is held against (the target is
//! at least 1.5× faster). `mdcat` is optional: without it on PATH its figure is skipped.

#[path = "support/post.rs"]
mod post;
#[path = "support/process.rs"]
mod process;

use std::process::Command;

use criterion::{Criterion, criterion_group, criterion_main};
use folio::render::{self, Options};
use folio::theme::Appearance;
use process::{available, run};

const WIDTH: usize = 100;

/// Built by cargo with the bench profile, so it is the optimised binary.
const FOLIO: &str = env!("CARGO_BIN_EXE_folio");

fn layout(c: &mut Criterion) {
    let body = post::post(1 << 20);
    let mut group = c.benchmark_group("layout 1 MB");
    group.sample_size(10);
    for highlight in [false, true] {
        let options = Options {
            highlight,
            ..Options::new(WIDTH, Appearance::Dark)
        };
        let name = if highlight { "highlighted" } else { "plain" };
        group.bench_function(name, |b| b.iter(|| render::render(&body, None, &options)));
    }
    group.finish();
}

fn against_mdcat(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let file = dir.path().join("post.md");
    std::fs::write(&file, post::post(1 << 20)).expect("the post is written");
    let width = WIDTH.to_string();
    let mut group = c.benchmark_group("render 1 MB, colour on");
    group.sample_size(10);
    group.bench_function("folio render", |b| {
        b.iter(|| {
            run(Command::new(FOLIO)
                .args(["render", "--color", "always", "--width", &width])
                .arg(&file)
                .env("COLORTERM", "truecolor"))
        })
    });
    if available("mdcat", "--version") {
        group.bench_function("mdcat --ansi", |b| {
            b.iter(|| {
                run(Command::new("mdcat")
                    .args(["--ansi", "--columns", &width])
                    .arg(&file))
            })
        });
    } else {
        println!("note: `mdcat` is not on PATH (`cargo install mdcat`); its side is skipped");
    }
    group.finish();
}

criterion_group!(benches, layout, against_mdcat);
criterion_main!(benches);
