//! Full-text search over the generated 10,000-post Hugo site (about 5 KB a post): the time
//! from a query to its ranked results, which is what a keystroke waits for in the reader's
//! search over every post (the target: under 100 ms).
//!
//! Measured three ways: the plain scan `folio search` does (read every file, search its body);
//! the reader's search, whose texts are kept between keystrokes; and the first keystroke after
//! the library changed, when every kept text is checked against its file again.

#[path = "support/site.rs"]
mod site;

use std::time::Duration;

use criterion::{Criterion, SamplingMode, criterion_group, criterion_main};
use folio::app::fulltext::SHOWN;
use folio::content::{Library, discover};
use folio::search::{self, Corpus, Request, Scope};

const POSTS: usize = 10_000;

/// A word no post has (every body read to the end), a word most posts have (thousands of
/// hits to rank and snippet), and a two-word phrase.
const QUERIES: [(&str, &str); 3] = [
    ("absent_word", "lighthouse"),
    ("common_word", "river"),
    ("two_words", "coffee morning"),
];

fn search_bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("a temporary folder for the site");
    site::write(dir.path(), POSTS).expect("the generated site is written");
    let source = discover::resolve(Some(dir.path())).expect("the site resolves");
    let library = Library::load(source).expect("the site loads");

    let mut group = c.benchmark_group("search_10k");
    group
        .sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4));
    for (name, query) in QUERIES {
        group.bench_function(format!("scan_{name}"), |b| {
            b.iter(|| {
                search::search(
                    library.posts(),
                    library.source(),
                    query,
                    Scope::default(),
                    None,
                )
            })
        });
    }
    for (name, query) in QUERIES {
        let mut corpus = Corpus::default();
        let mut search_kept = |generation: u64| {
            corpus.search(
                library.posts(),
                library.source(),
                Request {
                    query,
                    scope: Scope::default(),
                    limit: SHOWN,
                    ticket: None,
                },
                generation,
            )
        };
        search_kept(0);
        group.bench_function(format!("kept_{name}"), |b| b.iter(|| search_kept(0)));
    }
    let mut corpus = Corpus::default();
    let mut generation = 0;
    group.bench_function("kept_after_a_change", |b| {
        b.iter(|| {
            generation += 1;
            corpus.search(
                library.posts(),
                library.source(),
                Request {
                    query: "river",
                    scope: Scope::default(),
                    limit: SHOWN,
                    ticket: None,
                },
                generation,
            )
        })
    });
    group.bench_function("snapshot_of_posts", |b| b.iter(|| library.posts().to_vec()));
    group.finish();
}

criterion_group!(benches, search_bench);
criterion_main!(benches);
