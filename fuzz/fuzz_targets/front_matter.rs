//! Front matter of any bytes: split and parsed in each language, then read as a post.

#![no_main]

use std::path::Path;

use folio::content::Post;
use folio::content::front_matter;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let (split, _) = front_matter::split(text);
        if let Some((format, raw)) = split.front_matter {
            let _ = front_matter::parse(format, raw, split.front_matter_line);
        }
        for format in [
            front_matter::Format::Yaml,
            front_matter::Format::Toml,
            front_matter::Format::Json,
        ] {
            let _ = front_matter::parse(format, text, 1);
        }
    }
    if let Ok(post) = Post::from_bytes(Path::new("fuzz.md"), data) {
        assert!(!post.title.chars().any(char::is_control), "{:?}", post.title);
    }
});
