//! Which posts the index lists, in which order: the fuzzy filter, the tag, drafts and the sort
//! applied to every post. That costs in proportion to the blog, so past the first frame it is
//! worked out on the runner's worker ([`RowsJob`]) and comes back as [`Listed`].

use std::collections::BTreeMap;
use std::sync::Arc;

use nucleo_matcher::pattern::{AtomKind, CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};
use unicode_segmentation::UnicodeSegmentation;

use crate::content::{Post, SortOrder};

/// One row of the index: a post and the title characters the filter matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// Position of the post in the library.
    pub post: usize,
    /// Char indices into the title to highlight.
    pub matched: Vec<u32>,
}

/// What the index is asked to list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    /// The fuzzy filter as typed.
    pub filter: String,
    pub tag: Option<String>,
    pub drafts: bool,
    pub sort: SortOrder,
}

/// The rows for a query over the posts of one library generation, to work out off the UI
/// thread.
#[derive(Debug)]
pub struct RowsJob {
    pub posts: Arc<Vec<Post>>,
    pub query: Query,
    /// The library's generation: rows for posts since changed are dropped on arrival.
    pub generation: u64,
    /// Which query this is; only the newest one's rows are shown.
    pub asked: u64,
}

/// The rows a [`RowsJob`] worked out.
#[derive(Debug)]
pub struct Listed {
    pub rows: Vec<Row>,
    /// Some listed post has a date.
    pub dated: bool,
    pub generation: u64,
    pub asked: u64,
}

impl RowsJob {
    pub fn run(self) -> Listed {
        let (rows, dated) = rows(&self.posts, &self.query);
        Listed {
            rows,
            dated,
            generation: self.generation,
            asked: self.asked,
        }
    }
}

/// The rows `query` lists from `posts`, and whether any listed post has a date: best filter
/// match first, else in the sort's order (the library keeps posts newest first).
pub fn rows(posts: &[Post], query: &Query) -> (Vec<Row>, bool) {
    let dated = posts.iter().any(|post| post.listed && post.date.is_some());
    let candidates = (0..posts.len()).filter(|&i| {
        let post = &posts[i];
        post.listed
            && (query.drafts || !post.meta.draft)
            && query
                .tag
                .as_deref()
                .is_none_or(|tag| post.meta.labels().contains(&tag))
    });
    let filtering = !query.filter.trim().is_empty();
    let mut scored: Vec<(u32, Row)> = if filtering {
        let filter = Filter::new(&query.filter);
        let mut matcher = Matcher::new(Config::DEFAULT);
        candidates
            .filter_map(|post| {
                let (score, matched) = filter.score(&posts[post], &mut matcher)?;
                Some((score, Row { post, matched }))
            })
            .collect()
    } else {
        candidates
            .map(|post| {
                let matched = Vec::new();
                (0, Row { post, matched })
            })
            .collect()
    };
    if query.sort == SortOrder::Title {
        scored.sort_by_cached_key(|(_, row)| posts[row.post].title.to_lowercase());
    }
    if filtering {
        scored.sort_by_key(|(score, _)| std::cmp::Reverse(*score));
    }
    let rows = scored.into_iter().map(|(_, row)| row).collect();
    (rows, dated)
}

/// The blog's tags and categories counted, to make off the UI thread for the tag list.
#[derive(Debug)]
pub struct TagsJob {
    pub posts: Arc<Vec<Post>>,
    pub drafts: bool,
    pub generation: u64,
}

/// What a [`TagsJob`] counted: each tag with its number of posts, most used first.
#[derive(Debug)]
pub struct Tagged {
    pub tags: Vec<(String, usize)>,
    pub generation: u64,
}

impl TagsJob {
    pub fn run(self) -> Tagged {
        Tagged {
            tags: tag_counts(&self.posts, self.drafts),
            generation: self.generation,
        }
    }
}

/// Every tag and category of the shown posts (drafts counted only when shown) with its number of
/// posts, most used first.
pub fn tag_counts(posts: &[Post], drafts: bool) -> Vec<(String, usize)> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for post in posts
        .iter()
        .filter(|p| p.listed && (drafts || !p.meta.draft))
    {
        for tag in post.meta.labels() {
            *counts.entry(tag).or_default() += 1;
        }
    }
    let mut tags: Vec<(String, usize)> = counts
        .into_iter()
        .map(|(t, n)| (t.to_string(), n))
        .collect();
    tags.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    tags
}

/// The typed filter: fuzzy over the title and tags, as written in the description.
struct Filter {
    fuzzy: Pattern,
    exact: Pattern,
}

impl Filter {
    fn new(text: &str) -> Filter {
        Filter {
            fuzzy: Pattern::parse(text, CaseMatching::Smart, Normalization::Smart),
            exact: Pattern::new(
                text,
                CaseMatching::Smart,
                Normalization::Smart,
                AtomKind::Substring,
            ),
        }
    }

    /// A post's score and the title characters that matched; `None` when it doesn't match.
    /// Descriptions are long prose where scattered letters match almost anything, so they
    /// count only when they hold the text as typed, and rank below title and tag matches.
    fn score(&self, post: &Post, matcher: &mut Matcher) -> Option<(u32, Vec<u32>)> {
        let mut buffer = Vec::new();
        let mut heading = post.title.clone();
        for tag in &post.meta.tags {
            heading.push(' ');
            heading.push_str(tag);
        }
        let mut matched = Vec::new();
        let haystack = Utf32Str::new(&heading, &mut buffer);
        let by_bytes = matches!(haystack, Utf32Str::Ascii(_));
        if let Some(score) = self.fuzzy.indices(haystack, matcher, &mut matched) {
            matched.sort_unstable();
            matched.dedup();
            return Some((score, title_chars(&post.title, &matched, by_bytes)));
        }
        let description = post.meta.description.as_deref()?;
        let score = self
            .exact
            .score(Utf32Str::new(description, &mut buffer), matcher)?;
        Some((score / 2, Vec::new()))
    }
}

/// The title's char indices of what nucleo matched, a letter's combining marks included.
/// nucleo's indices are not chars: over a string whose graphemes all start with ASCII they are
/// bytes (its `Utf32Str::Ascii` reads the bytes), else graphemes (its `Utf32Str::Unicode`
/// keeps the first char of each).
fn title_chars(title: &str, matched: &[u32], by_bytes: bool) -> Vec<u32> {
    let mut chars = Vec::new();
    let mut at = 0;
    for (number, (byte, grapheme)) in (0..).zip(title.grapheme_indices(true)) {
        let count = grapheme.chars().count() as u32;
        let hit = if by_bytes {
            let bytes = byte as u32..(byte + grapheme.len()) as u32;
            let first = matched.partition_point(|&i| i < bytes.start);
            matched.get(first).is_some_and(|i| bytes.contains(i))
        } else {
            matched.binary_search(&number).is_ok()
        };
        if hit {
            chars.extend(at..at + count);
        }
        at += count;
    }
    chars
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The title's matched chars for `query`, as the filter marks them.
    fn marked(title: &str, query: &str) -> String {
        let filter = Filter::new(query);
        let mut matcher = Matcher::new(Config::DEFAULT);
        let mut buffer = Vec::new();
        let mut matched = Vec::new();
        let haystack = Utf32Str::new(title, &mut buffer);
        let by_bytes = matches!(haystack, Utf32Str::Ascii(_));
        filter
            .fuzzy
            .indices(haystack, &mut matcher, &mut matched)
            .expect("it matches");
        matched.sort_unstable();
        let chars = title_chars(title, &matched, by_bytes);
        title
            .chars()
            .enumerate()
            .filter(|(i, _)| chars.contains(&(*i as u32)))
            .map(|(_, c)| c)
            .collect()
    }

    #[test]
    fn matches_after_combining_marks_land_on_the_right_letters() {
        // "Cafe" with a combining acute accent: five chars, four graphemes.
        assert_eq!(marked("Cafe\u{301} notes", "notes"), "notes");
        assert_eq!(marked("Cafe\u{301} notes", "cafe"), "Cafe\u{301}");
        assert_eq!(marked("plain notes", "notes"), "notes");
        // Graphemes that start with other letters: nucleo counts graphemes then.
        assert_eq!(marked("Ёжи\u{301}к в тумане", "туман"), "туман");
        assert_eq!(marked("Ёжи\u{301}к в тумане", "жик"), "жи\u{301}к");
    }
}
