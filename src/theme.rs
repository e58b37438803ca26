//! Every colour folio uses, in one place, for a dark and a light terminal.

/// Whether the terminal's background is dark or light.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Appearance {
    #[default]
    Dark,
    Light,
}
