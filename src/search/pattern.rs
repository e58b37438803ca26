//! What a query looks for: the whole query as a phrase, and each of its words. Smart case as
//! in the reader's own search: a query in lower case ignores case, a capital makes it exact.
//!
//! Built on `regex` with the query escaped: its literal prefilters (memchr, Teddy over the case
//! variants) make one pass over a body about as fast as `memmem`, and it folds case by
//! Unicode's rules, which a byte search of our own would not.

use std::ops::Range;

use regex::{Regex, RegexBuilder};

/// A query ready to run over many posts.
#[derive(Debug, Clone)]
pub struct Pattern {
    /// The words joined by single spaces: what the reader's in-post search is given.
    pub phrase_text: String,
    /// The words in a row, with any whitespace (a line break too) between them.
    phrase: Regex,
    /// Each word on its own; empty for a one-word query, whose phrase is its word.
    words: Vec<Regex>,
}

/// How well a piece of text holds the query: the phrase above its words apart, whole words
/// above fragments of longer ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Strength {
    WordFragment = 1,
    WholeWord = 2,
    PhraseFragment = 3,
    WholePhrase = 6,
}

impl Pattern {
    /// `None` for a query with nothing to look for, or one too long to compile (thousands of
    /// characters), which no one types.
    pub fn new(query: &str) -> Option<Pattern> {
        let words: Vec<&str> = query.split_whitespace().collect();
        if words.is_empty() {
            return None;
        }
        let exact = query.chars().any(char::is_uppercase);
        let build = |source: &str| {
            RegexBuilder::new(source)
                .case_insensitive(!exact)
                .build()
                .ok()
        };
        let escaped: Vec<String> = words.iter().map(|w| regex::escape(w)).collect();
        let phrase = build(&escaped.join(r"\s+"))?;
        let word_patterns = if words.len() > 1 {
            escaped
                .iter()
                .map(|source| build(source))
                .collect::<Option<_>>()?
        } else {
            Vec::new()
        };
        Some(Pattern {
            phrase_text: words.join(" "),
            phrase,
            words: word_patterns,
        })
    }

    /// Where the phrase occurs in `text`.
    pub fn phrases<'a>(&'a self, text: &'a str) -> impl Iterator<Item = Range<usize>> + 'a {
        self.phrase.find_iter(text).map(|m| m.range())
    }

    /// How many separate words the query has beyond its phrase (none for one word).
    pub fn word_count(&self) -> usize {
        self.words.len()
    }

    /// The query's `i`th word as typed.
    pub fn word(&self, i: usize) -> &str {
        self.phrase_text.split(' ').nth(i).unwrap_or_default()
    }

    /// Where the query's `i`th word occurs in `text`.
    pub fn word_matches<'a>(
        &'a self,
        i: usize,
        text: &'a str,
    ) -> impl Iterator<Item = Range<usize>> + 'a {
        self.words[i].find_iter(text).map(|m| m.range())
    }

    /// Whether every word of the query is somewhere in one of `texts`.
    pub fn all_words_in(&self, texts: &[&str]) -> bool {
        if self.words.is_empty() {
            return texts.iter().any(|t| self.phrase.is_match(t));
        }
        self.words
            .iter()
            .all(|regex| texts.iter().any(|t| regex.is_match(t)))
    }

    /// The best strength of the query in a short text such as a title (no count kept).
    pub fn strength_in(&self, text: &str) -> Option<Strength> {
        if let Some(best) = self
            .phrases(text)
            .map(|range| phrase_strength(text, range))
            .max()
        {
            return Some(best);
        }
        self.words
            .iter()
            .filter_map(|regex| {
                regex
                    .find_iter(text)
                    .map(|m| word_strength(text, m.range()))
                    .max()
            })
            .max()
    }
}

/// The strength of a phrase found at `range`.
pub fn phrase_strength(text: &str, range: Range<usize>) -> Strength {
    if is_whole_word(text, range) {
        Strength::WholePhrase
    } else {
        Strength::PhraseFragment
    }
}

/// The strength of one word found at `range`.
pub fn word_strength(text: &str, range: Range<usize>) -> Strength {
    if is_whole_word(text, range) {
        Strength::WholeWord
    } else {
        Strength::WordFragment
    }
}

/// True when `range` of `text` is not part of a longer word on either side.
pub fn is_whole_word(text: &str, range: Range<usize>) -> bool {
    let before = text.get(..range.start).and_then(|t| t.chars().next_back());
    let after = text.get(range.end..).and_then(|t| t.chars().next());
    !before.is_some_and(is_word_char) && !after.is_some_and(is_word_char)
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lower_case_ignores_case_and_a_capital_makes_it_exact() {
        let lower = Pattern::new("rust").unwrap();
        assert_eq!(lower.phrases("Rust and RUST").count(), 2);
        let exact = Pattern::new("Rust").unwrap();
        assert_eq!(exact.phrases("Rust and RUST and rust").count(), 1);
    }

    #[test]
    fn case_folds_beyond_ascii() {
        let pattern = Pattern::new("straße über").unwrap();
        assert_eq!(
            pattern
                .phrases("STRASSE ÜBER, Straße Über")
                .collect::<Vec<_>>(),
            vec![15..28],
            "simple case folding: ß is not SS, Ü is ü"
        );
    }

    #[test]
    fn a_phrase_matches_across_a_line_break_and_other_spacing() {
        let pattern = Pattern::new("borrow  checker").unwrap();
        assert_eq!(pattern.phrase_text, "borrow checker");
        assert_eq!(pattern.phrases("the borrow\nchecker").count(), 1);
    }

    #[test]
    fn query_characters_are_literal() {
        let pattern = Pattern::new("a.b (c)*").unwrap();
        assert_eq!(pattern.phrases("axb (c)").count(), 0);
        assert_eq!(pattern.phrases("a.b (c)*").count(), 1);
    }

    #[test]
    fn whole_words_and_phrases_are_stronger_than_fragments() {
        let pattern = Pattern::new("cache").unwrap();
        assert_eq!(
            pattern.strength_in("the cache"),
            Some(Strength::WholePhrase)
        );
        assert_eq!(
            pattern.strength_in("caches"),
            Some(Strength::PhraseFragment)
        );
        let two = Pattern::new("fast cache").unwrap();
        assert_eq!(
            two.strength_in("a cache that is fast"),
            Some(Strength::WholeWord)
        );
        assert_eq!(
            two.strength_in("caches fasten"),
            Some(Strength::WordFragment)
        );
        assert_eq!(two.strength_in("nothing"), None);
        assert!(Strength::WordFragment < Strength::WholeWord);
        assert!(Strength::WholeWord < Strength::PhraseFragment);
    }

    #[test]
    fn every_word_must_be_somewhere() {
        let pattern = Pattern::new("fast cache").unwrap();
        assert!(pattern.all_words_in(&["Fast", "a cache"]));
        assert!(!pattern.all_words_in(&["Fast", "a store"]));
    }

    #[test]
    fn whole_word_checks_do_not_split_characters() {
        assert!(is_whole_word("é cache é", 3..8));
        assert!(!is_whole_word("écache", 2..7));
        assert!(Pattern::new("   ").is_none());
    }
}
