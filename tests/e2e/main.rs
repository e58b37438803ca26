//! End-to-end: the real binary in a pseudo-terminal, driven by keys as a person would.

mod command_line;
mod pty;
mod search;

use std::path::Path;

use pty::Session;

/// Quits with `q`, and checks folio ended and gave the terminal back as it was.
fn quit(folio: &mut Session) {
    folio.send("q");
    assert!(folio.wait_exit());
    assert!(folio.terminal_restored());
}

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn opens_the_sample_blog_and_quits_leaving_the_terminal_as_it_was() {
    let empty = tempfile::tempdir().unwrap();
    let mut folio = Session::start(empty.path(), &[], 120, 40);
    let screen = folio.wait_for("Posts 12");
    assert!(
        screen.contains("My oven lies by twenty degrees"),
        "{screen}"
    );
    assert!(
        !folio.terminal_restored(),
        "folio drew on the alternate screen"
    );
    quit(&mut folio);
}

#[test]
fn a_key_remapped_in_the_config_file_works() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "[keys.index]\nquit = [\"x\"]\n").unwrap();
    let mut folio = Session::start(dir.path(), &["--config", config.to_str().unwrap()], 120, 40);
    let screen = folio.wait_for("x quit");
    assert!(screen.contains("Posts 12"), "{screen}");
    folio.send("x");
    assert!(folio.wait_exit());
    assert!(folio.terminal_restored());
}

#[test]
fn a_terminal_that_does_not_say_its_background_still_gets_the_reader() {
    let empty = tempfile::tempdir().unwrap();
    let unclear = [("COLORFGBG", "default;default")];
    let mut folio = Session::start_with_env(empty.path(), &[], 120, 40, &unclear);
    folio.wait_for("Posts 12");
    quit(&mut folio);
}

#[test]
fn a_broken_config_is_one_line_on_the_plain_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "theme = \"dark\"\nreader_width = \"wide\"\n").unwrap();
    let mut folio = Session::start(dir.path(), &["--config", config.to_str().unwrap()], 80, 24);
    assert!(!folio.wait_exit());
    let output = String::from_utf8_lossy(&folio.output()).to_string();
    assert!(
        output.contains(&format!("folio: {}:2: invalid type", config.display())),
        "{output:?}"
    );
    assert!(
        !output.contains("\x1b[?1049h"),
        "the alternate screen was never entered"
    );
}

#[test]
fn a_missing_blog_is_one_line_on_the_plain_terminal() {
    let mut folio = Session::start(repo(), &["/no/such/blog"], 80, 24);
    assert!(!folio.wait_exit());
    let output = String::from_utf8_lossy(&folio.output()).to_string();
    assert!(
        output.contains("folio: /no/such/blog: no such file or folder"),
        "{output:?}"
    );
    assert!(
        !output.contains("\x1b[?1049h"),
        "the alternate screen was never entered"
    );
}

#[test]
fn read_search_follow_a_link_and_come_back() {
    let mut folio = Session::sample(120, 40);

    folio.send("/sourdough");
    folio.wait_for("filter: sourdough");
    folio.send("\r\r");
    folio.wait_for("Sourdough on a timer");
    folio.wait_until(|s| s.contains("esc back"), "the reader's hints");

    folio.send("/Harold");
    folio.wait_until(
        |s| s.contains("/Harold") && s.contains("matches"),
        "a search count",
    );
    folio.send("\r");
    folio.wait_for("match 1/");

    folio.send("f1");
    folio.wait_until(
        |s| s.contains("Three rainy days in Kyoto") && s.contains("18 April 2025"),
        "the Kyoto post, laid out",
    );

    folio.send("\x7f");
    folio.wait_until(
        |s| {
            s.lines()
                .next()
                .is_some_and(|top| top.contains("Sourdough on a timer"))
        },
        "the sourdough post again",
    );

    quit(&mut folio);
}

#[test]
fn a_filter_typed_and_opened_in_one_burst_opens_its_best_match() {
    let mut folio = Session::sample(120, 40);
    folio.wait_for("Posts");
    folio.send("/kyoto\r\r");
    folio.wait_until(
        |s| s.contains("esc back") && s.contains("18 April 2025"),
        "the Kyoto post open in the reader",
    );
    quit(&mut folio);
}

#[test]
fn help_lists_the_keys_and_esc_closes_it() {
    let mut folio = Session::sample(100, 40);
    folio.send("?");
    // The whole frame, not only its first part: the help's title and a line from its body.
    folio.wait_until(
        |s| s.contains(" Keys ") && s.contains("filter posts by title, tags and description"),
        "help with the index's keys",
    );
    folio.send("\x1b");
    folio.wait_until(|s| !s.contains(" Keys "), "help to close");
    folio.send("\x03");
    assert!(folio.wait_exit());
    assert!(folio.terminal_restored());
}

#[test]
fn editing_a_post_shows_the_change_when_the_editor_closes() {
    let blog = tempfile::tempdir().unwrap();
    let post = blog.path().join("post.md");
    std::fs::write(
        &post,
        "---\ntitle: Before\ndate: 2024-01-01\n---\nFirst words.\n",
    )
    .unwrap();
    let editor = blog.path().join("editor.sh");
    std::fs::write(
        &editor,
        "#!/bin/sh\nsed -i 's/Before/After/' \"$1\"\necho 'Added by the editor.' >> \"$1\"\n",
    )
    .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&editor, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let mut folio =
        Session::start_with_editor(blog.path(), &["."], 120, 30, editor.to_str().unwrap());
    folio.wait_for("First words.");
    folio.send("e");
    let screen = folio.wait_for("Added by the editor.");
    assert!(
        screen.contains("After"),
        "the title was read again: {screen}"
    );
    quit(&mut folio);
}

fn long_post(title: &str, date: &str) -> String {
    let mut text = format!("---\ntitle: {title}\ndate: {date}\n---\n");
    for i in 1..=60 {
        text.push_str(&format!("## Section {i}\n\nParagraph {i} of {title}.\n\n"));
    }
    text
}

/// A blog of two long posts and a state folder, with folio on it: the older post opened and
/// six half pages asked for (the caller waits for them).
fn six_half_pages_into_one() -> (tempfile::TempDir, tempfile::TempDir, Session) {
    let blog = tempfile::tempdir().unwrap();
    let state = tempfile::tempdir().unwrap();
    std::fs::write(blog.path().join("one.md"), long_post("One", "2024-01-01")).unwrap();
    std::fs::write(blog.path().join("two.md"), long_post("Two", "2024-02-01")).unwrap();
    let mut folio = Session::start_with_state(blog.path(), &["."], 120, 30, state.path());
    folio.wait_for("Posts 2");
    folio.send("j\r");
    folio.wait_for("Paragraph 1 of One.");
    folio.send("\x04\x04\x04\x04\x04\x04");
    (blog, state, folio)
}

/// Whether the screen is the whole frame where six half pages down from the top of "One" end:
/// Section 16 comes into view before the last key is handled, and a frame arrives in pieces.
fn settled(screen: &str) -> bool {
    screen
        .lines()
        .nth(2)
        .is_some_and(|l| l.contains("Section 16"))
        && screen.contains("Paragraph 19 of One.")
}

/// The reader pane's lines on a 120-column screen.
fn reader_lines(screen: &str) -> Vec<String> {
    screen
        .lines()
        .skip(1)
        .take(20)
        .map(|l| l.chars().skip(40).collect())
        .collect()
}

#[test]
fn a_relaunch_returns_to_the_same_post_at_the_same_place() {
    let (blog, state, mut folio) = six_half_pages_into_one();
    let halfway = folio.wait_until(settled, "six half pages down");
    folio.send("q");
    assert!(folio.wait_exit());

    let mut again = Session::start_with_state(blog.path(), &["."], 120, 30, state.path());
    let screen = again.wait_until(settled, "the same place");
    assert_eq!(reader_lines(&screen), reader_lines(&halfway));
    assert!(screen.contains("›  2024-01-01 One") || screen.contains("›• 2024-01-01 One"));
    again.send("q");
    assert!(again.wait_exit());
}

#[test]
fn a_post_saved_from_elsewhere_changes_in_place() {
    let blog = tempfile::tempdir().unwrap();
    let post = blog.path().join("one.md");
    std::fs::write(&post, long_post("One", "2024-01-01")).unwrap();
    let mut folio = Session::start(blog.path(), &["."], 120, 30);
    folio.wait_for("Paragraph 1 of One.");
    folio.send("\r\x04\x04");
    let before = folio.wait_for("Section 8");
    let edited = long_post("One", "2024-01-01").replace("Paragraph 8 of", "Rewritten 8 of");
    std::fs::write(&post, edited).unwrap();
    let screen = folio.wait_for("Rewritten 8 of One.");
    let top = |screen: &str| screen.lines().nth(2).map(str::to_string);
    assert_eq!(top(&screen), top(&before), "the place is kept:\n{screen}");
    std::fs::write(blog.path().join("new.md"), long_post("Fresh", "2025-01-01")).unwrap();
    folio.wait_for("Posts 2");
    folio.send("q");
    assert!(folio.wait_exit());
}

#[test]
fn no_state_neither_reads_nor_writes_any() {
    let blog = tempfile::tempdir().unwrap();
    let state = tempfile::tempdir().unwrap();
    std::fs::write(blog.path().join("one.md"), long_post("One", "2024-01-01")).unwrap();
    let mut folio =
        Session::start_with_state(blog.path(), &[".", "--no-state"], 120, 30, state.path());
    folio.wait_for("Paragraph 1 of One.");
    folio.send("m");
    folio.wait_for("marked “One” read");
    folio.send("q");
    assert!(folio.wait_exit());
    assert_eq!(std::fs::read_dir(state.path()).unwrap().count(), 0);
}

#[test]
fn sigterm_restores_the_terminal_and_keeps_the_place() {
    let (blog, state, mut folio) = six_half_pages_into_one();
    let halfway = folio.wait_until(settled, "six half pages down");
    folio.signal("TERM");
    assert_eq!(
        folio.wait_signalled().as_deref().map(str::to_lowercase),
        Some("terminated".to_string()),
        "ended by the signal, as asked"
    );
    assert!(folio.terminal_restored());

    let mut again = Session::start_with_state(blog.path(), &["."], 120, 30, state.path());
    let screen = again.wait_until(settled, "the place that was saved");
    assert_eq!(
        reader_lines(&screen),
        reader_lines(&halfway),
        "the place was saved"
    );
    again.send("q");
    assert!(again.wait_exit());
}

#[test]
fn sighup_and_sigquit_restore_the_terminal_and_save() {
    for signal in ["HUP", "QUIT"] {
        let blog = tempfile::tempdir().unwrap();
        let state = tempfile::tempdir().unwrap();
        std::fs::write(blog.path().join("one.md"), long_post("One", "2024-01-01")).unwrap();
        let mut folio = Session::start_with_state(blog.path(), &["."], 120, 30, state.path());
        folio.wait_for("Paragraph 1 of One.");
        folio.signal(signal);
        assert!(folio.wait_signalled().is_some(), "{signal} ended folio");
        assert!(folio.terminal_restored(), "after {signal}");
        let saved = std::fs::read_dir(state.path())
            .unwrap()
            .filter(|entry| entry.as_ref().unwrap().path().extension() == Some("json".as_ref()))
            .count();
        assert_eq!(saved, 1, "a state file was written on {signal}");
    }
}

/// Waits until a stopped folio has given the terminal back.
fn wait_given_back(folio: &mut Session) {
    let started = std::time::Instant::now();
    while !folio.terminal_restored() {
        assert!(
            started.elapsed() < std::time::Duration::from_secs(20),
            "the terminal was not given back"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

/// Waits until the sample blog's index and preview are drawn whole again.
fn wait_full_redraw(folio: &mut Session) -> String {
    folio.wait_until(
        |s| s.contains("Posts 12") && s.contains("My oven lies by twenty degrees"),
        "a full redraw",
    )
}

#[test]
fn ctrl_z_gives_the_terminal_back_and_fg_redraws_at_the_new_size() {
    let mut folio = Session::sample(120, 40);
    folio.send("\x1a");
    wait_given_back(&mut folio);
    // The window changes size while folio is stopped.
    folio.resize(100, 30);
    folio.signal("CONT");
    let screen = wait_full_redraw(&mut folio);
    let top = screen.lines().next().unwrap_or_default();
    assert_eq!(top.chars().count(), 100, "drawn at the new width: {top}");
    assert!(top.ends_with('┐'), "{top}");
    assert!(!folio.terminal_restored(), "back on the alternate screen");
    quit(&mut folio);
}

#[test]
fn sigtstp_from_outside_gives_the_terminal_back_until_continued() {
    let mut folio = Session::sample(120, 40);
    folio.signal("TSTP");
    wait_given_back(&mut folio);
    folio.signal("CONT");
    wait_full_redraw(&mut folio);
    quit(&mut folio);
}
