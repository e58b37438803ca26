//! `folio list`: the index as aligned text for people or JSON for scripts.

use std::borrow::Cow;
use std::io::{self, Write};

use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use crate::config::format_date;
use crate::render::wrap::fit;

use crate::content::{Post, PostDate, Problem, Skipped};

/// Titles longer than this are cut in the text listing, to keep the columns readable.
const MAX_TITLE_COLUMNS: usize = 56;

/// One post as `folio list --json` prints it.
#[derive(Debug, Serialize)]
pub struct Entry<'a> {
    /// The file's path below the content root, exactly (JSON carries any character). A name
    /// that is not UTF-8 can't be; its bad bytes are then `�` and a problem says so.
    pub path: Cow<'a, str>,
    /// The same path made safe to print on a terminal.
    pub display: &'a str,
    pub title: &'a str,
    #[serde(serialize_with = "iso_date")]
    pub date: Option<PostDate>,
    pub draft: bool,
    pub tags: &'a [String],
    pub categories: &'a [String],
    pub authors: &'a [String],
    pub description: Option<&'a str>,
    pub words: usize,
    pub reading_minutes: usize,
    pub problems: &'a [Problem],
}

impl<'a> From<&'a Post> for Entry<'a> {
    fn from(post: &'a Post) -> Self {
        Entry {
            path: post.file.to_string_lossy(),
            display: &post.path,
            title: &post.title,
            date: post.date,
            draft: post.meta.draft,
            tags: &post.meta.tags,
            categories: &post.meta.categories,
            authors: &post.meta.authors,
            description: post.meta.description.as_deref(),
            words: post.words,
            reading_minutes: post.reading_minutes(),
            problems: &post.problems,
        }
    }
}

/// Written one entry at a time: at 100,000 posts, a whole array of entries built first (and a
/// date string for each) was a fifth of the listing's time.
pub fn write_json(posts: &[&Post], out: &mut impl Write) -> io::Result<()> {
    let mut json = serde_json::Serializer::pretty(&mut *out);
    serde::Serializer::collect_seq(&mut json, posts.iter().map(|post| Entry::from(*post)))?;
    writeln!(out)
}

/// A date as ISO 8601, as written ([`PostDate::iso`]), straight into the output.
fn iso_date<S: serde::Serializer>(date: &Option<PostDate>, json: S) -> Result<S::Ok, S::Error> {
    match date {
        Some(date) => json.collect_str(date),
        None => json.serialize_none(),
    }
}

/// One line a post: date (in `date_format`), title, tags, then `draft` and a problem count
/// where they apply.
pub fn write_text(posts: &[&Post], date_format: &str, out: &mut impl Write) -> io::Result<()> {
    let dates: Vec<String> = posts
        .iter()
        .map(|post| {
            post.date.map_or_else(
                || "undated".to_string(),
                |d| format_date(date_format, d.date()),
            )
        })
        .collect();
    let date_columns = dates.iter().map(|d| d.width()).max().unwrap_or(0);
    let title_columns = posts
        .iter()
        .map(|post| post.title.width())
        .max()
        .unwrap_or(0)
        .min(MAX_TITLE_COLUMNS);
    for (post, date) in posts.iter().zip(&dates) {
        let title = fit(&post.title, title_columns);
        let date_padding = date_columns.saturating_sub(date.width());
        let padding = title_columns.saturating_sub(title.width());
        let mut line = format!("{date}{:date_padding$}  {title}{:padding$}", "", "");
        let tags = post.meta.tags.join(", ");
        for note in [
            tags,
            if post.meta.draft {
                "draft".to_string()
            } else {
                String::new()
            },
            problem_note(&post.problems),
        ] {
            if !note.is_empty() {
                line.push_str("  ");
                line.push_str(&note);
            }
        }
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}

fn problem_note(problems: &[Problem]) -> String {
    match problems.len() {
        0 => String::new(),
        1 => "! 1 problem".to_string(),
        n => format!("! {n} problems"),
    }
}

/// Files that looked like posts but were not read, one line each on stderr, so that neither
/// listing's format changes and none goes missing without a word.
pub fn write_skipped(skipped: &[Skipped], err: &mut impl Write) -> io::Result<()> {
    for Skipped { path, problem } in skipped {
        writeln!(err, "folio: {path}: {}", problem.message)?;
    }
    Ok(())
}
