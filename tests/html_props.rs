//! Invariants of rendering over input nobody wrote by hand: arbitrary text, and posts spliced
//! together from pieces of the sample blog and of small HTML snippets, cut anywhere (inside a
//! tag, a comment, a reference, a table). Whatever the input, rendering finishes, shows no
//! control character and no private-use character the source lacks, and streaming the layout
//! gives the same lines as keeping it.

use folio::content::sample;
use folio::render::{self, Options, Rendered};
use folio::theme::Appearance;
use proptest::prelude::*;
use proptest::sample::Index;

/// Small original HTML of the kinds blog posts hold.
const SNIPPETS: [&str; 16] = [
    "<!--\na note\n\nover lines\n-->\n",
    "<pre><code class=\"language-rust\">fn main() {\n\n    let a = 1 &lt; 2;\n}\n</code></pre>\n",
    "<table>\n<thead><tr><th>Key</th><th>Value</th></tr></thead>\n<tbody><tr><td>a &amp; b</td><td><code>x</code></td></tr></tbody>\n</table>\n",
    "<details>\n<summary>Open <em>me</em></summary>\n\nHidden **text**.\n\n</details>\n",
    "> <details>\n> <summary>In a quote</summary>\n> <div>\n> body\n\nAfter the quote\n",
    "<figure><img src=\"/a.png\" alt=\"A &hearts;\"><figcaption>Caption</figcaption></figure>\n",
    "<script>let s = '<b>' + \"-->\";\n\nmore()</script>\n",
    "<style>p { content: \"</p>\" }</style>\n",
    "<ul>\n<li>one\n<li>two <a href=\"/x?a=1&amp;b=2\">link</a>\n</ul>\n",
    "<ol start=\"4\"><li><p>four</p></li></ol>\n",
    "<iframe src=\"https://v.example/embed/1\"></iframe>\n<video><source src=\"/v.mp4\">fallback</video>\n",
    "<div title=\"café\">\n\n*inside* a div\n\n</div>\n",
    "Text with <kbd>Ctrl</kbd>+<kbd>C</kbd>, H<sub>2</sub>O, x<sup>2</sup>, <del>old</del> <s>gone</s>.\n",
    "<h3 id=\"x\">A heading</h3>\n<hr>\n<blockquote><p>Quoted &rarr; &infin;</p></blockquote>\n",
    "&#27;[2J &#x9b; &#xE000; &NotANamedThing; &#1114112;\n",
    "![outer ![inner](/i.png) words](/o.png)\n",
];

fn sample_bodies() -> Vec<String> {
    sample::files()
        .into_iter()
        .filter(|(path, _)| path.extension().is_some_and(|e| e == "md"))
        .map(|(_, bytes)| String::from_utf8_lossy(bytes).into_owned())
        .collect()
}

fn floor_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Pieces of the sources, each cut at arbitrary (character) positions, joined.
fn splice(sources: &[String], pieces: &[(Index, Index, usize)]) -> String {
    let mut out = String::new();
    for (source, start, len) in pieces {
        let source = source.get(sources);
        let start = floor_boundary(source, start.index(source.len() + 1));
        let end = floor_boundary(source, start + len);
        out.push_str(&source[start..end]);
    }
    out
}

fn check(body: &str, width: usize) {
    let options = Options {
        highlight: false,
        ..Options::new(width, Appearance::Dark)
    };
    let kept: Rendered = render::render(body, None, &options);
    let private = |c: char| ('\u{E000}'..='\u{F8FF}').contains(&c);
    let shown = kept
        .lines
        .iter()
        .flat_map(|line| line.spans.iter().map(|span| span.content.as_ref()))
        .chain(kept.links.iter().map(|link| link.url.as_str()));
    for text in shown {
        for c in text.chars() {
            assert!(!c.is_control(), "control {c:?} in {text:?}");
            assert!(
                !private(c) || body.contains(c),
                "private-use {c:?} not in the source: {text:?}"
            );
        }
    }
    let mut streamed = Vec::new();
    render::stream(body, None, &options, &mut |lines| streamed.extend(lines));
    assert_eq!(streamed, kept.lines);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_text_renders_safely(body in any::<String>(), width in 20usize..140) {
        check(&body, width);
    }

    #[test]
    fn arbitrary_html_like_text_renders_safely(
        body in "([<>/!=\"'&#;a-z \n-]|<div>|</div>|<pre>|<table>|<td>|<!--|-->|<details>|> |é|\u{E000}){0,200}",
        width in 20usize..140,
    ) {
        check(&body, width);
    }

    #[test]
    fn spliced_posts_and_snippets_render_safely(
        pieces in prop::collection::vec((any::<Index>(), any::<Index>(), 0usize..400), 1..10),
        width in 20usize..140,
    ) {
        let mut sources = sample_bodies();
        sources.extend(SNIPPETS.iter().map(|s| s.to_string()));
        check(&splice(&sources, &pieces), width);
    }
}
