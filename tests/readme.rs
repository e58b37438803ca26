//! The README documents every default key; this keeps it true as the keymap changes.

use folio::keymap::Keymap;

/// The README's key tables, as generated from the default keymap.
fn key_tables() -> String {
    let mut text = String::new();
    for (mode, bindings) in Keymap::default().groups() {
        text.push_str(&format!(
            "\n**{}**\n\n| keys | does |\n| --- | --- |\n",
            mode.title()
        ));
        for (action, keys) in bindings {
            let keys: Vec<String> = keys.iter().map(|k| format!("`{k}`")).collect();
            text.push_str(&format!(
                "| {} | {} |\n",
                keys.join(" "),
                action.description()
            ));
        }
    }
    text
}

#[test]
fn readme_lists_every_default_key() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let tables = key_tables();
    assert!(
        readme.contains(&tables),
        "README.md's key tables differ from the keymap; they should read:\n{tables}"
    );
}
