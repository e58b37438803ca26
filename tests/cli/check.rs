//! Bad input never stops the scan: broken posts are listed with their problems, and
//! `folio check` reports them one per line.

use crate::common::{fixture, folio, list_json, stderr, stdout};

#[test]
fn every_broken_post_is_still_listed_with_its_problem() {
    let bad = fixture("bad");
    let posts = list_json(&["-D", bad.to_str().unwrap()]);
    let by_path = |path: &str| {
        posts
            .iter()
            .find(|p| p["path"] == path)
            .unwrap_or_else(|| panic!("{path} is listed"))
    };
    for (path, title) in [
        ("broken-yaml.md", "Broken Yaml"),
        ("broken-toml.md", "Broken Toml"),
        ("broken-json.md", "Broken Json"),
        ("cut-off.md", "Cut Off"),
        ("alias-bomb.md", "Alias Bomb"),
    ] {
        let post = by_path(path);
        assert_eq!(
            post["title"], title,
            "a post whose front matter fails is titled by its file"
        );
        assert_eq!(post["problems"][0]["severity"], "error", "{path}");
    }
    let latin1 = by_path("latin1.md");
    assert_eq!(
        latin1["title"], "Caf\u{FFFD} cr\u{FFFD}me",
        "decoded lossily"
    );
    assert_eq!(latin1["date"], "2024-01-01");
    let wrong = by_path("wrong-types.md");
    assert_eq!(
        wrong["title"], "Heading title",
        "a title of the wrong type falls back to the heading"
    );
    assert_eq!(wrong["problems"].as_array().unwrap().len(), 4);
    let bom = by_path("bom-crlf.md");
    assert_eq!(
        (bom["title"].as_str(), bom["date"].as_str()),
        (Some("BOM and CRLF"), Some("2024-01-05"))
    );
    assert!(
        posts.iter().all(|p| p["path"] != "binary.md"),
        "binary files are skipped"
    );
}

#[test]
fn nothing_from_content_can_control_the_terminal() {
    let bad = fixture("bad");
    for args in [vec!["list", "-D"], vec!["list", "-D", "--json"]] {
        let mut args = args.clone();
        args.push(bad.to_str().unwrap());
        let output = folio(&args);
        let text = stdout(&output);
        let controls: Vec<char> = text
            .chars()
            .filter(|&c| (c.is_control() && c != '\n') || ('\u{202A}'..='\u{202E}').contains(&c))
            .collect();
        assert!(controls.is_empty(), "folio {args:?} printed {controls:?}");
        assert!(
            text.contains("Clear ␛[2J␛]0;pwned␇ screen evil"),
            "escapes are shown, not obeyed"
        );
    }
}

#[test]
fn check_reports_each_problem_at_its_line_and_fails_on_errors() {
    let bad = fixture("bad");
    let output = folio(&["check", bad.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let text = stdout(&output);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines,
        [
            "alias-bomb.md:2: error: YAML front matter: repetition limit exceeded",
            "binary.md:1: error: binary file with a markdown name; skipped",
            "broken-json.md:3: error: JSON front matter: expected `,` or `}`",
            "broken-toml.md:3: error: TOML front matter: extra `=`, expected nothing",
            "broken-yaml.md:4: error: YAML front matter: found unexpected end of stream",
            "cut-off.md:1: error: YAML front matter opened here is never closed with `---`",
            "empty.md:1: warning: no title in the front matter or a `#` heading",
            "latin1.md:2: error: not valid UTF-8; bad bytes are shown as �",
            "wrong-types.md:2: warning: `title` should be text; ignored",
            "wrong-types.md:3: warning: `date` \"the day after tomorrow\" is not a date folio can read",
            "wrong-types.md:4: warning: `tags` should be a list of names; ignored",
            "wrong-types.md:5: warning: `draft` should be true or false; ignored",
        ]
    );
}

#[test]
fn check_warns_about_local_links_and_images_that_lead_nowhere() {
    let site = fixture("hugo");
    let output = folio(&["check", site.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "warnings alone do not fail");
    assert_eq!(
        stdout(&output),
        "blog/2025/first-light/index.md:20: warning: link `/posts/nowhere/` leads to nothing in this blog\n",
        "the bundle image, the static image and links to real posts resolve"
    );
}

#[test]
fn check_where_there_is_no_blog_checks_the_sample_but_never_passes() {
    let empty = tempfile::tempdir().unwrap();
    let output = crate::common::folio_in(empty.path(), &["check"]);
    assert!(
        !stdout(&output).contains("error:"),
        "the sample blog has no errors"
    );
    assert_eq!(output.status.code(), Some(2), "a folder with no blog fails");
    let message = crate::common::stderr(&output);
    assert!(
        message.ends_with(
            ": no blog here (no content/, site or markdown); checked the built-in sample blog \
             instead — give a PATH: folio check PATH\n"
        ),
        "{message}"
    );
    assert_eq!(message.lines().count(), 1, "{message}");
}

#[test]
fn check_follows_each_generators_own_link_rules() {
    let zola = fixture("zola");
    let output = folio(&["check", zola.to_str().unwrap()]);
    assert_eq!(
        stdout(&output),
        "blog/native.md:16: warning: link `@/blog/missing.md` leads to nothing in this blog\n",
        "@/ links to a page (with an anchor) and to a section resolve, and a path = permalink"
    );
    let jekyll = fixture("jekyll");
    let output = folio(&["check", jekyll.to_str().unwrap()]);
    assert_eq!(
        stdout(&output),
        "_posts/2023-01-02-new-year.md:1: warning: no title in the front matter or a `#` heading\n",
        "a collection document, a page and the post's own pretty permalink on the site's URL resolve"
    );
}

#[test]
fn a_site_config_that_cant_be_read_is_one_warning_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("hugo.toml"),
        "title = \"Broken\nbaseURL = 1\n",
    )
    .unwrap();
    std::fs::create_dir_all(dir.path().join("content")).unwrap();
    std::fs::write(dir.path().join("content/a.md"), "# A\n").unwrap();
    let path = dir.path().to_str().unwrap();
    let output = folio(&["check", path]);
    assert_eq!(output.status.code(), Some(0), "a warning, not an error");
    let text = stdout(&output);
    let config = format!("{path}/hugo.toml:1: warning: can't be read (");
    assert!(text.starts_with(&config), "{text}");
    assert!(
        text.contains("the site's own settings are not used"),
        "{text}"
    );
    assert_eq!(text.lines().count(), 1, "{text}");
    let listed = folio(&["list", path]);
    assert!(stdout(&listed).contains("A"), "the posts are still read");
    assert_eq!(
        stderr(&listed).lines().count(),
        1,
        "one warning on stderr: {}",
        stderr(&listed)
    );
}
