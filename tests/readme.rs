//! The README's key tables are generated from the default keymap; this keeps them true as the
//! keymap changes, and rewrites them when asked: `UPDATE_README=1 cargo test --test readme`.

use folio::commands::docs::{key_tables, with_key_tables};
use folio::keymap::Keymap;

const README: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/README.md");

#[test]
fn readme_key_tables_are_the_ones_the_keymap_generates() {
    let readme = std::fs::read_to_string(README).unwrap();
    let tables = key_tables(&Keymap::default());
    let generated =
        with_key_tables(&readme, &tables).expect("README.md keeps its key-table markers");
    if generated == readme {
        return;
    }
    if std::env::var_os("UPDATE_README").is_some() {
        std::fs::write(README, generated).unwrap();
        return;
    }
    panic!(
        "README.md's key tables differ from the keymap; regenerate them with:\n\n    \
         UPDATE_README=1 cargo test --test readme\n\nThey should read:\n{tables}"
    );
}

#[test]
fn the_man_page_lists_every_default_key() {
    let mut page = Vec::new();
    folio::commands::docs::man(&mut page).unwrap();
    let page = String::from_utf8(page).unwrap();
    for (mode, bindings) in Keymap::default().groups() {
        assert!(
            page.lines()
                .any(|line| line.starts_with(".SS") && line.contains(mode.title())),
            "the man page has a part for {mode:?}"
        );
        for (action, keys) in bindings {
            let keys: Vec<String> = keys.iter().map(ToString::to_string).collect();
            let entry = format!("\\fB{}\\fR\n{}", keys.join(", "), action.description());
            let entry = entry.replace('-', "\\-");
            assert!(page.contains(&entry), "the man page lacks {entry}");
        }
    }
}
