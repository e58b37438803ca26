//! The renderer as a reader meets it: the sample blog loses no word and shows no raw markup,
//! and hostile posts neither control the terminal nor hang or crash it.

use std::path::Path;
use std::process::Command;

use folio::content::{Library, Post, discover, sample};
use folio::render::{self, Options, Rendered};
use folio::theme::{Appearance, Theme};
use pulldown_cmark::{Event, Parser, Tag};

fn sample_posts() -> Vec<(&'static Path, Post, String)> {
    sample::files()
        .into_iter()
        .filter(|(path, _)| path.extension().is_some_and(|e| e == "md"))
        .filter(|(path, _)| !path.ends_with("_index.md"))
        .map(|(path, bytes)| {
            let post = Post::from_bytes(path, bytes).unwrap();
            let text = String::from_utf8_lossy(bytes);
            let body = text[post.body_offset..].to_string();
            (path, post, body)
        })
        .collect()
}

fn render_at(body: &str, width: usize) -> Rendered {
    let options = Options {
        highlight: false,
        ..Options::new(width, Appearance::Dark)
    };
    render::render(body, None, &options)
}

/// The text of each line outside code (code may show `<tags>` and `{{` as written).
fn prose(rendered: &Rendered) -> Vec<String> {
    let code = Theme::new(Appearance::Dark).code_text.fg;
    rendered
        .lines
        .iter()
        .map(|line| {
            line.spans
                .iter()
                .filter(|s| s.style.fg != code)
                .map(|s| s.content.as_ref())
                .collect()
        })
        .collect()
}

#[test]
fn every_word_of_the_sample_blog_is_in_its_plain_rendering() {
    for (path, _, body) in sample_posts() {
        let shown = render_at(&body, 160).plain().join(" ");
        let mut in_html = false;
        let prose = without_shortcodes(&body);
        for event in Parser::new_ext(&prose, pulldown_cmark::Options::all()) {
            let text = match event {
                Event::Start(Tag::HtmlBlock) => {
                    in_html = true;
                    continue;
                }
                Event::End(pulldown_cmark::TagEnd::HtmlBlock) => {
                    in_html = false;
                    continue;
                }
                Event::Text(text) | Event::Code(text) if !in_html => text,
                _ => continue,
            };
            if text.starts_with("[!") {
                continue;
            }
            for word in text.split(|c: char| !c.is_alphanumeric()) {
                assert!(
                    shown.contains(word),
                    "{}: {word:?} is missing",
                    path.display()
                );
            }
        }
    }
}

/// The body with every `{{< … >}}` and `{{% … %}}` taken out: their arguments are not prose.
fn without_shortcodes(body: &str) -> String {
    let mut out = String::new();
    let mut rest = body;
    while let Some(start) = rest.find("{{") {
        out.push_str(&rest[..start]);
        let end = rest[start..]
            .find("}}")
            .map_or(rest.len(), |e| start + e + 2);
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

#[test]
fn the_sample_blog_shows_no_front_matter_html_or_shortcodes() {
    for (path, _, body) in sample_posts() {
        assert_no_raw_markup(&path.display().to_string(), &body);
    }
}

#[test]
fn hugo_zola_and_jekyll_posts_show_no_front_matter_html_or_shortcodes() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    for site in ["hugo", "zola", "jekyll"] {
        let source = discover::resolve(Some(&fixtures.join(site))).unwrap();
        let library = Library::load(source).unwrap();
        for post in library.posts() {
            let text = library.read_text(post).unwrap();
            assert_no_raw_markup(&post.path, &text[post.body_offset..]);
        }
    }
}

/// Renders `body` at three widths: no raw HTML, shortcode braces or front matter in the prose,
/// and no line wider than asked.
fn assert_no_raw_markup(name: &str, body: &str) {
    for width in [40, 80, 120] {
        let rendered = render_at(body, width);
        for line in &prose(&rendered) {
            let raw = [
                "<img", "<details", "<summary", "<kbd", "<br", "<div", "<!--", "</",
            ];
            assert!(
                !raw.iter().any(|tag| line.contains(tag)),
                "{name}: raw HTML in {line:?}"
            );
            assert!(
                !line.contains("{{") && !line.contains("}}"),
                "{name}: raw shortcode in {line:?}"
            );
            assert!(line.trim() != "---" && !line.starts_with("title:"));
        }
        for line in &rendered.lines {
            assert!(line.width() <= width, "{name}: {line:?}");
        }
    }
}

#[test]
fn ordered_lists_keep_their_numbers() {
    let body = sample_posts()
        .into_iter()
        .find(|(path, ..)| path.to_string_lossy().contains("sourdough"))
        .map(|(.., body)| body)
        .unwrap();
    let plain = render_at(&body, 80).plain();
    let twos = plain.iter().filter(|l| l.starts_with("2. ")).count();
    assert_eq!(twos, 3, "{plain:#?}");
    let plain = render_at("3. three\n4. four\n", 80).plain();
    assert_eq!(plain, ["3. three", "4. four"]);
}

#[test]
fn links_are_numbered_and_listed_with_their_lines() {
    let rendered = render_at(
        "[a](https://a.org/) and [b](../b/)\n\nagain [a](https://a.org/)\n",
        80,
    );
    let links: Vec<(usize, &str, bool, usize)> = rendered
        .links
        .iter()
        .map(|l| (l.number, l.url.as_str(), l.local, l.line))
        .collect();
    assert_eq!(
        links,
        [(1, "https://a.org/", false, 0), (2, "../b/", true, 0)]
    );
    assert_eq!(rendered.plain()[0], "a[1] and b[2]");
    assert_eq!(rendered.plain()[2], "again a[1]");
    assert!(
        rendered
            .plain()
            .iter()
            .any(|l| l == "[2] ../b/ (in this blog)")
    );
}

#[test]
fn headings_are_listed_with_their_lines() {
    let rendered = render_at("# One\n\ntext\n\n## Two *b*\n", 80);
    let headings: Vec<(u8, &str, usize)> = rendered
        .headings
        .iter()
        .map(|h| (h.level, h.text.as_str(), h.line))
        .collect();
    assert_eq!(headings, [(1, "One", 0), (2, "Two b", 5)]);
    assert_eq!(rendered.plain()[5], "Two b");
}

/// No control character and no line wider than asked, whatever the post holds.
fn assert_safe(body: &str, width: usize) -> Rendered {
    let rendered = render_at(body, width);
    for line in &rendered.lines {
        assert!(line.width() <= width, "too wide: {line:?}");
        for span in &line.spans {
            assert!(
                !span.content.chars().any(|c| c.is_control()),
                "control character in {:?}",
                span.content
            );
        }
    }
    rendered
}

const ESCAPES: &str = "# Title \x1b[2J\n\n\
    Text \x1b]0;pwned\x07 and \u{9b}31m and \u{202e}reversed and &#27;[31m &#x9b;2J &#x1b;\n\n\
    ```sh\necho \x1b[31mred\x07\n```\n\n\
    [link](https://x.org/\x1b[2J) ![img](/a\x1bb.png) <img src=\"&#27;[2J.png\" alt=\"&#x1b;\">\n\n\
    | a\x1b[1m | &#27;b |\n| - | - |\n| \u{9b}c | d |\n\n\
    {{< figure src=\"x&#27;.png\" caption=\"\x1b[5m\" >}}\n";

#[test]
fn escapes_anywhere_are_made_visible() {
    let rendered = assert_safe(ESCAPES, 60);
    let all = rendered.plain().join("\n");
    assert!(all.contains("␛[2J"), "{all}");
    assert!(all.contains("␛[31m"), "{all}");
    assert!(!all.contains('\u{202e}'));
}

#[test]
fn deeply_nested_quotes_and_lists_render() {
    assert_safe(&format!("{}deep\n", "> ".repeat(10_000)), 80);
    assert_safe(&format!("{}deep\n", "- ".repeat(10_000)), 80);
    assert_safe(&format!("{}deep\n", "1. ".repeat(10_000)), 40);
    let mixed: String = (0..2_000).map(|_| "> - ").collect();
    assert_safe(&format!("{mixed}deep\n"), 40);
    assert_safe(
        &format!("{}x{}", "*_".repeat(5_000), "_*".repeat(5_000)),
        40,
    );
}

#[test]
fn a_one_megabyte_line_loses_nothing() {
    let words = "word ".repeat(200_000);
    let rendered = assert_safe(&words, 80);
    let count: usize = rendered
        .plain()
        .iter()
        .map(|l| l.matches("word").count())
        .sum();
    assert_eq!(count, 200_000);
    let one_word = "x".repeat(1 << 20);
    let rendered = assert_safe(&one_word, 80);
    let total: usize = rendered.plain().iter().map(String::len).sum();
    assert_eq!(total, 1 << 20);
    assert_safe(&format!("```\n{one_word}\n```\n"), 80);
}

#[test]
fn twenty_thousand_links_are_all_listed() {
    let body: String = (0..20_000)
        .map(|i| format!("[l{i}](https://x.org/{i}) "))
        .collect();
    let rendered = assert_safe(&body, 80);
    assert_eq!(rendered.links.len(), 20_000);
    assert!(
        rendered
            .plain()
            .iter()
            .any(|l| l.ends_with("https://x.org/19999"))
    );
}

#[test]
fn a_sixty_column_table_fits() {
    let row = |cell: &str| format!("|{}\n", format!(" {cell} |").repeat(60));
    let rule = format!("|{}\n", " --- |".repeat(60));
    let body = [row("head"), rule, row("cell text")].concat();
    for width in [40, 80, 200, 500] {
        let rendered = assert_safe(&body, width);
        let cells: usize = rendered
            .plain()
            .iter()
            .map(|l| l.matches("cell").count())
            .sum();
        assert_eq!(cells, 60, "{width}");
    }
}

#[test]
fn an_unterminated_fence_runs_to_the_end() {
    let rendered = assert_safe("```rust\nfn a() {}\n\n# not a heading\n", 40);
    assert!(rendered.headings.is_empty());
    assert!(
        rendered
            .plain()
            .iter()
            .any(|l| l.ends_with("# not a heading"))
    );
}

#[test]
fn shortcode_and_html_edge_cases_stay_bounded() {
    assert_safe(&"{{< ".repeat(50_000), 80);
    assert_safe(&"<!-- ".repeat(50_000), 80);
    assert_safe(&"<details>\n\n".repeat(5_000), 80);
    assert_safe(&"&#".repeat(100_000), 80);
}

fn folio_render(file: &Path, color: &str) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_folio"))
        .args(["render", "--width", "72", "--color", color])
        .arg(file)
        .env("COLORTERM", "truecolor")
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn color_always_writes_sgr_sequences_and_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    let hostile = dir.path().join("hostile.md");
    std::fs::write(&hostile, format!("---\ntitle: \"t\\e[2J\"\n---\n{ESCAPES}")).unwrap();
    let sample = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("sample-content/blog/2025/rendering-markdown-in-eighty-columns/index.md");
    for file in [&hostile, &sample] {
        let out = folio_render(file, "always");
        assert!(out.contains("\x1b[0;"), "no colour at all");
        let mut rest = out.as_str();
        while let Some(at) = rest.find(|c: char| c.is_control() && c != '\n') {
            let after = &rest[at..];
            let sequence_len = after
                .strip_prefix("\x1b[")
                .and_then(|s| {
                    s.find('m')
                        .filter(|&m| s[..m].bytes().all(|b| b.is_ascii_digit() || b == b';'))
                })
                .unwrap_or_else(|| panic!("not SGR: {:?}", &after[..after.len().min(12)]));
            rest = &after[2 + sequence_len + 1..];
        }
        let plain = folio_render(file, "never");
        assert!(!plain.chars().any(|c| c.is_control() && c != '\n'));
    }
}

#[test]
fn without_colour_structure_is_written_as_markdown_marks() {
    let dir = tempfile::tempdir().unwrap();
    let post = dir.path().join("marks.md");
    std::fs::write(
        &post,
        "# Marks\n\nThe ~~old\nplan~~ stands, run `make` now.\n\n### Third\n\n###### Sixth\n",
    )
    .unwrap();
    for color in ["never", "auto"] {
        let out = folio_render(&post, color);
        assert!(
            out.contains("The ~~old plan~~ stands, run `make` now."),
            "--color {color}: {out}"
        );
        assert!(out.contains("\n### Third\n"), "--color {color}: {out}");
        assert!(out.contains("\n###### Sixth\n"), "--color {color}: {out}");
    }
    let coloured = folio_render(&post, "always");
    assert!(
        !coloured.contains("~~") && !coloured.contains("`make`") && !coloured.contains("### "),
        "colour shows the structure itself: {coloured}"
    );
}

#[test]
fn streamed_layout_is_the_same_as_the_kept_one() {
    for (_, post, body) in sample_posts() {
        let body = body.as_str();
        let header = render::Header::from(&post);
        for highlight in [false, true] {
            let options = Options {
                highlight,
                ..Options::new(72, Appearance::Dark)
            };
            let kept = render::render(body, Some(&header), &options).lines;
            let mut streamed = Vec::new();
            render::stream(body, Some(&header), &options, &mut |lines| {
                streamed.extend(lines)
            });
            assert_eq!(streamed, kept, "{}", post.path);
        }
    }
}
