//! The invariant of the template pass: over arbitrary text and over template and markdown
//! syntax spliced together, no token, private-use, noncharacter or control character that the
//! source lacks ever leaves the markdown layer, with or without front matter to read.

use proptest::prelude::*;
use serde_json::json;

use super::super::{Block, Document, Image, Inline, parse, parse_with};
use super::Params;

/// Characters that are internal or steer the terminal: private use, noncharacters, controls.
fn is_internal(c: char) -> bool {
    let code = c as u32;
    c.is_control()
        || (0xE000..=0xF8FF).contains(&code)
        || code >= 0xF0000
        || (0xFDD0..=0xFDEF).contains(&code)
        || (code & 0xFFFE) == 0xFFFE
}

/// Every string in a document.
fn strings(document: &Document) -> Vec<String> {
    fn inline_strings(inlines: &[Inline], out: &mut Vec<String>) {
        for inline in inlines {
            match inline {
                Inline::Text(t, _)
                | Inline::Code(t)
                | Inline::LinkStart(t)
                | Inline::FootnoteRef(t)
                | Inline::Marker(t) => out.push(t.clone()),
                Inline::Image(image) => image_strings(image, out),
                Inline::Embed { site, url } => out.extend([site.clone(), url.clone()]),
                Inline::SoftBreak | Inline::HardBreak | Inline::LinkEnd => {}
            }
        }
    }
    fn image_strings(image: &Image, out: &mut Vec<String>) {
        out.extend([image.src.clone(), image.alt.clone()]);
        out.extend(image.caption.clone());
    }
    fn block_strings(blocks: &[Block], out: &mut Vec<String>) {
        for block in blocks {
            match block {
                Block::Paragraph(i) | Block::Heading { content: i, .. } => inline_strings(i, out),
                Block::Code { lang, text, .. } => {
                    out.extend(lang.clone());
                    out.push(text.clone());
                }
                Block::Quote { blocks, .. } => block_strings(blocks, out),
                Block::List(list) => list
                    .items
                    .iter()
                    .for_each(|item| block_strings(&item.blocks, out)),
                Block::Table(table) => table
                    .header
                    .iter()
                    .chain(table.rows.iter().flatten())
                    .for_each(|cell| inline_strings(cell, out)),
                Block::Rule => {}
                Block::Image(image) => image_strings(image, out),
                Block::Embed { site, url } => out.extend([site.clone(), url.clone()]),
                Block::Details { summary, blocks } => {
                    inline_strings(summary, out);
                    block_strings(blocks, out);
                }
                Block::Marker(text) => out.push(text.clone()),
            }
        }
    }
    let mut out = Vec::new();
    block_strings(&document.blocks, &mut out);
    for footnote in &document.footnotes {
        out.push(footnote.label.clone());
        block_strings(&footnote.blocks, &mut out);
    }
    out
}

/// Pieces of template and markdown syntax, spliced with arbitrary text.
const FRAGMENTS: &[&str] = &[
    "{{< ",
    " >}}",
    "{{% ",
    " %}}",
    "{{</* ",
    " */>}}",
    "{{%/* ",
    " */%}}",
    " />}}",
    "{{ ",
    " }}",
    "{% ",
    " %}",
    "{%- ",
    " -%}",
    "figure src=\"a.png\" caption=\"c\"",
    "highlight go",
    "/highlight",
    "code-toggle",
    "/code-toggle",
    "details summary=\"s\"",
    "/details",
    "ref \"a b.md\"",
    "youtube x",
    "param p",
    "include \"f.md\"",
    "raw",
    "endraw",
    "comment",
    "endcomment",
    "highlight ruby",
    "endhighlight",
    "post_url 2020-01-01-a",
    "site.baseurl",
    "page.title",
    "'/a' | relative_url",
    "`",
    "```\n",
    "~~~\n",
    "\n",
    "\n\n",
    "[x](",
    ")",
    "![",
    "](",
    "]: ",
    "<a href=\"",
    "\">",
    "<img src=\"",
    "\" alt=\"",
    "<details>",
    "</details>",
    "| a | b |\n|---|---|\n",
    "# ",
    "> ",
    "- ",
    "1. ",
    "    ",
    "\t",
    "é",
    "\u{E000}",
    "\u{FDD0}",
    "\u{FDD1}",
    "0",
    "\\",
    "*",
];

fn spliced() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        3 => proptest::sample::select(FRAGMENTS).prop_map(str::to_string),
        1 => any::<String>(),
    ];
    proptest::collection::vec(piece, 0..40).prop_map(|pieces| pieces.concat())
}

fn check_no_internal(source: &str) -> Result<(), TestCaseError> {
    let params: Params = serde_json::from_value(json!({"p": "v"})).unwrap();
    for document in [parse(source), parse_with(source, Some(&params))] {
        for text in strings(&document) {
            for c in text.chars() {
                prop_assert!(
                    !is_internal(c) || source.contains(c),
                    "{c:?} in {text:?} from {source:?}"
                );
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_text_never_leaks_an_internal_character(source in any::<String>()) {
        check_no_internal(&source)?;
    }

    #[test]
    fn spliced_templates_never_leak_an_internal_character(source in spliced()) {
        check_no_internal(&source)?;
    }
}
