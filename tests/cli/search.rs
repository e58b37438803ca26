//! `folio search`: ranked results for scripts, and grep's exit codes.

use std::fs;

use crate::common::{folio, folio_in, stderr, stdout};

#[test]
fn results_come_best_first_with_a_snippet_and_exit_zero() {
    let output = folio(&["search", "oven", "sample-content"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0], "2026-02-03  My oven lies by twenty degrees  posts/my-oven-lies.md",
        "the post with the word in its title first"
    );
    assert!(
        lines[1].starts_with("    ") && lines[1].contains("oven"),
        "{}",
        lines[1]
    );
    assert!(
        text.contains("Sourdough on a timer  blog/2025/sourdough-on-a-timer/index.md"),
        "{text}"
    );
    assert!(
        !text.contains('\x1b'),
        "no escape sequences when not on a terminal"
    );
}

#[test]
fn json_has_the_fields_and_the_match_range() {
    let output = folio(&["search", "banneton", "sample-content", "--json"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let results: Vec<serde_json::Value> = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(results.len(), 1);
    let hit = &results[0];
    assert_eq!(hit["path"], "blog/2025/sourdough-on-a-timer/index.md");
    assert_eq!(hit["title"], "Sourdough on a timer");
    assert_eq!(hit["date"], "2025-03-09T07:45:00");
    let snippet = hit["snippet"].as_str().unwrap();
    let (start, end) = (
        hit["match_start"].as_u64().unwrap() as usize,
        hit["match_end"].as_u64().unwrap() as usize,
    );
    let matched: String = snippet.chars().skip(start).take(end - start).collect();
    assert_eq!(matched, "banneton");
    assert!(hit["score"].as_u64().unwrap() > 0);
}

#[test]
fn nothing_matched_exits_one_like_grep() {
    let output = folio(&["search", "xylophone", "sample-content"]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(stdout(&output), "");
    let json = folio(&["search", "xylophone", "sample-content", "--json"]);
    assert_eq!(json.status.code(), Some(1));
    assert_eq!(stdout(&json).trim(), "[]");
}

#[test]
fn a_blog_folder_smart_case_and_drafts() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("one.md"),
        "---\ntitle: One\ndate: 2024-01-02\n---\nThe Heron stood still.\n",
    )
    .unwrap();
    fs::write(
        dir.path().join("two.md"),
        "---\ntitle: Two\ndate: 2024-01-01\n---\nA heron flew.\n",
    )
    .unwrap();
    fs::write(
        dir.path().join("draft.md"),
        "---\ntitle: Draft\ndate: 2023-01-01\ndraft: true\n---\nA heron draft.\n",
    )
    .unwrap();
    let titles = |args: &[&str]| {
        let mut all = vec!["search"];
        all.extend_from_slice(args);
        let output = folio_in(dir.path(), &all);
        stdout(&output)
            .lines()
            .filter(|line| !line.starts_with(' '))
            .map(|line| line.split("  ").nth(1).unwrap().to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(titles(&["heron", "."]), ["One", "Two"]);
    assert_eq!(titles(&["Heron", "."]), ["One"]);
    assert_eq!(titles(&["heron", ".", "-D"]), ["One", "Two", "Draft"]);
}

#[test]
fn a_path_that_is_not_a_blog_is_one_line_and_exit_two() {
    let output = folio(&["search", "x", "/nonexistent/folio-blog"]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(stderr(&output).lines().count(), 1, "{}", stderr(&output));
}
