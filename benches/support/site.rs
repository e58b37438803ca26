//! A generated Hugo site to measure the scan on: page bundles and section files with the front
//! matter and markdown that real blogs carry, so that `folio list` and `hugo list all` can be
//! timed on the same files.
//!
//! The same number of posts always gives the same bytes (each post is drawn from a generator
//! seeded by its index), so figures from different runs and machines compare. Shared by the
//! `scan` bench and the `generate_site` example through `#[path]`.

use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::Path;

/// What [`write`] put on disk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    pub posts: usize,
    pub drafts: usize,
    /// Bytes of markdown written, front matter included.
    pub bytes: u64,
}

/// Writes a Hugo site with `posts` posts under `root`: `config.toml`, section pages, about
/// seven in ten posts as `content/blog/YYYY/slug/index.md` bundles (some with an image beside
/// them) and the rest as `content/posts/slug.md`.
pub fn write(root: &Path, posts: usize) -> io::Result<Summary> {
    fs::create_dir_all(root.join("content/blog"))?;
    fs::create_dir_all(root.join("content/posts"))?;
    fs::write(root.join("config.toml"), CONFIG)?;
    fs::write(
        root.join("content/blog/_index.md"),
        "---\ntitle: \"Blog\"\n---\n\nLonger pieces, one folder each.\n",
    )?;
    fs::write(
        root.join("content/posts/_index.md"),
        "+++\ntitle = \"Posts\"\n+++\n\nShort notes.\n",
    )?;
    let mut summary = Summary {
        posts,
        drafts: 0,
        bytes: 0,
    };
    for index in 0..posts {
        let post = Post::draw(index);
        let (bundle, cover, draft) = (post.bundle, post.cover, post.draft);
        let place = if bundle {
            format!("content/blog/{}/{}", post.date.year, post.slug)
        } else {
            format!("content/posts/{}.md", post.slug)
        };
        let text = post.text();
        summary.bytes += text.len() as u64;
        summary.drafts += usize::from(draft);
        let file = if bundle {
            let dir = root.join(place);
            fs::create_dir_all(&dir)?;
            if cover {
                fs::write(dir.join("cover.png"), TINY_PNG)?;
            }
            dir.join("index.md")
        } else {
            root.join(place)
        };
        fs::write(file, text)?;
    }
    Ok(summary)
}

const CONFIG: &str = r#"baseURL = "https://example.org/"
languageCode = "en-us"
title = "A Generated Blog"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]

[markup.goldmark.renderer]
unsafe = true

[permalinks]
posts = "/:year/:month/:slug/"
"#;

/// A valid 1×1 PNG, so bundles hold a real image resource beside their `index.md`.
const TINY_PNG: &[u8] = &[
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4,
    0x89, 0x00, 0x00, 0x00, 0x0A, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0x00, 0x01, 0x00, 0x00,
    0x05, 0x00, 0x01, 0x0D, 0x0A, 0x2D, 0xB4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE,
    0x42, 0x60, 0x82,
];

/// SplitMix64: tiny, fast and the same everywhere, which is all a content generator needs.
struct Rng(u64);

impl Rng {
    fn seeded(seed: u64) -> Rng {
        Rng(seed ^ 0x5EED_F011_0B10_6000)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `low..=high`.
    fn range(&mut self, low: usize, high: usize) -> usize {
        low + (self.next() % (high - low + 1) as u64) as usize
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.range(0, items.len() - 1)]
    }
}

#[derive(Debug, Clone, Copy)]
struct Date {
    year: usize,
    month: usize,
    day: usize,
    hour: usize,
    minute: usize,
}

/// How a date is written: the forms Hugo archetypes and hand-written posts use.
#[derive(Debug, Clone, Copy)]
enum DateForm {
    Offset,
    Utc,
    DayOnly,
    Spaced,
}

impl Date {
    fn written(self, form: DateForm) -> String {
        let Date {
            year,
            month,
            day,
            hour,
            minute,
        } = self;
        let day_part = format!("{year:04}-{month:02}-{day:02}");
        match form {
            DateForm::Offset => format!("{day_part}T{hour:02}:{minute:02}:00+02:00"),
            DateForm::Utc => format!("{day_part}T{hour:02}:{minute:02}:00Z"),
            DateForm::DayOnly => day_part,
            DateForm::Spaced => format!("{day_part} {hour:02}:{minute:02}:00"),
        }
    }
}

struct Post {
    index: usize,
    rng: Rng,
    bundle: bool,
    cover: bool,
    toml: bool,
    draft: bool,
    title: String,
    slug: String,
    date: Date,
    date_form: DateForm,
}

impl Post {
    fn draw(index: usize) -> Post {
        let mut rng = Rng::seeded(index as u64);
        let bundle = rng.chance(70);
        let cover = bundle && rng.chance(35);
        let toml = rng.chance(12);
        let draft = rng.chance(4);
        let title = title(&mut rng);
        let slug = format!("{}-{index}", slugify(&title));
        let date = Date {
            year: rng.range(2014, 2025),
            month: rng.range(1, 12),
            day: rng.range(1, 28),
            hour: rng.range(0, 23),
            minute: rng.range(0, 59),
        };
        let date_form = match rng.range(0, 19) {
            0..=8 => DateForm::Offset,
            9..=12 => DateForm::Utc,
            13..=17 => DateForm::DayOnly,
            _ => DateForm::Spaced,
        };
        Post {
            index,
            rng,
            bundle,
            cover,
            toml,
            draft,
            title,
            slug,
            date,
            date_form,
        }
    }

    /// The whole file: front matter, then about 4–6 KB of markdown.
    fn text(mut self) -> String {
        let mut text = if self.toml {
            self.toml_front_matter()
        } else {
            self.yaml_front_matter()
        };
        let target = text.len() + self.rng.range(3_900, 5_900);
        body(&mut self.rng, &mut text, target, self.index);
        text
    }

    fn yaml_front_matter(&mut self) -> String {
        let rng = &mut self.rng;
        let mut fm = String::from("---\n");
        let _ = writeln!(fm, "title: \"{}\"", yaml_escape(&self.title));
        let date_key = if rng.chance(3) { "publishDate" } else { "date" };
        let _ = writeln!(fm, "{date_key}: {}", self.date.written(self.date_form));
        if rng.chance(20) {
            let mut later = self.date;
            later.year = (later.year + 1).min(2025);
            let _ = writeln!(fm, "lastmod: {}", later.written(DateForm::Offset));
        }
        if self.draft {
            fm.push_str("draft: true\n");
        } else if rng.chance(60) {
            fm.push_str("draft: false\n");
        }
        let tags = words_from(rng, TAGS, 1, 5);
        if rng.chance(50) {
            let _ = writeln!(fm, "tags: [{}]", tags.join(", "));
        } else {
            fm.push_str("tags:\n");
            for tag in &tags {
                let _ = writeln!(fm, "  - {tag}");
            }
        }
        let categories = words_from(rng, CATEGORIES, 1, 2);
        let _ = writeln!(fm, "categories: [\"{}\"]", categories.join("\", \""));
        if rng.chance(50) {
            let _ = writeln!(
                fm,
                "description: \"{}\"",
                sentence(rng).trim_end_matches('.')
            );
        }
        if rng.chance(30) {
            let _ = writeln!(fm, "author: \"{}\"", rng.pick(AUTHORS));
        }
        if self.cover {
            fm.push_str("images:\n  - cover.png\n");
        } else if rng.chance(30) {
            let _ = writeln!(fm, "images: [\"/images/{}.jpg\"]", self.slug);
        }
        if rng.chance(15) {
            fm.push_str("toc: true\n");
        }
        if rng.chance(10) {
            let _ = writeln!(fm, "aliases:\n  - /old/{}/", self.slug);
        }
        if rng.chance(8) {
            let _ = writeln!(fm, "series: [\"{}\"]", rng.pick(SERIES));
        }
        fm.push_str("---\n\n");
        fm
    }

    fn toml_front_matter(&mut self) -> String {
        let rng = &mut self.rng;
        let mut fm = String::from("+++\n");
        let _ = writeln!(fm, "title = \"{}\"", yaml_escape(&self.title));
        let date = self.date.written(self.date_form);
        match self.date_form {
            DateForm::Spaced => {
                let _ = writeln!(fm, "date = \"{date}\"");
            }
            _ => {
                let _ = writeln!(fm, "date = {date}");
            }
        }
        let _ = writeln!(fm, "draft = {}", self.draft);
        let tags = words_from(rng, TAGS, 1, 4);
        let _ = writeln!(fm, "tags = [\"{}\"]", tags.join("\", \""));
        let categories = words_from(rng, CATEGORIES, 1, 2);
        let _ = writeln!(fm, "categories = [\"{}\"]", categories.join("\", \""));
        if rng.chance(40) {
            let _ = writeln!(
                fm,
                "description = \"{}\"",
                sentence(rng).trim_end_matches('.')
            );
        }
        if self.cover {
            fm.push_str("images = [\"cover.png\"]\n");
        }
        if rng.chance(30) {
            let _ = writeln!(fm, "\n[params]\nauthor = \"{}\"", rng.pick(AUTHORS));
        }
        fm.push_str("+++\n\n");
        fm
    }
}

/// Appends markdown blocks to `text` until it reaches `target` bytes.
fn body(rng: &mut Rng, text: &mut String, target: usize, index: usize) {
    paragraph(rng, text);
    while text.len() < target {
        match rng.range(0, 19) {
            0..=6 => paragraph(rng, text),
            7..=8 => {
                let level = if rng.chance(70) { "##" } else { "###" };
                let _ = writeln!(text, "{level} {}\n", title(rng));
            }
            9..=10 => list(rng, text),
            11 => ordered_list(rng, text),
            12..=13 => code_block(rng, text),
            14 => {
                let _ = writeln!(text, "> {}\n> {}\n", sentence(rng), sentence(rng));
            }
            15 => {
                let _ = writeln!(
                    text,
                    "<img src=\"/images/diagram-{}.png\" alt=\"{}\" width=\"{}\">\n",
                    rng.range(1, 40),
                    phrase(rng, 3, 6),
                    rng.pick(&["480", "640", "800"]),
                );
            }
            16 => shortcode(rng, text),
            17 => table(rng, text),
            _ => {
                let previous = index.saturating_sub(rng.range(1, 50));
                let _ = writeln!(
                    text,
                    "See also [an earlier post](/posts/post-{previous}/) and the [notes on {}](https://example.com/{}).\n",
                    rng.pick(WORDS),
                    rng.pick(WORDS),
                );
            }
        }
    }
}

fn paragraph(rng: &mut Rng, text: &mut String) {
    let sentences = rng.range(3, 6);
    for i in 0..sentences {
        if i > 0 {
            text.push(' ');
        }
        let styled = rng.chance(25);
        text.push_str(&sentence_styled(rng, styled));
    }
    text.push_str("\n\n");
}

fn list(rng: &mut Rng, text: &mut String) {
    for _ in 0..rng.range(3, 6) {
        let _ = writeln!(text, "- {}", phrase(rng, 3, 10));
        if rng.chance(20) {
            let _ = writeln!(text, "  - {}", phrase(rng, 2, 6));
        }
    }
    text.push('\n');
}

fn ordered_list(rng: &mut Rng, text: &mut String) {
    for n in 1..=rng.range(3, 5) {
        let _ = writeln!(text, "{n}. {}", phrase(rng, 4, 12));
    }
    text.push('\n');
}

fn code_block(rng: &mut Rng, text: &mut String) {
    let (language, lines) = match rng.range(0, 4) {
        0 => (
            "rust",
            &[
                "fn main() {",
                "    let items: Vec<u32> = (1..=10).collect();",
                "    let total: u32 = items.iter().sum();",
                "    println!(\"{total}\");",
                "}",
            ][..],
        ),
        1 => (
            "go",
            &[
                "func handler(w http.ResponseWriter, r *http.Request) {",
                "\tname := r.URL.Query().Get(\"name\")",
                "\tfmt.Fprintf(w, \"hello, %s\\n\", name)",
                "}",
            ][..],
        ),
        2 => (
            "python",
            &[
                "def chunks(items, size):",
                "    for start in range(0, len(items), size):",
                "        yield items[start:start + size]",
            ][..],
        ),
        3 => (
            "bash",
            &[
                "set -euo pipefail",
                "for f in content/**/*.md; do",
                "  wc -w \"$f\"",
                "done | sort -n | tail -5",
            ][..],
        ),
        _ => (
            "toml",
            &[
                "[server]",
                "port = 8080",
                "workers = 4",
                "",
                "[log]",
                "level = \"info\"",
            ][..],
        ),
    };
    let _ = writeln!(text, "```{language}\n{}\n```\n", lines.join("\n"));
}

fn shortcode(rng: &mut Rng, text: &mut String) {
    match rng.range(0, 2) {
        0 => {
            let _ = writeln!(
                text,
                "{{{{< figure src=\"/images/photo-{}.jpg\" caption=\"{}\" >}}}}\n",
                rng.range(1, 99),
                phrase(rng, 3, 7),
            );
        }
        1 => {
            let id: String = (0..11)
                .map(|_| char::from(VIDEO_ID[rng.range(0, VIDEO_ID.len() - 1)]))
                .collect();
            let _ = writeln!(text, "{{{{< youtube {id} >}}}}\n");
        }
        _ => {
            let _ = writeln!(
                text,
                "{{{{< highlight go >}}}}\nfunc add(a, b int) int {{ return a + b }}\n{{{{< /highlight >}}}}\n"
            );
        }
    }
}

fn table(rng: &mut Rng, text: &mut String) {
    text.push_str("| Setting | Default | Notes |\n|:--------|--------:|-------|\n");
    for _ in 0..rng.range(2, 4) {
        let _ = writeln!(
            text,
            "| `{}` | {} | {} |",
            rng.pick(WORDS),
            rng.range(1, 512),
            phrase(rng, 2, 6)
        );
    }
    text.push('\n');
}

/// A title: a few words, sometimes with a subtitle after a colon or an accented word.
fn title(rng: &mut Rng) -> String {
    let mut title = capitalised(&phrase(rng, 2, 6));
    if rng.chance(15) {
        let _ = write!(title, ": {}", phrase(rng, 2, 4));
    }
    if rng.chance(5) {
        let _ = write!(
            title,
            " {}",
            rng.pick(&["café", "naïve", "über", "señor", "東京"])
        );
    }
    title
}

fn sentence(rng: &mut Rng) -> String {
    sentence_styled(rng, false)
}

/// A sentence of 6–16 words; when `styled`, one word after the first is bold, italic, code or
/// a link.
fn sentence_styled(rng: &mut Rng, styled: bool) -> String {
    let count = rng.range(6, 16);
    let mut words: Vec<String> = (0..count).map(|_| rng.pick(WORDS).to_string()).collect();
    if styled {
        let at = rng.range(1, count - 1);
        let word = &words[at];
        words[at] = match rng.range(0, 3) {
            0 => format!("**{word}**"),
            1 => format!("*{word}*"),
            2 => format!("`{word}()`"),
            _ => format!("[{word}](https://example.com/{word})"),
        };
    }
    let mut s = capitalised(&words.join(" "));
    s.push(if rng.chance(8) { '?' } else { '.' });
    s
}

fn phrase(rng: &mut Rng, low: usize, high: usize) -> String {
    let count = rng.range(low, high);
    (0..count)
        .map(|_| rng.pick(WORDS))
        .collect::<Vec<_>>()
        .join(" ")
}

fn words_from<'a>(rng: &mut Rng, pool: &[&'a str], low: usize, high: usize) -> Vec<&'a str> {
    let mut chosen: Vec<&str> = Vec::new();
    for _ in 0..rng.range(low, high) {
        let word = rng.pick(pool);
        if !chosen.contains(&word) {
            chosen.push(word);
        }
    }
    chosen
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn slugify(title: &str) -> String {
    let mut slug = String::new();
    for c in title.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    slug.trim_end_matches('-').to_string()
}

/// Escapes for a double-quoted string, which YAML and TOML write the same way.
fn yaml_escape(text: &str) -> String {
    text.replace('\\', "\\\\").replace('"', "\\\"")
}

/// Characters of a video id, as YouTube writes them.
const VIDEO_ID: &[u8] = b"abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ0123456789-_";

#[rustfmt::skip]
const WORDS: &[&str] = &[
    "the", "a", "of", "to", "and", "in", "that", "it", "with", "for", "on", "as", "we", "was",
    "this", "but", "from", "when", "every", "only", "after", "before", "again", "still", "never",
    "build", "cache", "server", "request", "latency", "memory", "thread", "queue", "index",
    "markdown", "terminal", "keyboard", "editor", "config", "release", "deploy", "rollback",
    "compiler", "test", "bench", "profile", "allocation", "parser", "token", "header", "footer",
    "garden", "kitchen", "bread", "coffee", "morning", "winter", "train", "station", "river",
    "mountain", "notebook", "pencil", "library", "shelf", "letter", "window", "lamp", "desk",
    "quiet", "small", "careful", "slow", "fast", "simple", "honest", "strange", "useful", "broken",
    "patient", "early", "late", "long", "short", "bright", "warm", "cold", "plain", "reads",
    "writes", "waits", "returns", "fails", "starts", "stops", "moves", "keeps", "finds",
    "measures", "changes", "learns", "forgets", "sorts", "splits", "joins", "counts", "opens",
    "closes", "sends", "checks", "misses", "holds", "turns", "walks", "rains", "grows", "habit",
    "week", "year", "hour", "minute", "question", "answer", "reason", "mistake", "lesson", "draft",
    "post", "note", "list", "table", "chapter", "page", "story", "friend",
];

#[rustfmt::skip]
const TAGS: &[&str] = &[
    "rust", "go", "python", "linux", "terminal", "writing", "hugo", "performance", "testing",
    "tools", "travel", "cooking", "books", "music", "photography", "productivity", "web", "css",
    "databases", "networking", "security", "design", "career", "notes",
];

#[rustfmt::skip]
const CATEGORIES: &[&str] = &[
    "Programming", "Life", "Tutorials", "Reviews", "Essays", "Notes",
];

#[rustfmt::skip]
const AUTHORS: &[&str] = &[
    "Ada Lindqvist", "Tomás Ferreira", "Mei Tanaka", "Sam Okafor",
];

#[rustfmt::skip]
const SERIES: &[&str] = &[
    "Building a Reader", "Slow Travel", "Kitchen Notes",
];
