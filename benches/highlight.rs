//! Highlighting every code block of a generated ~1 MB post: one block after another, and
//! shared out over all cores as the renderer does. Also the first highlight of a language,
//! which compiles its regexes.

#[path = "support/post.rs"]
mod post;

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use folio::render::code;
use folio::theme::Appearance;

fn all_blocks(c: &mut Criterion) {
    let markdown = post::post(1 << 20);
    let owned = post::code_blocks(&markdown);
    let blocks: Vec<(&str, Option<&str>)> = owned
        .iter()
        .map(|(code, info)| (code.as_str(), info.as_deref()))
        .collect();
    code::highlight_all(&blocks, Appearance::Dark);

    let mut group = c.benchmark_group("highlight 1 MB post");
    group.sample_size(10);
    group.bench_function("serial", |b| {
        b.iter(|| {
            blocks
                .iter()
                .map(|&(code, lang)| code::highlight(code, lang, Appearance::Dark))
                .collect::<Vec<_>>()
        })
    });
    group.bench_function("parallel", |b| {
        b.iter(|| code::highlight_all(black_box(&blocks), Appearance::Dark))
    });
    group.finish();
}

fn one_block(c: &mut Criterion) {
    let rust = "fn main() {\n    let s = \"hello\";\n    println!(\"{s}\");\n}\n";
    code::highlight(rust, Some("rust"), Appearance::Dark);
    c.bench_function("highlight a short rust block", |b| {
        b.iter(|| code::highlight(black_box(rust), Some("rust"), Appearance::Dark))
    });
}

criterion_group!(benches, all_blocks, one_block);
criterion_main!(benches);
