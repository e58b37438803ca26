//! One post: where it is, what its front matter says, what was derived, and what is wrong.
//!
//! Building a post never renders its body: the index of a 10,000-post blog only needs the front
//! matter and a word count, and a huge post must not slow the scan.

use std::path::{Path, PathBuf};

use super::date::{self, PostDate};
use super::front_matter::{self, Split};
use super::meta::{self, Meta};
use super::problem::Problem;
use crate::sanitize;

/// Words read per minute, as Hugo counts reading time.
const WORDS_PER_MINUTE: usize = 213;

const NO_TITLE: &str = "no title in the front matter or a `#` heading";

/// Bytes looked at to tell a binary file from text.
const BINARY_SNIFF_LEN: usize = 8 * 1024;

/// Serialisable for the metadata cache.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Post {
    /// Where the file is, relative to the content root.
    pub file: PathBuf,
    /// The same path for people: `/`-separated and terminal-safe.
    pub path: String,
    /// From the front matter, else the first `#` heading, else the file name.
    pub title: String,
    /// From the front matter, else derived from the file name, a permalink field or the path.
    pub date: Option<PostDate>,
    pub meta: Meta,
    /// Where the markdown body starts in the file: byte offset and 1-based line.
    pub body_offset: usize,
    pub body_line: usize,
    pub words: usize,
    pub problems: Vec<Problem>,
    /// Shown in the index and `folio list`. False for a page of the site that is not a post
    /// (a section page, a headless bundle): links still lead to it and it can be read.
    pub listed: bool,
}

impl Post {
    /// Reads a post from its bytes. `file` is its path relative to the content root. A binary
    /// file is refused with the problem that explains why.
    pub fn from_bytes(file: &Path, bytes: &[u8]) -> Result<Post, Problem> {
        if bytes[..bytes.len().min(BINARY_SNIFF_LEN)].contains(&0) {
            return Err(Problem::error(
                1,
                "binary file with a markdown name; skipped",
            ));
        }
        let mut problems = Vec::new();
        let text = match std::str::from_utf8(bytes) {
            Ok(text) => std::borrow::Cow::Borrowed(text),
            Err(error) => {
                let line = 1 + bytes[..error.valid_up_to()]
                    .iter()
                    .filter(|&&b| b == b'\n')
                    .count();
                problems.push(Problem::error(
                    line,
                    "not valid UTF-8; bad bytes are shown as �",
                ));
                String::from_utf8_lossy(bytes)
            }
        };
        Ok(Self::from_text(file, &text, problems))
    }

    fn from_text(file: &Path, text: &str, mut problems: Vec<Problem>) -> Post {
        let path = display_path(file);
        if file.to_str().is_none() {
            problems.push(Problem::warning(
                1,
                "the file name is not valid UTF-8; its bad bytes are shown as �",
            ));
        }
        let (split, split_problem) = front_matter::split(text);
        let split_ok = split_problem.is_none();
        problems.extend(split_problem);
        let (meta, parsed) = read_meta(&split, &mut problems);
        let listed = !meta.headless && !super::discover::is_section_file(file);
        let title = if split_ok && parsed {
            meta.title
                .clone()
                .or_else(|| first_heading(split.body))
                .unwrap_or_else(|| {
                    if listed {
                        problems.push(Problem::warning(1, NO_TITLE));
                    }
                    readable_file_name(file)
                })
        } else {
            readable_file_name(file)
        };
        let date = meta.date.or_else(|| derived_date(file, &meta));
        let mut meta = meta;
        meta.draft |= file.components().any(|c| c.as_os_str() == "_drafts");
        Post {
            file: file.to_path_buf(),
            path,
            title,
            date,
            meta,
            body_offset: split.body_offset,
            body_line: split.body_line,
            words: count_words(split.body),
            problems,
            listed,
        }
    }

    /// Minutes to read the post, rounded up; zero for an empty post.
    pub fn reading_minutes(&self) -> usize {
        self.words.div_ceil(WORDS_PER_MINUTE)
    }

    /// Keeps the page out of the index and `folio list`: a page of the site that is not a post
    /// needs no title of its own.
    pub fn unlist(&mut self) {
        self.listed = false;
        self.problems.retain(|p| p.message != NO_TITLE);
    }

    pub fn has_errors(&self) -> bool {
        self.problems.iter().any(Problem::is_error)
    }
}

/// The front matter fields of a post's text, for a body that reads them with Hugo's `param`;
/// read when the post is laid out rather than kept for every post of the index. None when
/// the text has no `param` call to read them or no front matter that parses.
pub fn params(text: &str) -> Option<front_matter::Fields> {
    if !text.contains("param") {
        return None;
    }
    let (split, _) = front_matter::split(text);
    let (format, raw) = split.front_matter?;
    front_matter::parse(format, raw, split.front_matter_line).ok()
}

/// Parses the front matter into [`Meta`]; the flag is false when it couldn't be parsed.
fn read_meta(split: &Split<'_>, problems: &mut Vec<Problem>) -> (Meta, bool) {
    let Some((format, raw)) = split.front_matter else {
        return (Meta::default(), true);
    };
    match front_matter::parse(format, raw, split.front_matter_line) {
        Ok(fields) => {
            let (meta, field_problems) = meta::read(&fields, raw, split.front_matter_line);
            problems.extend(field_problems);
            (meta, true)
        }
        Err(problem) => {
            problems.push(problem);
            (Meta::default(), false)
        }
    }
}

/// No date in the front matter: Jekyll's `YYYY-MM-DD-` file name, a date in a `path`, `url`
/// or `slug` field, or one in the file's path (where Zola and Hugo permalinks put it).
fn derived_date(file: &Path, meta: &Meta) -> Option<PostDate> {
    let name = file.file_name()?.to_string_lossy();
    date::from_file_name(&name)
        .or_else(|| meta.permalink.as_deref().and_then(date::from_path_like))
        .or_else(|| meta.slug.as_deref().and_then(date::from_path_like))
        .or_else(|| date::from_path_like(&file.to_string_lossy().replace('\\', "/")))
}

/// The text of the first level-1 ATX heading outside code fences.
fn first_heading(body: &str) -> Option<String> {
    let mut fence: Option<&str> = None;
    for line in body.lines() {
        let trimmed = line.trim_start();
        if let Some(open) = fence {
            if trimmed.starts_with(open) {
                fence = None;
            }
            continue;
        }
        if trimmed.starts_with("```") {
            fence = Some("```");
        } else if trimmed.starts_with("~~~") {
            fence = Some("~~~");
        } else if let Some(heading) = line.strip_prefix("# ") {
            let text = heading.trim().trim_end_matches('#').trim();
            // A heading with a template call shows what the body shows for it.
            let text = if text.contains("{{") || text.contains("{%") {
                std::borrow::Cow::Owned(crate::markdown::line_text(&sanitize::line(text)))
            } else {
                sanitize::line(text)
            };
            if !text.is_empty() {
                return Some(text.into_owned());
            }
        }
    }
    None
}

/// `2024-03-01-my-first-post.md` → "My First Post"; a bundle's `index.md` takes its folder's
/// name. Words are capitalised as Jekyll does when it makes a title from a slug.
fn readable_file_name(file: &Path) -> String {
    let stem = file
        .file_stem()
        .map(|s| s.to_string_lossy())
        .unwrap_or_default();
    let stem = if matches!(stem.as_ref(), "index" | "_index") {
        file.parent()
            .and_then(Path::file_name)
            .map(|s| s.to_string_lossy())
            .unwrap_or(stem)
    } else {
        stem
    };
    let undated = match date::from_file_name(&stem) {
        Some(_) => &stem[11..],
        None => &stem[..],
    };
    let words: Vec<String> = undated
        .split(['-', '_', ' '])
        .filter(|w| !w.is_empty())
        .map(|word| {
            let mut chars = word.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_uppercase().chain(chars).collect()
            })
        })
        .collect();
    let title = if words.is_empty() {
        stem.to_string()
    } else {
        words.join(" ")
    };
    sanitize::line(&title).into_owned()
}

/// The file's path for people: forward slashes, lossy UTF-8, terminal-safe, on one line.
pub fn display_path(file: &Path) -> String {
    let text = file.to_string_lossy().replace('\\', "/");
    sanitize::path(&text).into_owned()
}

/// Words in the markdown body. Runs of symbols (`#`, `-`, `|`) are not words; each CJK
/// character is, as Hugo counts them.
///
/// This runs over every byte of every post when a blog is opened, so ASCII is taken 64 bytes at
/// a time and only other characters are decoded one by one.
fn count_words(body: &str) -> usize {
    let bytes = body.as_bytes();
    let mut counter = WordCounter::default();
    let mut i = 0;
    while i < bytes.len() {
        if let Some(block) = bytes.get(i..i + BLOCK)
            && block.is_ascii()
        {
            counter.ascii_block(block);
            i += BLOCK;
            continue;
        }
        let end = (i + BLOCK).min(bytes.len());
        let ascii = bytes[i..end]
            .iter()
            .position(|b| !b.is_ascii())
            .unwrap_or(end - i);
        bytes[i..i + ascii]
            .iter()
            .for_each(|&b| counter.char(char::from(b)));
        i += ascii;
        if let Some(c) = body[i..].chars().next().filter(|c| !c.is_ascii()) {
            counter.char(c);
            i += c.len_utf8();
        }
    }
    counter.words + counter.token_has_word as usize
}

/// Bytes of ASCII classified at once: one bit each in a `u64`.
const BLOCK: usize = 64;

/// Words counted so far, and whether the token being read has a letter or digit (0 or 1).
#[derive(Default)]
struct WordCounter {
    words: usize,
    token_has_word: u64,
}

impl WordCounter {
    fn char(&mut self, c: char) {
        if c.is_whitespace() {
            self.words += self.token_has_word as usize;
            self.token_has_word = 0;
        } else if is_cjk(c) {
            self.words += 1;
        } else if c.is_alphanumeric() {
            self.token_has_word = 1;
        }
    }

    /// 64 ASCII bytes without a branch per byte. Adding the letter-and-digit bits to the
    /// not-space bits sends a carry along each token that had a letter or digit; the carry
    /// stops on the space that ends the token, so the spaces it reaches are the words.
    fn ascii_block(&mut self, block: &[u8]) {
        let (mut space, mut word) = (0u64, 0u64);
        for (k, lanes) in block.chunks_exact(8).enumerate() {
            let x = u64::from_le_bytes(lanes.try_into().unwrap_or_default());
            let s = in_range(x, b' ', b' ') | in_range(x, b'\t', b'\r');
            let w = in_range(x, b'0', b'9') | in_range(x | lanes_of(0x20), b'a', b'z');
            space |= pack(s) << (8 * k);
            word |= pack(w) << (8 * k);
        }
        let (sum, carry) = (!space).overflowing_add(word);
        let (sum, carry_in) = sum.overflowing_add(self.token_has_word);
        self.words += (sum & space).count_ones() as usize;
        self.token_has_word = u64::from(carry || carry_in);
    }
}

/// `byte` in each of the eight lanes of a `u64`.
const fn lanes_of(byte: u8) -> u64 {
    u64::from_ne_bytes([byte; 8])
}

/// The top bit of each lane of `x` (eight ASCII bytes) set where the byte is in `low..=high`.
fn in_range(x: u64, low: u8, high: u8) -> u64 {
    let at_least_low = x + lanes_of(0x80 - low);
    let above_high = x + lanes_of(0x7F - high);
    at_least_low & !above_high & lanes_of(0x80)
}

/// The top bits of the eight lanes gathered into the low eight bits, lane 0 lowest.
fn pack(top_bits: u64) -> u64 {
    ((top_bits >> 7).wrapping_mul(0x0102_0408_1020_4080)) >> 56
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF     // Hiragana, Katakana
        | 0x3400..=0x4DBF   // CJK Extension A
        | 0x4E00..=0x9FFF   // CJK Unified Ideographs
        | 0xAC00..=0xD7AF   // Hangul syllables
        | 0xF900..=0xFAFF   // CJK compatibility ideographs
        | 0x20000..=0x2FA1F)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn post(file: &str, text: &str) -> Post {
        Post::from_bytes(Path::new(file), text.as_bytes()).unwrap()
    }

    #[test]
    fn title_and_date_from_front_matter() {
        let p = post(
            "posts/a.md",
            "---\ntitle: A\ndate: 2025-01-02\n---\nOne two three.\n",
        );
        assert_eq!(
            (p.title.as_str(), p.date.unwrap().iso()),
            ("A", "2025-01-02".to_string())
        );
        assert_eq!((p.words, p.reading_minutes(), p.body_line), (3, 1, 5));
        assert!(p.problems.is_empty());
    }

    #[test]
    fn title_from_a_heading_with_a_template_shows_its_hint() {
        let p = post("x.md", "# Hello {{ site.title }} {{< ref \"a.md\" >}}\n");
        assert_eq!(p.title, "Hello site.title a.md");
    }

    #[test]
    fn title_from_first_heading_outside_code() {
        let p = post(
            "x.md",
            "```\n# not this\n```\n\n# The Real One #\n\n# later\n",
        );
        assert_eq!(p.title, "The Real One");
        assert!(p.problems.is_empty(), "{:?}", p.problems);
    }

    #[test]
    fn title_from_file_name_with_warning() {
        let p = post("_posts/2024-03-01-my-first-post.markdown", "just text\n");
        assert_eq!(p.title, "My First Post");
        assert_eq!(p.date.unwrap().iso(), "2024-03-01");
        assert_eq!(p.problems.len(), 1);
        assert!(p.problems[0].message.contains("no title"));
        assert_eq!(post("blog/2025/deep-dive/index.md", "").title, "Deep Dive");
    }

    #[test]
    fn derived_dates_in_order_of_preference() {
        let zola = post(
            "blog/zola.md",
            "+++\ntitle = \"Z\"\npath = \"2023/04/05/zola\"\n+++\n",
        );
        assert_eq!(zola.date.unwrap().iso(), "2023-04-05");
        let slug = post("blog/s.md", "---\ntitle: S\nslug: 2022-01-09-hello\n---\n");
        assert_eq!(slug.date.unwrap().iso(), "2022-01-09");
        let in_path = post("2021/06/07/index.md", "---\ntitle: P\n---\n");
        assert_eq!(in_path.date.unwrap().iso(), "2021-06-07");
        let bundle = post("blog/2025/slug/index.md", "---\ntitle: B\n---\n");
        assert_eq!(bundle.date, None, "a year alone is not a date");
        let written = post("2020-01-01-x.md", "---\ntitle: W\ndate: 2024-05-05\n---\n");
        assert_eq!(written.date.unwrap().iso(), "2024-05-05");
    }

    #[test]
    fn broken_front_matter_lists_with_file_name_and_error() {
        let p = post(
            "posts/broken-yaml.md",
            "---\ntitle: [oops\n---\n# Heading\n",
        );
        assert_eq!(p.title, "Broken Yaml");
        assert!(p.has_errors());
        assert_eq!(p.problems.len(), 1, "{:?}", p.problems);
        let cut = post("posts/cut-off.md", "---\ntitle: never closed\n");
        assert_eq!(cut.title, "Cut Off");
        assert!(cut.has_errors());
    }

    #[test]
    fn not_utf8_is_decoded_lossily_with_an_error() {
        let p = Post::from_bytes(Path::new("l.md"), b"---\ntitle: caf\xe9\n---\nok\n").unwrap();
        assert_eq!(p.title, "caf\u{FFFD}");
        assert_eq!(p.problems[0].line, 2);
        assert!(p.has_errors());
    }

    #[test]
    fn binary_is_refused() {
        let problem = Post::from_bytes(Path::new("b.md"), b"\x89PNG\r\n\x1a\n\0\0\0").unwrap_err();
        assert!(problem.message.contains("binary"));
    }

    #[test]
    fn drafts_from_flag_and_jekyll_folder() {
        assert!(post("a.md", "---\ntitle: a\ndraft: true\n---\n").meta.draft);
        assert!(post("_drafts/idea.md", "# Idea\n").meta.draft);
    }

    #[test]
    fn cjk_characters_count_as_words() {
        assert_eq!(count_words("東京の 朝 -- hello, world ##"), 6);
    }

    #[test]
    fn word_count_agrees_with_counting_token_by_token() {
        fn by_token(body: &str) -> usize {
            body.split_whitespace()
                .map(|token| {
                    let cjk = token.chars().filter(|&c| is_cjk(c)).count();
                    let other = token.chars().any(|c| c.is_alphanumeric() && !is_cjk(c));
                    cjk + usize::from(other)
                })
                .sum()
        }
        let pieces = [
            "word",
            " ",
            "\n",
            "\t",
            "##",
            "-",
            "a1",
            "| --- |",
            "é",
            "東京",
            "\u{3000}",
            "x",
            "`code()`",
            "  ",
            "\u{a0}",
            "[link](https://example.com)",
            "🦀",
            "\x0b",
            "Zz9",
        ];
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        for length in [0, 1, 5, 63, 64, 65, 127, 128, 200, 1000] {
            for _ in 0..50 {
                let mut body = String::new();
                while body.len() < length {
                    seed ^= seed << 13;
                    seed ^= seed >> 7;
                    seed ^= seed << 17;
                    body.push_str(pieces[(seed % pieces.len() as u64) as usize]);
                }
                assert_eq!(count_words(&body), by_token(&body), "{body:?}");
            }
        }
    }

    #[test]
    fn words_split_at_every_kind_of_space() {
        assert_eq!(count_words(""), 0);
        assert_eq!(count_words("  one\ttwo\r\nthree\x0bfour\x0cfive "), 5);
        assert_eq!(count_words("non\u{a0}breaking\u{3000}wide\u{2003}em"), 4);
        assert_eq!(count_words("café naïve — über"), 3);
        assert_eq!(
            count_words("a東b"),
            2,
            "one token with letters and one CJK character"
        );
        assert_eq!(
            count_words("`code()` **bold** [link](https://x.y) | --- |"),
            3
        );
    }

    #[test]
    fn hostile_paths_are_made_safe() {
        let p = post("evil\x1b[2J.md", "# t\n");
        assert_eq!(p.path, "evil␛[2J.md");
    }
}
