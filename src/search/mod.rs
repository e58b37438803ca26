//! Full-text search over every post: title, tags, description and the markdown body.
//!
//! A scan: each post's body is searched with one compiled pattern, on every core. No index of
//! words: over texts in memory the scan of a 10,000-post blog already answers within the
//! target (see `benches/search.rs` and the README); what did cost was reading the files, so
//! [`Corpus`] keeps the texts between searches and checks them against the disk.
//!
//! Ranking, strongest first: a hit in the title, then in a heading, then in the tags or
//! description, then in the body; within each, the whole phrase above its words apart, whole
//! words above fragments of longer ones. Ties keep the library's order (newest first).

mod corpus;
mod pattern;
pub mod snippet;

use std::ops::Range;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::content::{Post, Source};
pub use corpus::Corpus;
pub use pattern::Pattern;
use pattern::{Strength, phrase_strength, word_strength};
pub use snippet::Snippet;

/// Weights of where a hit is; each is above the most the fields below it can add up to.
const TITLE: u32 = 1_000;
const HEADING: u32 = 100;
const LABEL: u32 = 40;
const BODY: u32 = 1;

/// Body occurrences counted towards the rank: past this, more of them say little.
const COUNTED: u32 = 8;

/// A post that matched, and how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// The post's position in the library.
    pub post: usize,
    pub score: u32,
    pub snippet: Snippet,
    /// What to look for in the open post so that its first match is this hit's: the phrase
    /// when the body has it, else the first of its words the body has.
    pub find: String,
}

/// Which posts to look in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Scope {
    pub drafts: bool,
}

/// What to look for, where, and how many results to make snippets for.
#[derive(Debug, Clone, Copy)]
pub struct Request<'a> {
    pub query: &'a str,
    pub scope: Scope,
    pub limit: usize,
    /// Lets the caller stop the search: see [`Ticket`].
    pub ticket: Option<Ticket<'a>>,
}

/// A search the caller may give up on: it is stale once `latest` moves past `generation`.
#[derive(Debug, Clone, Copy)]
pub struct Ticket<'a> {
    pub latest: &'a AtomicU64,
    pub generation: u64,
}

impl Ticket<'_> {
    fn stale(&self) -> bool {
        self.latest.load(Ordering::Relaxed) != self.generation
    }
}

/// What a search found: the best hits, and how many posts matched in all.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Found {
    pub hits: Vec<Hit>,
    pub total: usize,
}

/// One search with nothing kept, as `folio search` does: see [`Corpus::search`].
pub fn search(
    posts: &[Post],
    source: &Source,
    query: &str,
    scope: Scope,
    ticket: Option<Ticket<'_>>,
) -> Option<Vec<Hit>> {
    let request = Request {
        query,
        scope,
        limit: usize::MAX,
        ticket,
    };
    Corpus::default()
        .search(posts, source, request, 0)
        .map(|found| found.hits)
}

/// A post that matched, ranked but not yet given its snippet: only the best few shown need
/// one, and making a snippet for each of thousands of hits was most of a common word's search.
#[derive(Debug, Clone)]
struct Ranked {
    post: usize,
    score: u32,
    first: Option<First>,
}

/// Where the body first holds the query (in prose if it can): the phrase, or the `word`th
/// word alone.
#[derive(Debug, Clone)]
struct First {
    range: Range<usize>,
    word: Option<usize>,
    heading: bool,
}

/// The rank of one post, if it holds every word of the query.
fn rank(at: usize, post: &Post, body: &str, pattern: &Pattern) -> Option<Ranked> {
    let labels = post.meta.labels().join(" ");
    let description = post.meta.description.as_deref().unwrap_or("");
    let in_body = BodyHits::find(body, pattern);
    if in_body.first.is_none() && !pattern.all_words_in(&[&post.title, &labels, description]) {
        return None;
    }
    if in_body.first.is_some()
        && !in_body.phrase
        && !pattern.all_words_in(&[&post.title, &labels, description, body])
    {
        return None;
    }
    let weigh = |strength: Option<Strength>, weight: u32| strength.map_or(0, |s| s as u32 * weight);
    let score = weigh(pattern.strength_in(&post.title), TITLE)
        + weigh(in_body.heading, HEADING)
        + weigh(pattern.strength_in(&labels), LABEL)
        + weigh(pattern.strength_in(description), LABEL)
        + weigh(in_body.prose, BODY)
        + in_body.count.min(COUNTED);
    Some(Ranked {
        post: at,
        score,
        first: in_body.first,
    })
}

/// The hit a ranked post shows: its snippet, and what to look for in it when opened.
fn hit(ranked: Ranked, post: &Post, body: &str, pattern: &Pattern) -> Hit {
    let (snippet, find) = match ranked.first {
        Some(First { range, word, .. }) => {
            let find = match word {
                Some(i) => pattern.word(i),
                None => &pattern.phrase_text,
            };
            (snippet::around(body, range), find.to_string())
        }
        None => {
            let description = post.meta.description.as_deref().unwrap_or("");
            let snippet = pattern
                .phrases(description)
                .next()
                .map_or_else(|| snippet::lead(body), |r| snippet::around(description, r));
            (snippet, pattern.phrase_text.clone())
        }
    };
    Hit {
        post: ranked.post,
        score: ranked.score,
        snippet,
        find,
    }
}

/// What a body holds of the query: its best hit in a heading and in prose, how many times,
/// and where first.
#[derive(Debug, Default)]
struct BodyHits {
    heading: Option<Strength>,
    prose: Option<Strength>,
    count: u32,
    /// Whether the phrase itself is there (else only some of its words).
    phrase: bool,
    first: Option<First>,
}

impl BodyHits {
    fn find(body: &str, pattern: &Pattern) -> BodyHits {
        let mut hits = BodyHits::default();
        for range in pattern.phrases(body).take(COUNTED as usize) {
            hits.note(body, range, phrase_strength, None);
        }
        hits.phrase = hits.first.is_some();
        if !hits.phrase {
            for i in 0..pattern.word_count() {
                for range in pattern.word_matches(i, body).take(COUNTED as usize) {
                    hits.note(body, range, word_strength, Some(i));
                }
            }
        }
        hits
    }

    fn note(
        &mut self,
        body: &str,
        range: Range<usize>,
        strength: fn(&str, Range<usize>) -> Strength,
        word: Option<usize>,
    ) {
        let strength = Some(strength(body, range.clone()));
        let heading = is_heading(body, range.start);
        let place = if heading {
            &mut self.heading
        } else {
            &mut self.prose
        };
        *place = (*place).max(strength);
        self.count += 1;
        // The snippet shows prose when there is some: a heading often repeats the title.
        let better = match &self.first {
            None => true,
            Some(first) => (heading, range.start) < (first.heading, first.range.start),
        };
        if better {
            self.first = Some(First {
                range,
                word,
                heading,
            });
        }
    }
}

/// Whether the line holding byte `at` is an ATX heading (`# …`).
fn is_heading(body: &str, at: usize) -> bool {
    let start = memchr::memrchr(b'\n', &body.as_bytes()[..at]).map_or(0, |n| n + 1);
    let line = &body[start..];
    let indent = line.len() - line.trim_start_matches(' ').len();
    indent < 4 && line[indent..].starts_with('#')
}

#[cfg(test)]
mod tests;
