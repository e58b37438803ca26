use std::path::Path;
use std::sync::atomic::AtomicU64;

use super::*;
use crate::content::{Library, discover};

/// A blog on disk from `(file, text)` pairs.
fn blog(files: &[(&str, &str)]) -> (tempfile::TempDir, Library) {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    let source = discover::resolve(Some(dir.path())).unwrap();
    let library = Library::load(source).unwrap();
    (dir, library)
}

fn titles(library: &Library, query: &str) -> Vec<String> {
    search(
        library.posts(),
        library.source(),
        query,
        Scope::default(),
        None,
    )
    .unwrap()
    .iter()
    .map(|hit| library.posts()[hit.post].title.clone())
    .collect()
}

fn post(title: &str, date: &str, body: &str) -> String {
    format!("---\ntitle: \"{title}\"\ndate: {date}\n---\n{body}\n")
}

#[test]
fn title_then_heading_then_body() {
    let (_dir, library) = blog(&[
        (
            "a.md",
            &post("Plain", "2024-03-01", "Text about a lighthouse."),
        ),
        (
            "b.md",
            &post("Heading", "2024-02-01", "## The lighthouse\n\nText."),
        ),
        ("c.md", &post("Lighthouse keeping", "2024-01-01", "Text.")),
        ("d.md", &post("Nothing", "2024-04-01", "Nothing here.")),
    ]);
    assert_eq!(
        titles(&library, "lighthouse"),
        ["Lighthouse keeping", "Heading", "Plain"]
    );
}

#[test]
fn whole_words_and_phrases_above_fragments() {
    let (_dir, library) = blog(&[
        ("a.md", &post("One", "2024-04-01", "Many lighthouses here.")),
        ("b.md", &post("Two", "2024-03-01", "A lighthouse here.")),
        (
            "c.md",
            &post("Three", "2024-02-01", "The keeper, by the old lighthouse."),
        ),
        (
            "d.md",
            &post("Four", "2024-01-01", "The old keeper of the lighthouse."),
        ),
    ]);
    assert_eq!(
        titles(&library, "lighthouse"),
        ["Two", "Three", "Four", "One"]
    );
    assert_eq!(
        titles(&library, "old lighthouse"),
        ["Three", "Four"],
        "the phrase first, then posts with both words apart"
    );
}

#[test]
fn every_word_must_be_in_the_post_somewhere() {
    let (_dir, library) = blog(&[
        (
            "a.md",
            "---\ntitle: Tides\ndate: 2024-01-01\ntags: [sea]\n---\nThe moon pulls.\n",
        ),
        ("b.md", &post("Moon", "2024-02-01", "Only the moon.")),
    ]);
    assert_eq!(titles(&library, "sea moon"), ["Tides"]);
}

#[test]
fn smart_case_and_drafts() {
    let (_dir, library) = blog(&[
        ("a.md", &post("Lower", "2024-02-01", "the rust belt")),
        ("b.md", &post("Upper", "2024-01-01", "the Rust compiler")),
        (
            "c.md",
            "---\ntitle: Draft\ndraft: true\n---\nRust in a draft.\n",
        ),
    ]);
    assert_eq!(titles(&library, "rust"), ["Lower", "Upper"]);
    assert_eq!(titles(&library, "Rust"), ["Upper"]);
    let with_drafts = search(
        library.posts(),
        library.source(),
        "Rust",
        Scope { drafts: true },
        None,
    )
    .unwrap();
    assert_eq!(with_drafts.len(), 2);
}

#[test]
fn a_hit_has_a_snippet_and_what_to_find_in_the_post() {
    let (_dir, library) = blog(&[(
        "a.md",
        &post(
            "Walk",
            "2024-01-01",
            "Intro.\n\nWe met a **heron** by the [river](https://x.org).",
        ),
    )]);
    let hits = search(
        library.posts(),
        library.source(),
        "heron river",
        Scope::default(),
        None,
    )
    .unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].snippet.text, "We met a heron by the river.");
    assert_eq!(hits[0].snippet.parts().1, "heron");
    assert_eq!(hits[0].find, "heron");

    let by_title = search(
        library.posts(),
        library.source(),
        "walk",
        Scope::default(),
        None,
    )
    .unwrap();
    assert_eq!(by_title[0].snippet.text, "Intro.");
    assert_eq!(by_title[0].snippet.marked, 0..0);
}

#[test]
fn front_matter_is_not_searched_and_blank_finds_nothing() {
    let (_dir, library) = blog(&[(
        "a.md",
        "---\ntitle: Post\nsecret_field: zanzibar\n---\nBody.\n",
    )]);
    assert!(titles(&library, "zanzibar").is_empty());
    assert!(titles(&library, "  ").is_empty());
}

#[test]
fn a_stale_search_gives_up() {
    let (_dir, library) = blog(&[("a.md", &post("A", "2024-01-01", "word"))]);
    let latest = AtomicU64::new(2);
    let ticket = Ticket {
        latest: &latest,
        generation: 1,
    };
    assert_eq!(
        search(
            library.posts(),
            library.source(),
            "word",
            Scope::default(),
            Some(ticket)
        ),
        None
    );
    latest.store(1, std::sync::atomic::Ordering::Relaxed);
    assert_eq!(
        search(
            library.posts(),
            library.source(),
            "word",
            Scope::default(),
            Some(ticket)
        )
        .map(|hits| hits.len()),
        Some(1)
    );
}

#[test]
fn the_sample_blog_is_searched_too() {
    let library = Library::load(Source::Sample).unwrap();
    let hits = search(
        library.posts(),
        library.source(),
        "the",
        Scope::default(),
        None,
    )
    .unwrap();
    assert!(!hits.is_empty());
    assert!(
        Path::new(&library.posts()[hits[0].post].path)
            .extension()
            .is_some()
    );
}

#[test]
fn kept_texts_follow_the_disk_when_the_library_changes() {
    let (dir, library) = blog(&[("a.md", &post("A", "2024-01-01", "old words"))]);
    let mut corpus = Corpus::default();
    let found = |corpus: &mut Corpus, query: &str, generation: u64| {
        corpus
            .search(
                library.posts(),
                library.source(),
                Request {
                    query,
                    scope: Scope::default(),
                    limit: 10,
                    ticket: None,
                },
                generation,
            )
            .unwrap()
            .total
    };
    assert_eq!(found(&mut corpus, "old", 0), 1);
    std::fs::write(
        dir.path().join("a.md"),
        post("A", "2024-01-01", "new text, somewhat longer"),
    )
    .unwrap();
    assert_eq!(
        found(&mut corpus, "new", 0),
        0,
        "same generation: kept text"
    );
    assert_eq!(
        found(&mut corpus, "new", 1),
        1,
        "a new generation looks again"
    );
    assert_eq!(found(&mut corpus, "old", 1), 0);
}
