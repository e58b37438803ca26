//! The sample blog, compiled in so that an installed `folio` can show something with no files
//! around.

use std::path::Path;

use include_dir::{Dir, DirEntry, include_dir};

static SAMPLE: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/sample-content");

/// Every file of the sample blog with its path relative to the blog's root.
pub fn files() -> Vec<(&'static Path, &'static [u8])> {
    let mut found = Vec::new();
    collect(&SAMPLE, &mut found);
    found
}

/// The bytes of one file of the sample blog.
pub fn read(path: &Path) -> Option<&'static [u8]> {
    SAMPLE.get_file(path).map(|file| file.contents())
}

fn collect(dir: &'static Dir<'static>, found: &mut Vec<(&'static Path, &'static [u8])>) {
    for entry in dir.entries() {
        match entry {
            DirEntry::Dir(sub) => collect(sub, found),
            DirEntry::File(file) => found.push((file.path(), file.contents())),
        }
    }
}
