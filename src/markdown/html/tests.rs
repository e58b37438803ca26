//! One test per tag or behaviour, through the whole parse: what a reader is shown.

use super::super::{Align, Block, Emphasis, Image, Inline, List, parse, plain};

fn text(s: &str) -> Inline {
    Inline::Text(s.into(), Emphasis::default())
}

fn styled(s: &str, set: fn(&mut Emphasis)) -> Inline {
    let mut emphasis = Emphasis::default();
    set(&mut emphasis);
    Inline::Text(s.into(), emphasis)
}

fn blocks(source: &str) -> Vec<Block> {
    parse(source).blocks
}

fn paragraph(source: &str) -> Vec<Inline> {
    match &blocks(source)[..] {
        [Block::Paragraph(inlines)] => inlines.clone(),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_comment_over_many_lines_is_never_shown() {
    assert_eq!(
        blocks("Before\n\n<!--\nnote to self\n\nstill hidden\n-->\n\nAfter\n"),
        [
            Block::Paragraph(vec![text("Before")]),
            Block::Paragraph(vec![text("After")])
        ]
    );
    assert_eq!(
        blocks("<div>\n<!-- a\n\n**hidden** too\n\n-->\n</div>\n\nAfter\n"),
        [Block::Paragraph(vec![text("After")])]
    );
    assert_eq!(paragraph("a <!-- x\ny --> b\n"), [text("a  b")]);
}

#[test]
fn pre_keeps_its_lines_and_decodes_references() {
    let source = "<pre>\nfn main() {\n\n    x &lt; y &amp;&amp; z &rarr; w\n}\n</pre>\n";
    assert_eq!(
        blocks(source),
        [Block::Code {
            number: 0,
            lang: None,
            text: "fn main() {\n\n    x < y && z → w\n}\n".into()
        }]
    );
}

#[test]
fn pre_takes_its_language_from_a_class() {
    for (class, lang) in [
        ("<pre><code class=\"language-rust\">", "rust"),
        ("<pre class=\"lang-go\"><code>", "go"),
        ("<pre><code class=\"chroma highlight-toml\">", "toml"),
        ("<pre class=\"chroma\"><code data-lang=\"sh\">", "sh"),
    ] {
        let source = format!("{class}<span class=\"k\">let</span> x = 1;\n</code></pre>\n");
        assert_eq!(
            blocks(&source),
            [Block::Code {
                number: 0,
                lang: Some(lang.into()),
                text: "let x = 1;\n".into()
            }],
            "{class}"
        );
    }
}

#[test]
fn tables_keep_every_cell_apart() {
    let source = "<table>\n<thead><tr><th>Role</th><th align=\"right\">Name</th></tr></thead>\n\
                  <tbody>\n<tr><td>Point of contact</td><td><b>Ann</b> Lee</td></tr>\n\
                  <tr><td>Editor</td><td><a href=\"/b/\">Bo</a></td></tr>\n</tbody></table>\n";
    let [Block::Table(table)] = &blocks(source)[..] else {
        panic!("{:?}", blocks(source))
    };
    let header: Vec<String> = table.header.iter().map(|c| plain(c)).collect();
    assert_eq!(header, ["Role", "Name"]);
    assert_eq!(table.aligns, [Align::None, Align::Right]);
    let rows: Vec<Vec<String>> = table
        .rows
        .iter()
        .map(|r| r.iter().map(|c| plain(c)).collect())
        .collect();
    assert_eq!(rows, [["Point of contact", "Ann Lee"], ["Editor", "Bo"]]);
    assert_eq!(
        table.rows[1][1],
        [Inline::LinkStart("/b/".into()), text("Bo"), Inline::LinkEnd]
    );
}

#[test]
fn cells_spanning_rows_or_columns_keep_later_cells_in_their_columns() {
    let source = "<table><tr><th>Owner</th><th>Event</th><th>When</th></tr>\n\
                  <tr><td rowspan=\"2\">site</td><td>init</td><td>first</td></tr>\n\
                  <tr><td>reset</td><td>later</td></tr>\n\
                  <tr><td colspan=\"2\">both</td><td>last</td></tr></table>\n";
    let [Block::Table(table)] = &blocks(source)[..] else {
        panic!()
    };
    let rows: Vec<Vec<String>> = table
        .rows
        .iter()
        .map(|r| r.iter().map(|c| plain(c)).collect())
        .collect();
    assert_eq!(
        rows,
        [
            ["site", "init", "first"],
            ["", "reset", "later"],
            ["both", "", "last"]
        ]
    );
}

#[test]
fn a_first_row_of_th_cells_is_the_header() {
    let [Block::Table(table)] =
        &blocks("<table><tr><th>A</th><th>B</th></tr><tr><td>1</td><td>2</td></tr></table>\n")[..]
    else {
        panic!()
    };
    assert_eq!(table.header.len(), 2);
    assert_eq!(table.rows.len(), 1);
}

#[test]
fn paragraphs_divs_spans_and_breaks() {
    assert_eq!(
        blocks("<div class=\"note\">\n<p>One <span>two</span></p>\n<p>Three<br>four</p>\n</div>\n"),
        [
            Block::Paragraph(vec![text("One two")]),
            Block::Paragraph(vec![text("Three"), Inline::HardBreak, text("four")]),
        ]
    );
}

#[test]
fn links_and_images() {
    assert_eq!(
        paragraph(
            "<p>See <a href=\"https://x.org/?a=1&amp;b=2\">this</a> <img src=\"/i.png\" alt=\"Q &amp; A\"></p>\n"
        ),
        [
            text("See "),
            Inline::LinkStart("https://x.org/?a=1&b=2".into()),
            text("this"),
            Inline::LinkEnd,
            text(" "),
            Inline::Image(Box::new(Image {
                src: "/i.png".into(),
                alt: "Q & A".into(),
                caption: None
            })),
        ]
    );
    assert_eq!(paragraph("a <a name=\"x\">b</a> c\n"), [text("a b c")]);
}

#[test]
fn lists_become_lists() {
    let [Block::List(List { start, items, .. })] =
        &blocks("<ol start=\"3\">\n<li>one\n<li>two</li>\n</ol>\n")[..]
    else {
        panic!(
            "{:?}",
            blocks("<ol start=\"3\">\n<li>one\n<li>two</li>\n</ol>\n")
        )
    };
    assert_eq!(*start, Some(3));
    let texts: Vec<&Vec<Block>> = items.iter().map(|i| &i.blocks).collect();
    assert_eq!(
        texts,
        [
            &vec![Block::Paragraph(vec![text("one")])],
            &vec![Block::Paragraph(vec![text("two")])]
        ]
    );
    assert!(matches!(
        &blocks("<ul><li>a</li></ul>\n")[..],
        [Block::List(List { start: None, .. })]
    ));
}

#[test]
fn blockquotes_become_quotes() {
    assert_eq!(
        blocks("<blockquote>\n<p>Said</p>\n</blockquote>\n\nAfter\n"),
        [
            Block::Quote {
                alert: None,
                blocks: vec![Block::Paragraph(vec![text("Said")])]
            },
            Block::Paragraph(vec![text("After")])
        ]
    );
}

#[test]
fn headings_and_rules() {
    assert_eq!(
        blocks("<h2>Part <em>two</em></h2>\n<hr>\n<h6>End</h6>\n"),
        [
            Block::Heading {
                level: 2,
                content: vec![text("Part "), styled("two", |e| e.italic = true)]
            },
            Block::Rule,
            Block::Heading {
                level: 6,
                content: vec![text("End")]
            },
        ]
    );
}

#[test]
fn inline_styles() {
    type Set = fn(&mut Emphasis);
    let cases: [(&str, Set); 11] = [
        ("em", |e| e.italic = true),
        ("i", |e| e.italic = true),
        ("strong", |e| e.strong = true),
        ("b", |e| e.strong = true),
        ("del", |e| e.strike = true),
        ("s", |e| e.strike = true),
        ("code", |e| e.code = true),
        ("kbd", |e| e.code = true),
        ("sub", |_| {}),
        ("sup", |_| {}),
        ("span", |_| {}),
    ];
    for (tag, set) in cases {
        // Text that looks the same is one run.
        let expected = if styled("b", set) == text("b") {
            vec![text("a b c")]
        } else {
            vec![text("a "), styled("b", set), text(" c")]
        };
        assert_eq!(
            paragraph(&format!("a <{tag}>b</{tag}> c\n")),
            expected,
            "{tag}"
        );
    }
}

#[test]
fn an_unclosed_inline_style_ends_with_its_paragraph() {
    assert_eq!(
        blocks("a <b>bold\n\nplain\n"),
        [
            Block::Paragraph(vec![text("a "), styled("bold", |e| e.strong = true)]),
            Block::Paragraph(vec![text("plain")])
        ]
    );
}

#[test]
fn details_and_summary() {
    let [
        Block::Details {
            summary,
            blocks: inner,
        },
    ] = &blocks("<details>\n<summary>More <b>here</b></summary>\n<p>Body</p>\n</details>\n")[..]
    else {
        panic!()
    };
    assert_eq!(plain(summary), "More here");
    assert_eq!(inner[..], [Block::Paragraph(vec![text("Body")])]);
}

#[test]
fn figures_are_an_image_with_its_caption() {
    assert_eq!(
        blocks(
            "<figure>\n<img src=\"/c.jpg\" alt=\"A cat\">\n<figcaption>Our <em>cat</em></figcaption>\n</figure>\n"
        ),
        [Block::Image(Image {
            src: "/c.jpg".into(),
            alt: "A cat".into(),
            caption: Some("Our cat".into())
        })]
    );
}

#[test]
fn scripts_styles_and_templates_vanish_with_their_content() {
    for source in [
        "<script>\nvar a = '<b>x</b>';\n\nalert(a < 2);\n</script>\n\nAfter\n",
        "<style>\np { color: red }\n</style>\n\nAfter\n",
        "<template><p>Later</p><template>x</template> y</template>\n\nAfter\n",
        "a <script>hide()</script>\n\nAfter\n",
    ] {
        let shown: String = blocks(source)
            .iter()
            .map(|b| match b {
                Block::Paragraph(p) => plain(p),
                other => format!("{other:?}"),
            })
            .collect::<Vec<_>>()
            .join("|");
        assert!(shown.ends_with("After"), "{source:?}: {shown}");
        assert!(!shown.contains(['<', 'x', '{']), "{source:?}: {shown}");
    }
}

#[test]
fn embedded_media_is_a_placeholder_naming_it() {
    let embed = |site: &str, url: &str| Block::Embed {
        site: site.into(),
        url: url.into(),
    };
    assert_eq!(
        blocks("<iframe src=\"https://v.example/e/1\"></iframe>\n"),
        [embed("Embedded page", "https://v.example/e/1")]
    );
    assert_eq!(
        blocks("<video controls>\n<source src=\"/clip.mp4\">\nNo video here.\n</video>\n"),
        [embed("Video", "/clip.mp4")]
    );
    assert_eq!(
        blocks("<audio src=\"/a.ogg\"></audio>\n"),
        [embed("Audio", "/a.ogg")]
    );
    assert_eq!(
        blocks("<embed src=\"/x.swf\">\n<object data=\"/y.pdf\">fallback</object>\n"),
        [
            embed("Embedded object", "/x.swf"),
            embed("Embedded object", "/y.pdf")
        ]
    );
}

#[test]
fn unclosed_containers_end_with_the_quote_around_them() {
    for open in ["<details>", "<div>", "<blockquote>", "<ul><li>"] {
        let source = format!("> {open}\n> inside\n\nOutside\n");
        let doc = blocks(&source);
        assert_eq!(doc.len(), 2, "{open}: {doc:?}");
        assert!(matches!(doc[0], Block::Quote { .. }), "{open}: {doc:?}");
        assert_eq!(
            doc[1],
            Block::Paragraph(vec![text("Outside")]),
            "{open}: {doc:?}"
        );
    }
}

#[test]
fn a_stray_closing_tag_does_nothing() {
    assert_eq!(
        blocks(
            "<details>\n<summary>S</summary>\n\n> </details>\n> </blockquote></ul></li></a></em>\n> quoted\n\nin details\n\n</details>\n"
        ),
        [Block::Details {
            summary: vec![text("S")],
            blocks: vec![
                Block::Quote {
                    alert: None,
                    blocks: vec![Block::Paragraph(vec![text("quoted")])]
                },
                Block::Paragraph(vec![text("in details")])
            ]
        }]
    );
}

#[test]
fn truncated_html_at_the_end_of_a_post_is_dropped_whole() {
    for source in [
        "Text\n\n<div title=\"café",
        "Text\n\n<p><img src='x' alt='ü",
        "Text\n\n<pre>é",
        "Text\n\n<table><tr><td>é",
        "Text\n\n<div>\n<span class=\"é",
        "Text\n\n<!-- é",
    ] {
        let doc = blocks(source);
        assert_eq!(doc[0], Block::Paragraph(vec![text("Text")]), "{source:?}");
        let shown: String = doc.iter().skip(1).map(|b| format!("{b:?}")).collect();
        assert!(
            !shown.contains("café") && !shown.contains('<'),
            "{source:?}: {shown}"
        );
    }
    // Not a complete tag, so CommonMark makes it text, as the site shows it.
    for source in ["<a href=\"é", "Text <a href=\"é", "<img src='x' alt='ü"] {
        assert_eq!(plain(&paragraph(source)), source);
    }
}

#[test]
fn markdown_between_html_lines_is_still_markdown() {
    assert_eq!(
        blocks("<div class=\"box\">\n\n**x** and *y*\n\n</div>\n"),
        [Block::Paragraph(vec![
            styled("x", |e| e.strong = true),
            text(" and "),
            styled("y", |e| e.italic = true)
        ])]
    );
}

#[test]
fn every_html5_named_reference_is_decoded() {
    assert_eq!(
        paragraph("<p>&hearts; &infin; &rarr; &NotNestedGreaterGreater; &amp;c &bogus;</p>\n"),
        [text("♥ ∞ → ⪢̸ &c &bogus;")]
    );
}

#[test]
fn escapes_written_as_references_are_made_visible() {
    // HTML5 reads C1 references as windows-1252 (`&#x9b;` is `›`), so none reach the terminal.
    assert_eq!(paragraph("<p>&#27;[2J&#x9b;</p>\n"), [text("␛[2J›")]);
    assert_eq!(
        blocks("<pre>&#27;[31m</pre>\n"),
        [Block::Code {
            number: 0,
            lang: None,
            text: "␛[31m\n".into()
        }]
    );
}

#[test]
fn a_nested_image_keeps_all_its_alt_words() {
    assert_eq!(
        blocks("![foo ![bar](/url)](/url2)\n"),
        [Block::Image(Image {
            src: "/url2".into(),
            alt: "foo bar".into(),
            caption: None
        })]
    );
}

#[test]
fn references_to_private_use_characters_show_as_replacements() {
    for source in [
        "<p>a &#xE000;0&#xE001; &#xF09B;</p>\n",
        "a &#xE000;0&#xE001; &#xF09B;\n",
    ] {
        assert_eq!(
            plain(&paragraph(source)),
            "a \u{FFFD}0\u{FFFD} \u{FFFD}",
            "{source:?}"
        );
    }
    assert_eq!(plain(&paragraph("<p>icon \u{F09B}</p>\n")), "icon \u{F09B}");
}
