//! Searching every post in the real binary: a word only a post's body holds, found as it is
//! typed, and opened at the match.

use crate::pty::Session;

#[test]
fn a_word_in_a_body_is_found_and_its_post_opens_at_the_match() {
    let mut folio = Session::sample(120, 40);
    folio.send("F");
    folio.wait_for("Search every post");
    // In the sample blog only the Kyoto post's body says this; no title or tag does.
    folio.send("convenience");
    let screen = folio.wait_for("1 post");
    assert!(screen.contains("Three rainy days in Kyoto"), "{screen}");
    assert!(
        screen.contains("umbrella I bought for 500 yen at a convenience"),
        "the snippet shows the line of the match: {screen}"
    );
    folio.send("\r");
    let screen = folio.wait_for("match 1/1");
    assert!(
        !screen.contains("Search every post"),
        "the overlay closed: {screen}"
    );
    assert!(screen.contains("convenience"), "{screen}");
    folio.send("q");
    assert!(folio.wait_exit());
    assert!(folio.terminal_restored());
}
