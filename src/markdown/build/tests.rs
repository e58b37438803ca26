//! The tree builder on markdown: what each construct becomes.

use super::super::parse;
use super::*;

fn text(s: &str) -> Inline {
    Inline::Text(s.into(), Emphasis::default())
}

#[test]
fn paragraphs_headings_and_emphasis() {
    let doc = parse("# Title\n\nSome **bold** text.\n");
    assert_eq!(
        doc.blocks,
        [
            Block::Heading {
                level: 1,
                content: vec![text("Title")]
            },
            Block::Paragraph(vec![
                text("Some "),
                Inline::Text(
                    "bold".into(),
                    Emphasis {
                        strong: true,
                        ..Emphasis::default()
                    }
                ),
                text(" text."),
            ]),
        ]
    );
}

#[test]
fn brackets_one_by_one_make_one_text_run() {
    let doc = parse(&"[".repeat(1000));
    assert_eq!(
        doc.blocks,
        [Block::Paragraph(vec![text(&"[".repeat(1000))])]
    );
}

#[test]
fn huge_tables_are_cut_with_a_note() {
    let columns = MAX_TABLE_COLUMNS + 6;
    let row = format!("{}|\n", "|c".repeat(columns));
    let rows = MAX_TABLE_CELLS / MAX_TABLE_COLUMNS + 10;
    let source = format!("{row}{}|\n{}", "|-".repeat(columns), row.repeat(rows));
    let doc = parse(&source);
    let [Block::Table(table), Block::Marker(note)] = doc.blocks.as_slice() else {
        panic!("{:?}", doc.blocks.len());
    };
    assert_eq!(table.header.len(), MAX_TABLE_COLUMNS);
    assert!(table.rows.iter().all(|row| row.len() == MAX_TABLE_COLUMNS));
    let kept = table.rows.len();
    assert_eq!(kept, MAX_TABLE_CELLS.div_ceil(MAX_TABLE_COLUMNS));
    assert_eq!(
        note,
        &format!(
            "table cut: {} more rows not shown (a table shows at most 20000 cells); \
             columns past the 64th not shown",
            rows - kept
        )
    );
}

#[test]
fn lists_keep_start_tightness_and_tasks() {
    let doc = parse("2. two\n3. three\n\n- [x] done\n\n- [ ] open\n");
    let [Block::List(ordered), Block::List(tasks)] = &doc.blocks[..] else {
        panic!("{doc:?}")
    };
    assert_eq!((ordered.start, ordered.tight), (Some(2), true));
    assert_eq!(ordered.items.len(), 2);
    assert!(!tasks.tight);
    let done: Vec<_> = tasks.items.iter().map(|i| i.task).collect();
    assert_eq!(done, [Some(true), Some(false)]);
}

#[test]
fn alerts_code_languages_and_footnotes() {
    let doc =
        parse("> [!WARNING]\n> Hot.\n\n```rust,ignore\nfn x() {}\n```\n\nA[^n].\n\n[^n]: Note.\n");
    assert!(matches!(
        &doc.blocks[0],
        Block::Quote {
            alert: Some(Alert::Warning),
            ..
        }
    ));
    assert_eq!(
        doc.blocks[1],
        Block::Code {
            number: 0,
            lang: Some("rust".into()),
            text: "fn x() {}\n".into()
        }
    );
    assert_eq!(doc.footnotes[0].label, "n");
}

#[test]
fn lone_images_and_figures_become_blocks() {
    let doc = parse(
        "![A cat](cat.png)\n\n{{< figure src=\"u.png\" caption=\"Wet\" >}}\n\n<img alt=x src=y.png>\n",
    );
    let images: Vec<&str> = doc
        .blocks
        .iter()
        .map(|b| match b {
            Block::Image(image) => image.src.as_str(),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(images, ["cat.png", "u.png", "y.png"]);
}

#[test]
fn details_hold_their_summary_and_blocks() {
    let doc = parse("<details>\n<summary>Parts</summary>\n\n- one\n\n</details>\n\nAfter\n");
    let Block::Details { summary, blocks } = &doc.blocks[0] else {
        panic!("{doc:?}")
    };
    assert_eq!(super::super::plain(summary), "Parts");
    assert!(matches!(blocks[..], [Block::List(_)]));
    assert!(matches!(doc.blocks[1], Block::Paragraph(_)));
}

#[test]
fn deep_nesting_is_flattened() {
    let doc = parse(&format!("{}deep\n", "> ".repeat(10_000)));
    let mut depth = 0;
    let mut blocks = &doc.blocks;
    while let [Block::Quote { blocks: inner, .. }] = &blocks[..] {
        depth += 1;
        blocks = inner;
    }
    assert!(depth <= MAX_DEPTH, "{depth}");
    assert_eq!(blocks[..], [Block::Paragraph(vec![text("deep")])]);
}
