//! Any bytes as a post, laid out at a width the first byte picks: no panic, no control
//! character and no line wider than asked.

#![no_main]

use std::path::Path;

use folio::content::Post;
use folio::render::{self, Header, Options};
use folio::theme::Appearance;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&first, bytes)) = data.split_first() else {
        return;
    };
    let width = 20 + usize::from(first);
    let Ok(post) = Post::from_bytes(Path::new("fuzz.md"), bytes) else {
        return;
    };
    let text = String::from_utf8_lossy(bytes);
    let body = text.get(post.body_offset..).unwrap_or_default();
    let options = Options {
        highlight: first % 2 == 0,
        ..Options::new(width, Appearance::Dark)
    };
    let rendered = render::render(body, Some(&Header::from(&post)), &options);
    for line in &rendered.lines {
        assert!(line.width() <= width, "wider than {width}: {line:?}");
        for span in &line.spans {
            assert!(!span.content.chars().any(char::is_control), "{span:?}");
        }
    }
});
