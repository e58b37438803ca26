//! `folio search QUERY [PATH]`: the reader's search over every post, ranked the same way, as
//! text for people or JSON for scripts. Like grep, it exits with 1 when nothing matched.

use std::io::{self, Write};

use serde::Serialize;

use crate::cli::SearchArgs;
use crate::content::Library;
use crate::error::{Error, Outcome};
use crate::search::{self, Hit, Scope};

/// Reverse video and bold around the match, when stdout is a terminal: visible without colour.
const MARK_ON: &str = "\x1b[1;7m";
const MARK_OFF: &str = "\x1b[0m";

/// One result as `--json` prints it.
#[derive(Debug, Serialize)]
struct Entry<'a> {
    /// Relative to the content root, exactly as the file is named.
    path: std::borrow::Cow<'a, str>,
    /// The same path made safe to print.
    display: &'a str,
    title: &'a str,
    date: Option<String>,
    score: u32,
    snippet: &'a str,
    /// The match in `snippet`, in characters (Unicode scalar values), end excluded; equal
    /// when the snippet is context only (the post matched by its title or tags).
    match_start: usize,
    match_end: usize,
}

pub fn run(args: &SearchArgs, library: &Library, out: &mut impl Write) -> Result<Outcome, Error> {
    let scope = Scope {
        drafts: args.drafts,
    };
    let hits = search::search(library.posts(), library.source(), &args.query, scope, None)
        .unwrap_or_default();
    if args.json {
        write_json(library, &hits, out)?;
    } else {
        let marked = std::io::IsTerminal::is_terminal(&std::io::stdout());
        write_text(library, &hits, marked, out)?;
    }
    out.flush()?;
    Ok(if hits.is_empty() {
        Outcome::NothingFound
    } else {
        Outcome::Success
    })
}

fn write_json(library: &Library, hits: &[Hit], out: &mut impl Write) -> io::Result<()> {
    let entries: Vec<Entry<'_>> = hits
        .iter()
        .map(|hit| {
            let post = &library.posts()[hit.post];
            Entry {
                path: post.file.to_string_lossy(),
                display: &post.path,
                title: &post.title,
                date: post.date.map(|d| d.iso()),
                score: hit.score,
                snippet: &hit.snippet.text,
                match_start: hit.snippet.marked.start,
                match_end: hit.snippet.marked.end,
            }
        })
        .collect();
    serde_json::to_writer_pretty(&mut *out, &entries)?;
    writeln!(out)
}

/// Two lines a result: date, title and path; then the snippet, indented, the match in reverse
/// video on a terminal.
fn write_text(
    library: &Library,
    hits: &[Hit],
    marked: bool,
    out: &mut impl Write,
) -> io::Result<()> {
    for hit in hits {
        let post = &library.posts()[hit.post];
        let date = post
            .date
            .map_or_else(|| "undated".to_string(), |d| d.date().to_string());
        writeln!(out, "{date:<10}  {}  {}", post.title, post.path)?;
        let (before, matched, after) = hit.snippet.parts();
        if hit.snippet.text.is_empty() {
            continue;
        }
        if marked && !matched.is_empty() {
            writeln!(out, "    {before}{MARK_ON}{matched}{MARK_OFF}{after}")?;
        } else {
            writeln!(out, "    {before}{matched}{after}")?;
        }
    }
    Ok(())
}
