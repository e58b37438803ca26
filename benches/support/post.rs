//! A generated, realistic long post for benches and tests: prose with inline markup, nested
//! lists, task lists, tables, block quotes and many fenced code blocks in the languages blogs
//! use most. Deterministic, so figures can be compared between runs.
//!
//! Shared by path (`#[path = "support/post.rs"] mod post;`) rather than exported from the
//! library, so this test data never ships in the binary.

#![allow(dead_code)]

use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag, TagEnd};

/// A post of at least `bytes` bytes (a little more: it ends after a whole section).
pub fn post(bytes: usize) -> String {
    let mut out = String::with_capacity(bytes + 8 * 1024);
    out.push_str(
        "---\ntitle: \"Field notes on building a terminal reader\"\ndate: 2024-05-17\n\
         tags: [rust, terminal, performance]\n---\n\n",
    );
    let mut rng = Rng(0x5eed);
    let mut section = 0;
    while out.len() < bytes {
        section += 1;
        write_section(&mut out, section, &mut rng);
    }
    out
}

/// The code blocks of a markdown document, as `(code, fence info)`, in order.
pub fn code_blocks(markdown: &str) -> Vec<(String, Option<String>)> {
    let mut blocks = Vec::new();
    let mut current: Option<(String, Option<String>)> = None;
    for event in Parser::new(markdown) {
        match event {
            Event::Start(Tag::CodeBlock(kind)) => {
                let info = match kind {
                    CodeBlockKind::Fenced(info) if !info.is_empty() => Some(info.into_string()),
                    _ => None,
                };
                current = Some((String::new(), info));
            }
            Event::Text(text) => {
                if let Some((code, _)) = &mut current {
                    code.push_str(&text);
                }
            }
            Event::End(TagEnd::CodeBlock) => blocks.extend(current.take()),
            _ => {}
        }
    }
    blocks
}

/// A small deterministic generator (xorshift), enough to vary the text.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const WORDS: &[&str] = &[
    "the",
    "reader",
    "renders",
    "a",
    "post",
    "into",
    "lines",
    "once",
    "and",
    "then",
    "draws",
    "only",
    "what",
    "fits",
    "on",
    "screen",
    "terminal",
    "width",
    "changes",
    "so",
    "layout",
    "runs",
    "again",
    "for",
    "each",
    "theme",
    "cache",
    "keeps",
    "result",
    "while",
    "scrolling",
    "stays",
    "cheap",
    "markdown",
    "parser",
    "emits",
    "events",
    "that",
    "we",
    "walk",
    "in",
    "order",
    "highlighting",
    "code",
    "costs",
    "most",
    "of",
    "time",
    "because",
    "every",
    "language",
    "compiles",
    "regular",
    "expressions",
    "first",
    "it",
    "is",
    "used",
    "blocks",
    "are",
    "independent",
    "which",
    "makes",
    "them",
    "easy",
    "to",
    "share",
    "between",
    "cores",
    "wide",
    "characters",
    "take",
    "two",
    "columns",
    "hyphenation",
    "is",
    "not",
    "attempted",
];

const LANGUAGES: &[&str] = &[
    "rust",
    "python",
    "js",
    "ts",
    "go",
    "bash",
    "console",
    "yaml",
    "toml",
    "json",
    "sql",
    "c++",
    "diff",
    "html",
    "css",
    "dockerfile",
    "makefile",
    "rust,ignore",
    "text",
];

fn sentence(rng: &mut Rng, out: &mut String) {
    let len = 8 + rng.below(14);
    for i in 0..len {
        let word = rng.pick(WORDS);
        if i == 0 {
            let mut chars = word.chars();
            if let Some(first) = chars.next() {
                out.extend(first.to_uppercase());
                out.push_str(chars.as_str());
            }
            out.push(' ');
            continue;
        }
        match rng.below(40) {
            0 => out.push_str(&format!("*{word}*")),
            1 => out.push_str(&format!("**{word}**")),
            2 => out.push_str(&format!("`{word}()`")),
            3 => out.push_str(&format!(
                "[{word}](https://example.com/{word}/{})",
                rng.below(999)
            )),
            4 => out.push_str(&format!("~~{word}~~")),
            _ => out.push_str(word),
        }
        out.push(if i + 1 == len { '.' } else { ' ' });
    }
}

fn paragraph(rng: &mut Rng, out: &mut String) {
    for i in 0..3 + rng.below(5) {
        if i > 0 {
            out.push(if rng.below(4) == 0 { '\n' } else { ' ' });
        }
        sentence(rng, out);
    }
    out.push_str("\n\n");
}

fn list(rng: &mut Rng, out: &mut String) {
    let ordered = rng.below(2) == 0;
    let start = 1 + rng.below(3);
    for i in 0..3 + rng.below(4) {
        let marker = if ordered {
            format!("{}.", start + i)
        } else {
            "-".into()
        };
        out.push_str(&marker);
        out.push(' ');
        if rng.below(5) == 0 {
            out.push_str(if rng.below(2) == 0 { "[ ] " } else { "[x] " });
        }
        sentence(rng, out);
        out.push('\n');
        if rng.below(3) == 0 {
            let indent = " ".repeat(marker.len() + 1);
            for _ in 0..2 {
                out.push_str(&indent);
                out.push_str("* ");
                sentence(rng, out);
                out.push('\n');
            }
        }
    }
    out.push('\n');
}

fn table(rng: &mut Rng, out: &mut String) {
    out.push_str("| Language | Blocks | Time (ms) | Notes |\n|:---|---:|---:|:---:|\n");
    for _ in 0..4 + rng.below(6) {
        out.push_str(&format!(
            "| `{}` | {} | {}.{} | {} {} |\n",
            rng.pick(LANGUAGES),
            rng.below(200),
            rng.below(90),
            rng.below(10),
            rng.pick(WORDS),
            rng.pick(WORDS),
        ));
    }
    out.push('\n');
}

fn quote(rng: &mut Rng, out: &mut String) {
    let alert = ["", "[!NOTE]\n> ", "[!WARNING]\n> ", "[!TIP]\n> "][rng.below(4)];
    out.push_str("> ");
    out.push_str(alert);
    sentence(rng, out);
    out.push_str("\n> ");
    sentence(rng, out);
    out.push_str("\n\n");
}

fn code(rng: &mut Rng, section: usize, out: &mut String) {
    let lang = rng.pick(LANGUAGES);
    let n = section;
    let body = match lang {
        "rust" | "rust,ignore" => format!(
            "/// Lays out post {n}.\n#[derive(Debug, Clone)]\npub struct Layout{n}<'a> {{\n    \
             lines: Vec<Line<'a>>,\n    width: u16,\n}}\n\nimpl<'a> Layout{n}<'a> {{\n    \
             pub fn new(text: &'a str, width: u16) -> Self {{\n        let lines = text\n            \
             .lines()\n            .map(|l| Line::from(l.trim_end()))\n            .collect();\n        \
             Self {{ lines, width }}\n    }}\n\n    fn height(&self) -> usize {{\n        \
             // one row per line for now\n        self.lines.len().max({n})\n    }}\n}}\n\n\
             fn main() -> Result<(), Box<dyn std::error::Error>> {{\n    let layout = \
             Layout{n}::new(\"hello\\tworld\", 80);\n    println!(\"{{}} rows\", layout.height());\n    \
             match std::env::args().nth(1) {{\n        Some(path) if path.ends_with(\".md\") => \
             eprintln!(\"{{path}}\"),\n        _ => {{}}\n    }}\n    Ok(())\n}}\n"
        ),
        "python" => format!(
            "import asyncio\nfrom dataclasses import dataclass, field\n\n\n@dataclass\nclass \
             Post{n}:\n    \"\"\"A post and its rendered lines.\"\"\"\n    title: str\n    \
             tags: list[str] = field(default_factory=list)\n\n    def words(self) -> int:\n        \
             return sum(len(t.split()) for t in self.tags)  # rough\n\n\nasync def main(paths: \
             list[str]) -> None:\n    posts = [Post{n}(title=p, tags=[\"a\", 'b']) for p in \
             paths]\n    for i, post in enumerate(posts):\n        if post.words() > {n}:\n            \
             print(f\"{{i}}: {{post.title!r}} has {{post.words()}} words\")\n        else:\n            \
             await asyncio.sleep(0.{n})\n\n\nif __name__ == \"__main__\":\n    \
             asyncio.run(main([\"a.md\", \"b.md\"]))\n"
        ),
        "js" => format!(
            "// Render a list of posts into the page.\nimport {{ render }} from './render.js';\n\n\
             const posts{n} = await fetch(`/api/posts?page=${{{n}}}`).then((r) => r.json());\n\n\
             export function list(posts, el) {{\n  for (const post of posts) {{\n    const li = \
             document.createElement('li');\n    li.textContent = post.title ?? \"untitled\";\n    \
             li.dataset.id = String(post.id * 2 + {n});\n    el.appendChild(li);\n  }}\n  return \
             el.children.length > 0 ? el : null;\n}}\n\nclass Reader extends EventTarget {{\n  \
             #cache = new Map();\n  constructor(root) {{ super(); this.root = root; }}\n}}\n\n\
             list(posts{n}, document.querySelector('#posts'));\n"
        ),
        "ts" => format!(
            "export interface Post{n} {{\n  id: number;\n  title: string;\n  tags?: string[];\n}}\n\n\
             type Sorted<T> = ReadonlyArray<T>;\n\nexport async function newest(posts: Post{n}[]): \
             Promise<Sorted<Post{n}>> {{\n  const copy = [...posts];\n  copy.sort((a, b) => b.id - \
             a.id);\n  return copy.filter((p) => (p.tags ?? []).includes(\"rust\"));\n}}\n\nenum \
             Mode {{ Index = {n}, Reader }}\n"
        ),
        "go" => format!(
            "package main\n\nimport (\n\t\"fmt\"\n\t\"os\"\n\t\"strings\"\n)\n\n// Post{n} is one \
             blog post.\ntype Post{n} struct {{\n\tTitle string\n\tWords int\n}}\n\nfunc \
             count(body string) int {{\n\treturn len(strings.Fields(body))\n}}\n\nfunc main() \
             {{\n\tposts := []Post{n}{{{{\"a\", {n}}}, {{\"b\", 2}}}}\n\tfor i, p := range posts \
             {{\n\t\tif p.Words > 1 {{\n\t\t\tfmt.Printf(\"%d: %s\\n\", i, p.Title)\n\t\t}}\n\t}}\n\t\
             if len(os.Args) < 2 {{\n\t\tos.Exit(1)\n\t}}\n}}\n"
        ),
        "bash" => format!(
            "#!/usr/bin/env bash\nset -euo pipefail\n\n# Build every site and time it.\nfor site in \
             hugo zola jekyll; do\n  if [[ -d \"$site\" ]]; then\n    start=$(date +%s%N)\n    \
             (cd \"$site\" && make build >/dev/null 2>&1) || echo \"failed: $site\" >&2\n    \
             echo \"$site: $(( ($(date +%s%N) - start) / 1000000 )) ms\"\n  fi\ndone\nexport \
             RUN={n}\ngrep -rn 'TODO' --include='*.md' . | wc -l\n"
        ),
        "console" => format!(
            "$ cargo build --release\n   Compiling folio v0.{n}.0 (/home/me/folio)\n    Finished \
             `release` profile [optimized] target(s) in 41.{n}s\n$ ./target/release/folio list \
             ~/blog | head -3\n2024-05-17  Field notes on building a terminal reader\n2024-04-02  \
             Why my blog has no JavaScript\n2023-12-24  A year of small tools\n$ echo $?\n0\n"
        ),
        "yaml" => format!(
            "# Site configuration\nbaseURL: \"https://example.org/\"\nlanguageCode: en-us\ntitle: \
             Field notes {n}\nparams:\n  author: Jane Doe\n  showReadingTime: true\n  social:\n    \
             - name: mastodon\n      url: https://example.social/@jane\n    - name: github\n      \
             url: 'https://github.com/jane'\nmenu:\n  main:\n    - {{ name: Posts, url: /posts/, \
             weight: {n} }}\nbuild: |\n  hugo --minify\n"
        ),
        "toml" => format!(
            "[package]\nname = \"reader-{n}\"\nversion = \"0.{n}.0\"\nedition = \"2024\"\n\n\
             [dependencies]\nratatui = \"0.30\"\nsyntect = {{ version = \"5\", default-features = \
             false }}\n\n# Profiles\n[profile.release]\nlto = true\nopt-level = 3\n\n[[bench]]\n\
             name = \"highlight\"\nharness = false\ndate = 2024-05-17T09:30:00Z\n"
        ),
        "json" => format!(
            "{{\n  \"id\": {n},\n  \"title\": \"Field notes\",\n  \"draft\": false,\n  \"tags\": \
             [\"rust\", \"terminal\"],\n  \"stats\": {{ \"words\": 1234, \"ratio\": 0.{n}, \
             \"reviewed\": null }},\n  \"links\": [\n    {{ \"href\": \"https://example.com\", \
             \"rel\": \"me\" }}\n  ]\n}}\n"
        ),
        "sql" => format!(
            "-- Posts per tag, newest first\nSELECT t.name, COUNT(*) AS posts, MAX(p.date) AS \
             latest\nFROM posts AS p\nJOIN post_tags pt ON pt.post_id = p.id\nJOIN tags t ON t.id \
             = pt.tag_id\nWHERE p.draft = FALSE AND p.words > {n}\nGROUP BY t.name\nHAVING \
             COUNT(*) > 1\nORDER BY latest DESC\nLIMIT 20;\n"
        ),
        "c++" => format!(
            "#include <iostream>\n#include <string>\n#include <vector>\n\nnamespace folio {{\n\n\
             template <typename T>\nclass Cache{n} {{\npublic:\n    explicit Cache{n}(std::size_t \
             cap) : cap_(cap) {{}}\n    void put(const T& v) {{\n        if (items_.size() >= \
             cap_) items_.erase(items_.begin());\n        items_.push_back(v);\n    }}\n\nprivate:\n    \
             std::size_t cap_;\n    std::vector<T> items_;\n}};\n\n}}  // namespace folio\n\nint \
             main() {{\n    folio::Cache{n}<std::string> c{{{n}}};\n    c.put(\"post\");\n    \
             std::cout << \"ok\" << std::endl;\n    return 0;\n}}\n"
        ),
        "diff" => format!(
            "diff --git a/src/render.rs b/src/render.rs\nindex 3e1f2a..9b4c7d 100644\n--- \
             a/src/render.rs\n+++ b/src/render.rs\n@@ -{n},7 +{n},8 @@ fn layout(doc: &Doc) -> \
             Vec<Line> {{\n     let mut lines = Vec::new();\n-    for block in &doc.blocks {{\n+    \
             for block in doc.blocks.iter() {{\n+        // code blocks are highlighted in \
             parallel\n         lines.extend(block.render());\n     }}\n     lines\n }}\n"
        ),
        "html" => format!(
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n  <meta charset=\"utf-8\">\n  \
             <title>Post {n}</title>\n  <link rel=\"stylesheet\" href=\"/style.css\">\n</head>\n\
             <body>\n  <!-- the index -->\n  <ul id=\"posts\" class=\"list\">\n    <li><a \
             href=\"/posts/{n}/\">Field notes</a></li>\n  </ul>\n  <script \
             src=\"/app.js\" defer></script>\n</body>\n</html>\n"
        ),
        "css" => format!(
            ":root {{\n  --fg: #1d1f21;\n  --accent: hsl({n}, 60%, 45%);\n}}\n\n/* Reading width */\n\
             article {{\n  max-width: 68ch;\n  margin: 0 auto;\n  line-height: 1.6;\n}}\n\npre > \
             code {{\n  font-family: ui-monospace, monospace;\n  tab-size: 4;\n}}\n\n@media \
             (prefers-color-scheme: dark) {{\n  :root {{ --fg: #c5c8c6; }}\n}}\n"
        ),
        "dockerfile" => format!(
            "FROM rust:1.{n} AS build\nWORKDIR /src\nCOPY Cargo.toml Cargo.lock ./\nRUN cargo \
             fetch\nCOPY . .\nRUN cargo build --release --locked\n\nFROM debian:bookworm-slim\n\
             COPY --from=build /src/target/release/folio /usr/local/bin/\nENTRYPOINT \
             [\"folio\"]\n"
        ),
        "makefile" => format!(
            "PREFIX ?= /usr/local\nBIN := target/release/folio\n\n.PHONY: all install bench\n\n\
             all: $(BIN)\n\n$(BIN): $(wildcard src/*.rs)\n\tcargo build --release\n\ninstall: \
             $(BIN)\n\tinstall -m 755 $< $(PREFIX)/bin/\n\nbench:\n\tcargo bench --bench \
             highlight -- --sample-size {n}\n"
        ),
        _ => format!(
            "Output of run {n}:\n  files   213\n  posts   187\n  errors  0\n  elapsed 0.{n}s\n"
        ),
    };
    out.push_str(&format!("```{lang}\n{body}```\n\n"));
}

fn write_section(out: &mut String, section: usize, rng: &mut Rng) {
    let level = if section % 5 == 1 { "##" } else { "###" };
    out.push_str(&format!("{level} Part {section}: "));
    sentence(rng, out);
    out.push_str("\n\n");
    paragraph(rng, out);
    code(rng, section, out);
    paragraph(rng, out);
    match section % 4 {
        0 => table(rng, out),
        1 => list(rng, out),
        2 => quote(rng, out),
        _ => paragraph(rng, out),
    }
    code(rng, section, out);
    if section.is_multiple_of(3) {
        code(rng, section, out);
    }
}
