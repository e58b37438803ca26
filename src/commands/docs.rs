//! folio's documentation, generated from what folio is made of: the man page from the
//! command-line definition and the default keymap, and the README's key tables from the same
//! keymap, so neither can drift from what the keys and options do.

use std::io::{self, Write};

use clap::{Arg, CommandFactory};
use roff::{Roff, bold, italic, roman};

use crate::cli::Cli;
use crate::keymap::Keymap;

/// Where the README's key tables start and end; the text between is generated.
pub const KEY_TABLES_START: &str = "<!-- key tables: generated from src/keymap.toml -->";
pub const KEY_TABLES_END: &str = "<!-- end of key tables -->";

/// The README's key tables: a bold heading per mode, then each action's keys and what it does.
pub fn key_tables(keymap: &Keymap) -> String {
    let mut text = String::new();
    for (mode, bindings) in keymap.groups() {
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

/// `readme` with the text between its key-table markers replaced by `tables`; `None` when
/// the markers are missing.
pub fn with_key_tables(readme: &str, tables: &str) -> Option<String> {
    let start = readme.find(KEY_TABLES_START)? + KEY_TABLES_START.len();
    let end = start + readme.get(start..)?.find(KEY_TABLES_END)?;
    Some(format!(
        "{}\n{tables}\n{}",
        &readme[..start],
        &readme[end..]
    ))
}

/// Writes the man page, in roff: the options and commands from the command-line definition,
/// every key of every mode from the default keymap, then files, environment and exit status.
pub fn man(out: &mut impl Write) -> io::Result<()> {
    let command = Cli::command();
    let page = clap_mangen::Man::new(command.clone());
    let mut text = Vec::new();
    page.render_title(&mut text)?;
    page.render_name_section(&mut text)?;
    let mut roff = Roff::new();
    synopsis(&mut roff, &command);
    text.extend_from_slice(roff.to_roff().as_bytes());
    page.render_description_section(&mut text)?;
    page.render_options_section(&mut text)?;
    let mut roff = Roff::new();
    commands(&mut roff, &command);
    keys(&mut roff, &Keymap::default());
    fixed_sections(&mut roff);
    text.extend_from_slice(roff.to_roff().as_bytes());
    page.render_version_section(&mut text)?;
    out.write_all(once_preamble(&String::from_utf8_lossy(&text)).as_bytes())?;
    out.flush()
}

/// The page with the apostrophe definition that each rendered section starts with kept only
/// at its top.
fn once_preamble(page: &str) -> String {
    const PREAMBLE: &str = ".ie \\n(.g .ds Aq \\(aq\n.el .ds Aq '\n";
    match page.strip_prefix(PREAMBLE) {
        Some(rest) => format!("{PREAMBLE}{}", rest.replace(PREAMBLE, "")),
        None => page.to_string(),
    }
}

/// The subcommands worth a page of their own; clap's `help` is not one.
fn subcommands(command: &clap::Command) -> impl Iterator<Item = &clap::Command> {
    command
        .get_subcommands()
        .filter(|sub| sub.get_name() != "help")
}

/// An argument of the subcommand's own, not `--help` nor the global options.
fn own_arguments(command: &clap::Command) -> impl Iterator<Item = &Arg> {
    command
        .get_arguments()
        .filter(|arg| !matches!(arg.get_id().as_str(), "help" | "version") && !arg.is_global_set())
}

/// `--width <WIDTH>`, `-D, --drafts` or `PATH`, as the synopsis and the lists write it.
fn arg_form(arg: &Arg) -> String {
    let value = arg
        .get_value_names()
        .and_then(|names| names.first())
        .map_or_else(|| arg.get_id().as_str().to_uppercase(), ToString::to_string);
    if arg.is_positional() {
        return value;
    }
    let mut form = String::new();
    if let Some(short) = arg.get_short() {
        form.push_str(&format!("-{short}, "));
    }
    if let Some(long) = arg.get_long() {
        form.push_str(&format!("--{long}"));
    }
    if arg.get_action().takes_values() {
        form.push_str(&format!(" {value}"));
    }
    form
}

fn synopsis(roff: &mut Roff, command: &clap::Command) {
    roff.control("SH", ["SYNOPSIS"]);
    roff.text([
        bold("folio"),
        roman(" [OPTIONS] ["),
        italic("PATH"),
        roman("]"),
    ]);
    for sub in subcommands(command) {
        roff.control("br", []);
        let mut line = vec![bold(format!("folio {}", sub.get_name())), roman(" ")];
        for arg in own_arguments(sub) {
            let form = arg_form(arg);
            let form = form.rsplit(", ").next().unwrap_or(&form).to_string();
            line.push(roman(if arg.is_required_set() {
                format!("{form} ")
            } else {
                format!("[{form}] ")
            }));
        }
        roff.text(line);
    }
}

/// Each subcommand with what it does and its own options.
fn commands(roff: &mut Roff, command: &clap::Command) {
    roff.control("SH", ["COMMANDS"]);
    roff.text([roman(
        "The options above go before or after any command: folio --config FILE list PATH and \
         folio list PATH --config FILE are the same.",
    )]);
    for sub in subcommands(command) {
        roff.control("SS", [format!("folio {}", sub.get_name()).as_str()]);
        let about = sub.get_long_about().or(sub.get_about());
        if let Some(about) = about {
            for paragraph in about.to_string().split("\n\n") {
                roff.control("PP", []);
                roff.text([roman(paragraph.replace('\n', " "))]);
            }
        }
        for arg in own_arguments(sub) {
            roff.control("TP", []);
            roff.text([bold(arg_form(arg))]);
            let mut help = arg
                .get_long_help()
                .or(arg.get_help())
                .map(|help| help.to_string())
                .unwrap_or_default();
            let values: Vec<String> = arg
                .get_possible_values()
                .iter()
                .filter(|value| !value.is_hide_set())
                .map(|value| value.get_name().to_string())
                .collect();
            if !values.is_empty() && arg.get_action().takes_values() {
                let stop = if help.ends_with('.') { "" } else { "." };
                help.push_str(&format!("{stop} One of: {}.", values.join(", ")));
            }
            roff.text([roman(help.replace('\n', " "))]);
        }
    }
}

/// Every key of every mode, as `?` shows them.
fn keys(roff: &mut Roff, keymap: &Keymap) {
    roff.control("SH", ["KEYS"]);
    roff.text([roman(
        "The keys of the reader, by where they work. A [keys.MODE] table in the configuration \
         file rebinds them; ? shows the keys in use.",
    )]);
    for (mode, bindings) in keymap.groups() {
        roff.control("SS", [mode.title()]);
        for (action, keys) in bindings {
            let keys: Vec<String> = keys.iter().map(ToString::to_string).collect();
            roff.control("TP", []);
            roff.text([bold(keys.join(", "))]);
            roff.text([roman(action.description())]);
        }
    }
}

/// Where folio keeps things, what in the environment it reads, and what it exits with.
fn fixed_sections(roff: &mut Roff) {
    let entries = |roff: &mut Roff, title: &str, items: &[(&str, &str)]| {
        roff.control("SH", [title]);
        for (term, text) in items {
            roff.control("TP", []);
            roff.text([bold(*term)]);
            roff.text([roman(*text)]);
        }
    };
    entries(
        roff,
        "FILES",
        &[
            (
                "$XDG_CONFIG_HOME/folio/config.toml",
                "The settings (~/.config/folio/config.toml by default); folio config \
                 --print-default prints every one with comments.",
            ),
            (
                "$XDG_STATE_HOME/folio/",
                "What was read and where, and a cache of each blog's metadata \
                 (~/.local/state/folio/ by default); --no-state uses neither.",
            ),
        ],
    );
    entries(
        roff,
        "ENVIRONMENT",
        &[
            ("NO_COLOR", "When set, no colour."),
            (
                "COLORTERM",
                "truecolor or 24bit: 24-bit colour; else 256 colours.",
            ),
            (
                "COLORFGBG",
                "The terminal's colours, read for the theme auto before asking the terminal.",
            ),
            ("EDITOR, VISUAL", "The editor the e key opens a post in."),
            (
                "FOLIO_STATE_DIR",
                "The state folder, instead of $XDG_STATE_HOME/folio.",
            ),
        ],
    );
    entries(
        roff,
        "EXIT STATUS",
        &[
            ("0", "Success."),
            ("1", "folio check found an error in a post."),
            (
                "2",
                "folio could not run: a PATH that does not exist or holds no posts, a \
                 configuration file it can't use, a post it can't read; or folio check found \
                 no blog where it ran and checked the built-in sample instead.",
            ),
        ],
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_key_tables_replace_what_stands_between_the_markers() {
        let readme = format!("# x\n{KEY_TABLES_START}\nold\n{KEY_TABLES_END}\nrest\n");
        let updated = with_key_tables(&readme, "new\n").unwrap();
        assert_eq!(
            updated,
            format!("# x\n{KEY_TABLES_START}\nnew\n\n{KEY_TABLES_END}\nrest\n")
        );
        assert_eq!(with_key_tables(&updated, "new\n").unwrap(), updated);
        assert!(with_key_tables("no markers", "new").is_none());
    }
}
