//! The commands: each reads the blog, then prints what the same model shows, for scripts.

pub mod check;
pub mod generate;
pub mod list;
pub mod read;
pub mod render;
pub mod search;

use std::io::Write;

use crate::cli::{Cli, Command, ListArgs};
use crate::config::Settings;
use crate::content::{Library, Query, discover};
use crate::error::{Error, Outcome};

/// Runs what the command line asks for, writing to `out`.
pub fn run(cli: Cli, out: &mut impl Write) -> Result<Outcome, Error> {
    // The metadata cache lives with the reading state; --no-state uses neither.
    let state_dir = (!cli.no_state).then(crate::state::state_dir).flatten();
    let state_dir = state_dir.as_deref();
    match cli.command {
        Some(Command::List(args)) => list(args, state_dir, out),
        Some(Command::Render(args)) => render::run(&args, out),
        Some(Command::Search(args)) => search::run(&args, state_dir, out),
        Some(Command::Check { path }) => {
            let library = Library::load_cached(discover::resolve(path.as_deref())?, state_dir)?;
            let findings = check::findings(&library);
            let errors = check::write(&findings, out)?;
            out.flush()?;
            Ok(if errors > 0 {
                Outcome::ProblemsFound
            } else {
                Outcome::Success
            })
        }
        Some(Command::Config { .. }) => {
            out.write_all(crate::config::default_file().as_bytes())?;
            out.flush()?;
            Ok(Outcome::Success)
        }
        Some(Command::Completions { shell }) => generate::completions(shell, out),
        Some(Command::Man) => generate::man(out),
        None => {
            // Read even when only listing, so that a broken file is reported either way.
            let settings = Settings::load(cli.config.as_deref())?;
            if read::interactive() {
                read::run(cli.path.as_deref(), cli.theme, settings, !cli.no_state)
            } else {
                list(ListArgs::for_path(cli.path), state_dir, out)
            }
        }
    }
}

fn list(
    args: ListArgs,
    state_dir: Option<&std::path::Path>,
    out: &mut impl Write,
) -> Result<Outcome, Error> {
    let library = Library::load_cached(discover::resolve(args.path.as_deref())?, state_dir)?;
    if let Some(problem) = &library.source().site().problem {
        eprintln!("folio: warning: {problem}");
    }
    let query = Query {
        drafts: args.drafts,
        sort: args.sort,
        tag: args.tag,
    };
    let posts = library.query(&query);
    if args.json {
        list::write_json(&posts, out)?;
    } else {
        list::write_text(&posts, out)?;
    }
    out.flush()?;
    list::write_skipped(library.skipped(), &mut std::io::stderr().lock())?;
    Ok(Outcome::Success)
}
