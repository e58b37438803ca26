//! The command line as a person types it: options anywhere, the config file honoured by the
//! script commands, a post from standard input, what no PATH means, and one clear line when
//! something is wrong.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use crate::common::{fixture, folio, folio_in, stderr, stdout};

/// A config file in its own folder, kept alive with the folder.
fn config(text: &str) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("config.toml");
    std::fs::write(&file, text).unwrap();
    let file = file.to_str().unwrap().to_string();
    (dir, file)
}

/// Runs folio in `cwd` with `input` on standard input.
fn folio_with_input(cwd: &Path, args: &[&str], input: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_folio"))
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .env("XDG_CONFIG_HOME", fixture("no-config-here"))
        .env("COLORTERM", "truecolor")
        .env(
            "FOLIO_STATE_DIR",
            Path::new(env!("CARGO_TARGET_TMPDIR")).join("cli-state"),
        )
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the folio binary runs");
    let written = child.stdin.take().unwrap().write_all(input);
    // folio stops reading one byte past its limit: the rest of a larger input meets a closed
    // pipe, which is what the limit is for.
    assert!(
        written.is_ok() || input.len() > 4 * 1024 * 1024,
        "{written:?}"
    );
    child.wait_with_output().unwrap()
}

#[test]
fn global_options_work_before_and_after_the_subcommand() {
    let (_dir, file) = config("date_format = \"%d %b %Y\"\n");
    let site = fixture("hugo");
    let site = site.to_str().unwrap();
    let before = folio(&["--config", &file, "list", site]);
    let after = folio(&["list", site, "--config", &file]);
    let between = folio(&["list", "--config", &file, "--no-state", site]);
    assert!(before.status.success(), "{}", stderr(&before));
    assert!(
        stdout(&before).starts_with("21 Dec 2025  First light"),
        "{}",
        stdout(&before)
    );
    assert_eq!(stdout(&before), stdout(&after));
    assert_eq!(stdout(&before), stdout(&between));

    let post = fixture("elements.md");
    let post = post.to_str().unwrap();
    let light_first = folio(&["--theme", "light", "render", post, "--color", "always"]);
    let light_last = folio(&["render", post, "--color", "always", "--theme", "light"]);
    let dark = folio(&["render", post, "--color", "always", "--theme", "dark"]);
    assert!(light_first.status.success(), "{}", stderr(&light_first));
    assert_eq!(stdout(&light_first), stdout(&light_last));
    assert_ne!(stdout(&light_first), stdout(&dark), "the theme is applied");
}

#[test]
fn a_path_before_the_subcommand_is_refused_with_the_form_that_works() {
    let output = folio(&["sample-content", "list"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).starts_with(
            "error: `sample-content` comes before the subcommand; a PATH goes after it, as in: \
             folio list PATH"
        ),
        "{}",
        stderr(&output)
    );
}

#[test]
fn render_takes_its_theme_syntax_theme_and_width_from_the_config_file() {
    let post = fixture("elements.md");
    let post = post.to_str().unwrap();
    let plain = folio(&["render", post]);
    assert!(
        stdout(&plain).lines().any(|line| line.chars().count() > 60),
        "the default width is the reader's 100 columns"
    );
    let (_dir, narrow) = config("reader_width = 40\n");
    let output = folio(&["--config", &narrow, "render", post]);
    assert!(output.status.success(), "{}", stderr(&output));
    let widest = stdout(&output)
        .lines()
        .map(|line| line.chars().count())
        .max();
    assert_eq!(widest, Some(40), "{}", stdout(&output));
    let given = folio(&["--config", &narrow, "render", post, "--width", "60"]);
    assert!(
        stdout(&given).lines().any(|line| line.chars().count() > 40),
        "--width wins over the file"
    );

    let colour = |config: &str| {
        let output = folio(&["--config", config, "render", post, "--color", "always"]);
        assert!(output.status.success(), "{}", stderr(&output));
        stdout(&output)
    };
    let (_d1, dark) = config("theme = \"dark\"\n");
    let (_d2, light) = config("theme = \"light\"\n");
    let (_d3, nord) = config("theme = \"dark\"\nsyntax_theme = \"Nord\"\n");
    assert_ne!(colour(&dark), colour(&light), "the file's theme is used");
    assert_ne!(
        colour(&dark),
        colour(&nord),
        "the file's syntax theme is used"
    );
    let (_d4, auto) = config("theme = \"auto\"\n");
    assert_eq!(colour(&auto), colour(&dark), "auto off a terminal is dark");
}

#[test]
fn render_dash_reads_the_post_from_standard_input() {
    let post = std::fs::read(fixture("elements.md")).unwrap();
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    let piped = folio_with_input(here, &["render", "-", "--width", "72"], &post);
    assert!(piped.status.success(), "{}", stderr(&piped));
    let from_file = folio(&["render", "tests/fixtures/elements.md", "--width", "72"]);
    assert_eq!(stdout(&piped), stdout(&from_file));
    assert!(!stdout(&piped).is_empty());

    let empty = folio_with_input(here, &["render", "-"], b"");
    assert_eq!(empty.status.code(), Some(2));
    assert_eq!(
        stderr(&empty),
        "folio: standard input: empty: nothing was piped in\n"
    );
    let big = vec![b'x'; 5 * 1024 * 1024];
    let too_big = folio_with_input(here, &["render", "-"], &big);
    assert_eq!(too_big.status.code(), Some(2));
    assert_eq!(
        stderr(&too_big),
        "folio: standard input: larger than 4 MB; not read\n"
    );
}

#[test]
fn folio_dash_off_a_terminal_lists_the_post_from_standard_input() {
    let dir = tempfile::tempdir().unwrap();
    let output = folio_with_input(
        dir.path(),
        &["-"],
        b"---\ntitle: Piped\ndate: 2025-01-02\n---\nHello.\n",
    );
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(stdout(&output), "2025-01-02  Piped\n");
}

/// `folio list` with no PATH in a folder made by `make`.
fn list_in(make: impl Fn(&Path)) -> Output {
    let dir = tempfile::tempdir().unwrap();
    make(dir.path());
    folio_in(dir.path(), &["list"])
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

#[test]
fn with_no_path_folio_reads_content_then_the_folder_then_the_sample() {
    let content = list_in(|dir| {
        write(&dir.join("content/a.md"), "# In content\n");
        write(&dir.join("notes.md"), "# Beside content\n");
    });
    assert_eq!(stdout(&content), "undated  In content\n");

    let markdown = list_in(|dir| write(&dir.join("deep/er/note.md"), "# A note\n"));
    assert_eq!(stdout(&markdown), "undated  A note\n");
    assert_eq!(stderr(&markdown), "");

    let jekyll = list_in(|dir| {
        write(&dir.join("_config.yml"), "title: J\n");
        write(&dir.join("_posts/2024-05-06-hello.md"), "# Hello\n");
    });
    assert_eq!(stdout(&jekyll), "2024-05-06  Hello\n");

    let empty_site = list_in(|dir| write(&dir.join("hugo.toml"), "title = 'H'\n"));
    assert_eq!(
        empty_site.status.code(),
        Some(2),
        "a site is never the sample"
    );
    assert!(
        stderr(&empty_site).contains("no markdown posts here"),
        "{}",
        stderr(&empty_site)
    );

    let deep = list_in(|dir| write(&dir.join("posts/2024/05/a.md"), "# Deep enough\n"));
    assert_eq!(stdout(&deep), "undated  Deep enough\n");

    let program = list_in(|dir| {
        write(&dir.join("Cargo.toml"), "[package]\nname = 'tool'\n");
        write(&dir.join("README.md"), "# A tool\n");
        write(&dir.join("docs/usage.md"), "# Using the tool\n");
    });
    assert!(
        stdout(&program).contains("My oven lies by twenty degrees"),
        "a program's documentation is not taken for a blog: {}",
        stdout(&program)
    );

    let nothing = list_in(|dir| {
        write(&dir.join("readme.txt"), "not markdown\n");
        write(&dir.join("a/b/c/d/too-deep.md"), "# Too deep to look for\n");
    });
    assert!(nothing.status.success());
    assert!(stdout(&nothing).contains("My oven lies by twenty degrees"));
    assert_eq!(
        stderr(&nothing),
        "folio: no blog here (no content/, site or posts in this folder); showing the \
         built-in sample blog\n"
    );
}

#[test]
fn render_of_a_folder_says_it_wants_a_post_and_how_to_list_it() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("my posts");
    std::fs::create_dir(&folder).unwrap();
    let output = folio(&["render", folder.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr(&output),
        format!(
            "folio: {0}: is a folder; render wants one post — try: folio list '{0}'\n",
            folder.display()
        )
    );
}

#[test]
fn errors_are_one_line_naming_the_file_without_system_error_text() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("gone.md");
    let output = folio(&["render", missing.to_str().unwrap()]);
    assert_eq!(
        stderr(&output),
        format!("folio: {}: no such file or folder\n", missing.display())
    );

    let config = dir.path().join("latin1.toml");
    std::fs::write(&config, b"theme = \"dark\" # caf\xe9\n").unwrap();
    let output = folio(&[
        "--config",
        config.to_str().unwrap(),
        "list",
        "sample-content",
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr(&output),
        format!(
            "folio: {}: can't be read: not UTF-8 text\n",
            config.display()
        )
    );

    let output = folio(&["--config", missing.to_str().unwrap(), "render", "README.md"]);
    assert_eq!(
        stderr(&output),
        format!(
            "folio: {}: can't be read: no such file or folder\n",
            missing.display()
        )
    );
}
