//! Laying out a ~1 MB post with many code blocks, tables and lists, at 80 columns with colour,
//! with code highlighting on and off (the reader's fast first layout).

use criterion::{Criterion, criterion_group, criterion_main};
use folio::render::{self, Options};
use folio::theme::Appearance;

/// A generated post of about `bytes` bytes mixing every kind of block.
fn post(bytes: usize) -> String {
    let section = |i: usize| {
        format!(
            "## Section {i}\n\n\
             Some *emphasis*, **strong** text, `inline code` and a [link](https://example.com/{i}) \
             in a paragraph long enough to wrap a few times at eighty columns, with 日本語 too.\n\n\
             - item one\n- item two with [a link](../post-{i}/)\n  - nested item\n\n\
             1. first\n2. second\n\n\
             > A quote with **strong** text.\n\n\
             ```rust\nfn section_{i}(x: u32) -> u32 {{\n    let y = x * 2;\n    y + {i}\n}}\n```\n\n\
             | Name | Value | Note |\n| :--- | ---: | --- |\n| a{i} | {i} | some text that wraps |\n\n"
        )
    };
    let mut body = String::with_capacity(bytes + 1024);
    let mut i = 0;
    while body.len() < bytes {
        body.push_str(&section(i));
        i += 1;
    }
    body
}

fn layout(c: &mut Criterion) {
    let body = post(1 << 20);
    let mut group = c.benchmark_group("layout 1 MB at 80 columns");
    group.sample_size(10);
    for highlight in [false, true] {
        let options = Options {
            highlight,
            ..Options::new(80, Appearance::Dark)
        };
        let name = if highlight { "highlighted" } else { "plain" };
        group.bench_function(name, |b| b.iter(|| render::render(&body, None, &options)));
    }
    group.finish();
}

criterion_group!(benches, layout);
criterion_main!(benches);
