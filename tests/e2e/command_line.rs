//! The reader as the command line starts it: `cat post.md | folio -`, where the post comes
//! down the pipe and the keys from the terminal, and `folio` where there is no blog.

use crate::pty::Session;

#[test]
fn a_post_piped_in_is_read_with_keys_from_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let post = dir.path().join("post.md");
    let mut text = String::from("---\ntitle: Down the pipe\n---\n\nFirst line of the post.\n\n");
    for n in 1..=80 {
        text.push_str(&format!("Paragraph {n} of the piped post.\n\n"));
    }
    text.push_str("The very end.\n");
    std::fs::write(&post, text).unwrap();
    let mut folio = Session::start_piped(dir.path(), &post, &["-"], 80, 24);
    let screen = folio.wait_for("Down the pipe");
    assert!(screen.contains("Posts 1"), "{screen}");
    folio.send("\r");
    folio.wait_for("First line of the post.");
    folio.send("G");
    folio.wait_for("The very end.");
    folio.send("q");
    assert!(folio.wait_exit(), "{}", folio.contents());
    assert!(folio.terminal_restored());
}

#[test]
fn folio_dash_with_nothing_piped_in_says_so_in_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let mut folio = Session::start(dir.path(), &["-"], 80, 24);
    folio.wait_for(
        "folio: -: standard input is the terminal; pipe a post in: cat post.md | folio -",
    );
    assert!(!folio.wait_exit());
    let mut render = Session::start(dir.path(), &["render", "-"], 80, 24);
    render.wait_for(
        "folio: -: standard input is the terminal; pipe a post in: cat post.md | folio render -",
    );
    assert!(
        !render.wait_exit(),
        "it does not wait for a post to be typed"
    );
}

#[test]
fn the_sample_blog_says_it_is_the_sample() {
    let empty = tempfile::tempdir().unwrap();
    let mut folio = Session::start(empty.path(), &[], 120, 40);
    let screen = folio.wait_for("no blog in this folder: the built-in sample blog");
    assert!(screen.contains("Sample blog · Posts 12"), "{screen}");
    folio.send("j");
    let screen = folio.wait_until(
        |s| !s.contains("no blog in this folder"),
        "the message to give way to the keys",
    );
    assert!(
        screen.contains("Sample blog · Posts 12"),
        "it stays in the title: {screen}"
    );
    folio.send("q");
    assert!(folio.wait_exit());
}
