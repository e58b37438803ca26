//! End-to-end: the real binary in a pseudo-terminal, driven by keys as a person would.

mod pty;

use std::path::Path;

use pty::Session;

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
    folio.send("q");
    assert!(folio.wait_exit());
    assert!(folio.terminal_restored());
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
