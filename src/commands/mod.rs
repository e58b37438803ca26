//! The commands: each reads the blog, then prints what the same model shows, for scripts.

pub mod check;
pub mod docs;
pub mod generate;
pub mod list;
pub mod read;
pub mod render;
pub mod search;

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::cli::{Cli, Command, ListArgs};
use crate::config::Settings;
use crate::content::{Library, Query, Source, discover};
use crate::error::{Error, Outcome};

/// What `folio`, `folio list` and `folio check` say on stderr when no PATH was given and the
/// current folder holds no blog, so the sample is never taken for the user's own posts.
pub const SAMPLE_NOTICE: &str =
    "no blog here (no content/, site or posts in this folder); showing the built-in sample blog";

/// Runs what the command line asks for, writing to `out`.
pub fn run(cli: Cli, out: &mut impl Write) -> Result<Outcome, Error> {
    // The metadata cache lives with the reading state; --no-state uses neither.
    let state_dir = (!cli.no_state).then(crate::state::state_dir).flatten();
    let state_dir = state_dir.as_deref();
    match cli.command {
        Some(Command::List(args)) => {
            let settings = Settings::load(cli.config.as_deref())?;
            list(args, &settings, state_dir, out)
        }
        Some(Command::Render(args)) => {
            let settings = Settings::load(cli.config.as_deref())?;
            render::run(&args, cli.theme, &settings, out)
        }
        Some(Command::Search(args)) => {
            let library = load_announcing_sample(args.path.as_deref(), state_dir)?;
            search::run(&args, &library, out)
        }
        Some(Command::Check { path }) => check(path.as_deref(), state_dir, out),
        Some(Command::Config { .. }) => {
            out.write_all(crate::config::default_file().as_bytes())?;
            out.flush()?;
            Ok(Outcome::Success)
        }
        Some(Command::Completions { shell }) => generate::completions(shell, out),
        Some(Command::Man) => {
            docs::man(out)?;
            Ok(Outcome::Success)
        }
        None => {
            // Read even when only listing, so that a broken file is reported either way.
            let settings = Settings::load(cli.config.as_deref())?;
            if read::interactive(cli.path.as_deref()) {
                read::run(cli.path.as_deref(), cli.theme, settings, !cli.no_state)
            } else {
                list(ListArgs::for_path(cli.path), &settings, state_dir, out)
            }
        }
    }
}

/// The blog at `path`, with a warning on stderr about the site's configuration.
fn load(path: Option<&Path>, state_dir: Option<&Path>) -> Result<Library, Error> {
    let library = Library::load_cached(discover::resolve(path)?, state_dir)?;
    if let Some(problem) = &library.source().site().problem {
        eprintln!("folio: warning: {problem}");
    }
    Ok(library)
}

/// The blog at `path`, saying on stderr when it is the built-in sample, so a script's output
/// is never taken for the user's own posts.
fn load_announcing_sample(path: Option<&Path>, state_dir: Option<&Path>) -> Result<Library, Error> {
    let library = load(path, state_dir)?;
    if *library.source() == Source::Sample {
        eprintln!("folio: {SAMPLE_NOTICE}");
    }
    Ok(library)
}

fn list(
    args: ListArgs,
    settings: &Settings,
    state_dir: Option<&Path>,
    out: &mut impl Write,
) -> Result<Outcome, Error> {
    let library = load_announcing_sample(args.path.as_deref(), state_dir)?;
    let query = Query {
        drafts: args.drafts,
        sort: args.sort,
        tag: args.tag,
    };
    let posts = library.query(&query);
    if args.json {
        list::write_json(&posts, out)?;
    } else {
        list::write_text(&posts, &settings.date_format, out)?;
    }
    out.flush()?;
    list::write_skipped(library.skipped(), &mut std::io::stderr().lock())?;
    // Only `main` runs commands, and the process ends after the listing: its memory goes back
    // whole. Freeing 100,000 posts string by string first took 30 ms of CPU.
    std::mem::forget(posts);
    std::mem::forget(library);
    Ok(Outcome::Success)
}

/// `folio check`. The sample blog never passes: it is checked only because the folder held
/// no blog, and a script asking about the user's own posts must not read that as success.
fn check(
    path: Option<&Path>,
    state_dir: Option<&Path>,
    out: &mut impl Write,
) -> Result<Outcome, Error> {
    let library = load(path, state_dir)?;
    let findings = check::findings(&library);
    let errors = check::write(&findings, out)?;
    out.flush()?;
    if *library.source() == Source::Sample {
        return Err(Error::NoBlog(
            std::env::current_dir().unwrap_or_else(|_| PathBuf::from(".")),
        ));
    }
    Ok(if errors > 0 {
        Outcome::ProblemsFound
    } else {
        Outcome::Success
    })
}
