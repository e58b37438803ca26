//! Writes the generated Hugo site the `scan` bench measures, for comparisons by hand:
//!
//! ```text
//! cargo run --release --example generate_site -- DIR [POSTS]
//! hyperfine 'target/release/folio list --json -D DIR' 'hugo list all -s DIR'
//! ```

#[path = "../benches/support/site.rs"]
mod site;

use std::path::PathBuf;
use std::process::ExitCode;

/// Posts written when no count is given: the size the bench measures.
const DEFAULT_POSTS: usize = 10_000;

fn main() -> ExitCode {
    let mut args = std::env::args_os().skip(1);
    let Some(dir) = args.next().map(PathBuf::from) else {
        eprintln!("usage: generate_site DIR [POSTS]");
        return ExitCode::from(2);
    };
    let posts = match args.next().map(|n| n.to_string_lossy().parse::<usize>()) {
        None => DEFAULT_POSTS,
        Some(Ok(n)) => n,
        Some(Err(_)) => {
            eprintln!("generate_site: POSTS must be a whole number");
            return ExitCode::from(2);
        }
    };
    match site::write(&dir, posts) {
        Ok(summary) => {
            println!(
                "{}: {} posts ({} drafts), {:.1} MB of markdown",
                dir.display(),
                summary.posts,
                summary.drafts,
                summary.bytes as f64 / 1e6
            );
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("generate_site: {}: {error}", dir.display());
            ExitCode::FAILURE
        }
    }
}
