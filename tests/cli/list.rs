//! `folio list` on sites laid out as Hugo, Zola and Jekyll lay them out, and the walk rules.

use crate::common::{fixture, folio, folio_in, list_json, stderr, stdout, summary};

fn owned(rows: &[(&str, &str, Option<&str>)]) -> Vec<(String, String, Option<String>)> {
    rows.iter()
        .map(|(p, t, d)| (p.to_string(), t.to_string(), d.map(str::to_string)))
        .collect()
}

#[test]
fn hugo_site_lists_posts_newest_first_with_their_own_titles_and_dates() {
    let site = fixture("hugo");
    let posts = list_json(&[site.to_str().unwrap()]);
    assert_eq!(
        summary(&posts),
        owned(&[
            (
                "blog/2025/first-light/index.md",
                "First light",
                Some("2025-12-21T10:00:00")
            ),
            (
                "posts/planning.md",
                "Planning a night out",
                Some("2025-11-02")
            ),
            (
                "posts/zulu.md",
                "Midnight in UTC",
                Some("2024-02-29T23:30:00Z")
            ),
            ("docs/resources/glass.md", "Cleaning the glass", None),
        ]),
        "section pages, headless pages, hidden folders, themes/ and public/ at the site's root \
         are not posts (a resources/ folder inside content is); drafts are hidden"
    );
    let planning = &posts[1];
    assert_eq!(planning["tags"], serde_json::json!(["astronomy"]));
    assert_eq!(planning["categories"], serde_json::json!(["guides"]));
    assert_eq!(planning["authors"], serde_json::json!(["Rin"]));
    assert_eq!(planning["description"], "Lists, charts and a thermos.");
    assert_eq!(planning["draft"], false);
    assert_eq!(planning["problems"], serde_json::json!([]));
    assert!(planning["words"].as_u64().unwrap() >= 10);
    assert_eq!(planning["reading_minutes"], 1);
}

#[test]
fn drafts_are_listed_with_the_flag() {
    let site = fixture("hugo");
    let posts = list_json(&["-D", site.to_str().unwrap()]);
    assert_eq!(posts.len(), 5);
    assert_eq!(posts[0]["title"], "Unfinished thoughts");
    assert_eq!(posts[0]["draft"], true);
    assert_eq!(
        posts[0]["date"], "2026-01-05T08:00:00+09:00",
        "an offset is kept as written"
    );
}

#[test]
fn zola_site_with_toml_taxonomies_and_dates_from_path_and_file_name() {
    let site = fixture("zola");
    let posts = list_json(&[site.to_str().unwrap()]);
    assert_eq!(
        summary(&posts),
        owned(&[
            (
                "blog/native.md",
                "Native TOML dates",
                Some("2024-06-01T18:00:00+02:00")
            ),
            (
                "blog/path-dated.md",
                "Dated by its path",
                Some("2023-04-05")
            ),
            (
                "blog/2022-12-24_eve.md",
                "Christmas Eve",
                Some("2022-12-24")
            ),
            ("blog/local-date.md", "A local date", Some("2021-03-04")),
        ])
    );
    assert_eq!(posts[1]["tags"], serde_json::json!(["zola", "dates"]));
    assert_eq!(posts[0]["authors"], serde_json::json!(["Ana", "Bo"]));
    assert_eq!(posts[0]["categories"], serde_json::json!(["notes"]));
}

#[test]
fn jekyll_site_lists_posts_not_pages_and_keeps_offsets() {
    let site = fixture("jekyll");
    let posts = list_json(&[site.to_str().unwrap()]);
    assert_eq!(
        summary(&posts),
        owned(&[
            (
                "_posts/2024-09-16-monsoon.markdown",
                "Monsoon notes",
                Some("2024-09-16T21:34:22+05:30")
            ),
            (
                "_posts/2023-01-02-new-year.md",
                "New Year",
                Some("2023-01-02")
            ),
        ]),
        "about.md is a page, _site/ is build output, published: false and _drafts/ are drafts"
    );
    assert_eq!(
        posts[0]["categories"],
        serde_json::json!(["travel", "india"])
    );
    assert_eq!(
        (&posts[1]["categories"], &posts[1]["tags"]),
        (
            &serde_json::json!(["holidays"]),
            &serde_json::json!(["fireworks", "cold"])
        ),
        "Jekyll's singular category and a space-separated tags string"
    );
    let by_category = list_json(&["--tag", "holidays", site.to_str().unwrap()]);
    assert_eq!(
        summary(&by_category).len(),
        1,
        "a category filters as a tag does"
    );
    let with_drafts = list_json(&["-D", site.to_str().unwrap()]);
    let titles: Vec<&str> = with_drafts
        .iter()
        .map(|p| p["title"].as_str().unwrap())
        .collect();
    assert_eq!(
        titles,
        ["Monsoon notes", "New Year", "Not published", "An idea"]
    );
}

#[test]
fn sort_by_title_and_filter_by_tag() {
    let site = fixture("hugo");
    let site = site.to_str().unwrap();
    let by_title = list_json(&["--sort", "title", site]);
    let titles: Vec<&str> = by_title
        .iter()
        .map(|p| p["title"].as_str().unwrap())
        .collect();
    assert_eq!(
        titles,
        [
            "Cleaning the glass",
            "First light",
            "Midnight in UTC",
            "Planning a night out"
        ]
    );
    let tagged = list_json(&["--tag", "NIGHT", site]);
    assert_eq!(summary(&tagged).len(), 1);
    assert_eq!(tagged[0]["title"], "First light");
}

#[test]
fn text_listing_is_one_aligned_line_per_post() {
    let site = fixture("hugo");
    let output = folio(&["list", "-D", site.to_str().unwrap()]);
    assert!(output.status.success());
    let text = stdout(&output);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines,
        [
            "2026-01-05  Unfinished thoughts   draft",
            "2025-12-21  First light           astronomy, night",
            "2025-11-02  Planning a night out  astronomy",
            "2024-02-29  Midnight in UTC",
            "undated     Cleaning the glass",
        ]
    );
}

#[test]
fn a_single_file_is_one_post() {
    let file = fixture("zola").join("content/blog/native.md");
    let posts = list_json(&[file.to_str().unwrap()]);
    assert_eq!(
        summary(&posts),
        owned(&[(
            "native.md",
            "Native TOML dates",
            Some("2024-06-01T18:00:00+02:00")
        )])
    );
}

#[test]
fn without_a_path_content_folder_then_sample_blog() {
    let site = fixture("hugo");
    let output = folio_in(&site, &["list"]);
    assert!(
        stdout(&output).contains("First light"),
        "{}",
        stderr(&output)
    );

    let empty = tempfile::tempdir().unwrap();
    let output = folio_in(empty.path(), &["list", "--json", "-D"]);
    assert!(output.status.success());
    let posts: Vec<serde_json::Value> = serde_json::from_slice(&output.stdout).unwrap();
    assert!(posts.len() >= 12, "the sample blog has at least 12 posts");
    assert!(posts.iter().any(|p| p["draft"] == true));
}

#[test]
fn missing_path_or_no_posts_is_one_line_and_exit_2() {
    let output = folio(&["list", "/no/such/blog"]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr(&output),
        "folio: /no/such/blog: no such file or folder\n"
    );

    let empty = tempfile::tempdir().unwrap();
    std::fs::write(empty.path().join("notes.txt"), "not markdown").unwrap();
    let output = folio(&["list", empty.path().to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert_eq!(message.lines().count(), 1);
    assert!(message.contains("no markdown posts here"), "{message}");
}

#[test]
fn walk_skips_ignored_hidden_and_build_folders_and_survives_symlink_cycles() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let post = |rel: &str, title: &str| {
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(
            path,
            format!("---\ntitle: {title}\ndate: 2024-01-01\n---\nText.\n"),
        )
        .unwrap();
    };
    post("keep/a.md", "Kept");
    post("keep/b.mdown", "Also kept");
    post("keep/c.MARKDOWN", "Kept too");
    post("drafts-ignored/x.md", "Ignored by gitignore");
    post(".hidden/x.md", "Hidden");
    for folder in [
        "node_modules",
        "public",
        "resources",
        "_site",
        "themes",
        "target",
    ] {
        post(&format!("{folder}/x.md"), folder);
    }
    std::fs::write(root.join(".gitignore"), "drafts-ignored/\n").unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(root, root.join("keep/loop")).unwrap();

    let posts = list_json(&[root.to_str().unwrap()]);
    let mut titles: Vec<&str> = posts.iter().map(|p| p["title"].as_str().unwrap()).collect();
    titles.sort();
    assert_eq!(titles, ["Also kept", "Kept", "Kept too"]);
}

#[test]
fn list_keeps_a_metadata_cache_in_the_state_folder_unless_told_not_to() {
    let blog = tempfile::tempdir().unwrap();
    let post = blog.path().join("old.md");
    std::fs::write(&post, "---\ntitle: Kept\n---\nText.\n").unwrap();
    let long_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    std::fs::File::options()
        .write(true)
        .open(&post)
        .unwrap()
        .set_modified(long_ago)
        .unwrap();
    let state = tempfile::tempdir().unwrap();
    let cache_files = || {
        std::fs::read_dir(state.path().join("cache"))
            .map(|dir| dir.count())
            .unwrap_or(0)
    };
    let list = |extra: &[&str]| {
        let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_folio"));
        command
            .args(["list", blog.path().to_str().unwrap()])
            .args(extra)
            .env("FOLIO_STATE_DIR", state.path());
        let output = command.output().unwrap();
        assert!(output.status.success(), "{}", stderr(&output));
        stdout(&output)
    };
    assert!(list(&["--no-state"]).contains("Kept"));
    assert!(!state.path().exists() || std::fs::read_dir(state.path()).unwrap().count() == 0);
    assert!(list(&[]).contains("Kept"));
    assert_eq!(cache_files(), 1);
    assert!(list(&[]).contains("Kept"), "the cached listing is the same");
}
