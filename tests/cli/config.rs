//! The commands about folio itself: its default configuration, completions and man page, and
//! what a broken config file does.

use crate::common::{folio, stderr, stdout};

#[test]
fn the_default_configuration_is_printed_whole() {
    let output = folio(&["config", "--print-default"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    for setting in [
        "theme = \"auto\"",
        "reader_width = 100",
        "date_format = \"%Y-%m-%d\"",
        "[keys.index]",
        "[keys.help]",
    ] {
        assert!(text.contains(setting), "{setting} is printed");
    }
}

#[test]
fn the_printed_default_is_a_config_folio_accepts() {
    let printed = stdout(&folio(&["config", "--print-default"]));
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("config.toml");
    std::fs::write(&file, printed).unwrap();
    let output = folio(&["--config", file.to_str().unwrap(), "sample-content"]);
    assert!(output.status.success(), "{}", stderr(&output));
}

#[test]
fn a_broken_config_stops_folio_with_the_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("config.toml");
    std::fs::write(
        &file,
        "theme = \"dark\"\n[keys.reader]\nquit = [\"q\"]\nfly = [\"x\"]\n",
    )
    .unwrap();
    let output = folio(&["--config", file.to_str().unwrap(), "sample-content"]);
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(
        message.starts_with(&format!(
            "folio: {}:4: unknown variant `fly`",
            file.display()
        )),
        "{message}"
    );
    assert!(stdout(&output).is_empty(), "nothing is listed");
}

#[test]
fn a_missing_config_given_by_name_is_an_error() {
    let output = folio(&["--config", "/nonexistent/folio.toml", "sample-content"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("/nonexistent/folio.toml"));
}

#[test]
fn completions_cover_every_subcommand_in_each_shell() {
    for shell in ["bash", "zsh", "fish"] {
        let output = folio(&["completions", shell]);
        assert!(output.status.success(), "{shell}: {}", stderr(&output));
        let script = stdout(&output);
        for command in ["list", "render", "check", "config", "completions", "man"] {
            assert!(script.contains(command), "{shell} completes {command}");
        }
        assert!(
            script.contains("--config") || script.contains("-l config"),
            "{shell} completes --config"
        );
    }
}

#[test]
fn the_man_page_describes_folio_and_its_subcommands() {
    let output = folio(&["man"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let page = stdout(&output);
    assert!(
        page.starts_with(".ie") || page.contains(".TH folio"),
        "roff: {page}"
    );
    for command in ["list", "render", "check", "config", "completions"] {
        assert!(page.contains(command), "the man page mentions {command}");
    }
    assert!(page.contains("config.toml"), "and where the settings live");
    assert!(
        !page.contains("(1)"),
        "no other page is named: folio has one man page"
    );
}
