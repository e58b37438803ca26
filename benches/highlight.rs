//! Highlighting every code block of a generated ~1 MB post: one block after another on one
//! thread (which keeps the styles it has worked out, as a highlighting thread does), and
//! through a session that shares them out over all cores as the renderer does. Also the
//! first highlight of a language, which compiles its regexes.

#[path = "support/post.rs"]
mod post;

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use folio::highlight::{self, Assets, Session, Styles, session::Job};
use folio::theme::Appearance;

fn all_blocks(c: &mut Criterion) {
    let markdown = post::post(1 << 20);
    let blocks: Vec<(String, String)> = post::code_blocks(&markdown)
        .into_iter()
        .filter_map(|(code, info)| Some((code, info?)))
        .collect();
    let assets = Assets::shared();
    let theme = assets.default_theme(Appearance::Dark);
    let jobs = || {
        blocks
            .iter()
            .enumerate()
            .map(|(number, (code, info))| Job {
                number,
                info: info.clone(),
                code: code.clone(),
            })
            .collect::<Vec<_>>()
    };
    let serial = || {
        let mut styles = Styles::new(theme.theme());
        blocks
            .iter()
            .map(|(code, info)| highlight::highlight_with(assets, &mut styles, code, info))
            .collect::<Vec<_>>()
    };
    serial();

    let mut group = c.benchmark_group("highlight 1 MB post");
    group.sample_size(10);
    group.bench_function("serial", |b| b.iter(serial));
    group.bench_function("session on all cores", |b| {
        b.iter(|| {
            let mut session = Session::start(assets, theme.clone(), black_box(jobs()));
            (0..blocks.len())
                .map(|number| session.take(number))
                .collect::<Vec<_>>()
        })
    });
    group.finish();
}

fn one_block(c: &mut Criterion) {
    let rust = "fn main() {\n    let s = \"hello\";\n    println!(\"{s}\");\n}\n";
    let assets = Assets::shared();
    let theme = assets.default_theme(Appearance::Dark);
    highlight::highlight(assets, theme, rust, "rust");
    c.bench_function("highlight a short rust block", |b| {
        b.iter(|| highlight::highlight(assets, theme, black_box(rust), "rust"))
    });
}

criterion_group!(benches, all_blocks, one_block);
criterion_main!(benches);
