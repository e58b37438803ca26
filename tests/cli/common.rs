//! Runs the real `folio` binary for the command-line tests.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// Runs folio with `args` in `cwd`, colour and terminal detection off, and no config file
/// but one given with `--config`.
pub fn folio_in(cwd: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_folio"))
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .env("XDG_CONFIG_HOME", fixture("no-config-here"))
        .env(
            "FOLIO_STATE_DIR",
            Path::new(env!("CARGO_TARGET_TMPDIR")).join("cli-state"),
        )
        .output()
        .expect("the folio binary runs")
}

pub fn folio(args: &[&str]) -> Output {
    folio_in(Path::new(env!("CARGO_MANIFEST_DIR")), args)
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("stdout is UTF-8")
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("stderr is UTF-8")
}

/// `folio list --json` of `args`, parsed.
pub fn list_json(args: &[&str]) -> Vec<serde_json::Value> {
    let mut all = vec!["list", "--json"];
    all.extend_from_slice(args);
    let output = folio(&all);
    assert!(
        output.status.success(),
        "folio {all:?} failed: {}",
        stderr(&output)
    );
    serde_json::from_slice(&output.stdout).expect("folio list --json prints JSON")
}

/// (path, title, date) of each listed post, in order.
pub fn summary(posts: &[serde_json::Value]) -> Vec<(String, String, Option<String>)> {
    posts
        .iter()
        .map(|p| {
            (
                p["path"].as_str().unwrap().to_string(),
                p["title"].as_str().unwrap().to_string(),
                p["date"].as_str().map(str::to_string),
            )
        })
        .collect()
}
