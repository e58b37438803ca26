//! Running another program as a whole process, for the side-by-side benchmarks.

use std::process::{Command, Stdio};

/// True when `program` runs: `program ARG` succeeds.
pub fn available(program: &str, arg: &str) -> bool {
    Command::new(program)
        .arg(arg)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|status| status.success())
}

/// Runs a command to the end with its output thrown away; it must succeed.
pub fn run(command: &mut Command) {
    let status = command
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("the command starts");
    assert!(status.success(), "{command:?} failed: {status}");
}
