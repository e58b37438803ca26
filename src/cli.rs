//! The command line: `folio [PATH]`, `folio list`, `folio render`, `folio check`, and the
//! commands that describe folio itself: `config`, `completions`, `man`.

use std::path::PathBuf;

use clap::{Args, CommandFactory, Parser, Subcommand};

use crate::content::SortOrder;
use crate::theme::Appearance;

/// Read a blog's markdown source in the terminal.
///
/// PATH is a Hugo, Zola or Jekyll site, any folder of markdown, one post, or `-` for one post
/// read from standard input. Without PATH, folio reads ./content when there is one, else the
/// current folder when it is a site or holds markdown, else its built-in sample blog.
#[derive(Debug, Parser)]
#[command(
    name = "folio",
    version,
    override_usage = "folio [OPTIONS] [PATH]\n       folio <COMMAND> [OPTIONS]"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    /// The blog to read: a site root, a content folder, a single post, or `-` for standard input.
    pub path: Option<PathBuf>,

    /// Colours for a dark or a light terminal background [default: the config file's theme].
    #[arg(long, value_enum, global = true)]
    pub theme: Option<Appearance>,

    /// Read settings from FILE instead of $XDG_CONFIG_HOME/folio/config.toml.
    #[arg(long, value_name = "FILE", global = true)]
    pub config: Option<PathBuf>,

    /// Neither read nor save what was read and where, nor the cache of the blog's metadata
    /// (both are kept per blog under $XDG_STATE_HOME/folio, or FOLIO_STATE_DIR).
    #[arg(long, global = true)]
    pub no_state: bool,
}

impl Cli {
    /// Parses the process's arguments. `--config`, `--theme` and `--no-state` are global, so
    /// they go before or after a subcommand; a PATH goes after it (`folio list PATH`), and one
    /// given before (`folio PATH list`) is refused with the form that works.
    pub fn parse_args() -> Cli {
        let cli = Cli::parse();
        if let (Some(path), Some(_)) = (&cli.path, &cli.command) {
            let message = format!(
                "`{}` comes before the subcommand; a PATH goes after it, as in: folio list PATH",
                path.display()
            );
            Cli::command()
                .error(clap::error::ErrorKind::ArgumentConflict, message)
                .exit();
        }
        cli
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the posts, newest first (drafts hidden unless --drafts).
    List(ListArgs),
    /// Print one post as the reader shows it, for pipes and pagers.
    Render(RenderArgs),
    /// Search the text of every post, best match first, as the reader's F does.
    ///
    /// Exits with 1 when no post matched, as grep does.
    Search(SearchArgs),
    /// Report problems in the posts, one per line as `path:line: error|warning: message`.
    ///
    /// Exits with 1 when any error was found.
    Check {
        /// The blog to check (as for `folio PATH`).
        path: Option<PathBuf>,
    },
    /// Print folio's default configuration (with --print-default).
    ///
    /// The settings live in $XDG_CONFIG_HOME/folio/config.toml, or the file given with --config.
    Config {
        /// Print the full default configuration, with comments: a starting config.toml.
        #[arg(long, required = true)]
        print_default: bool,
    },
    /// Print a shell completion script.
    ///
    /// For example: `folio completions bash > ~/.local/share/bash-completion/completions/folio`.
    Completions {
        /// The shell to complete in.
        shell: clap_complete::Shell,
    },
    /// Print folio's man page.
    ///
    /// It is roff: `folio man | man -l -` reads it, `folio man > folio.1` keeps it.
    Man,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// The blog to list (as for `folio PATH`).
    pub path: Option<PathBuf>,

    /// Print a JSON array of posts instead of aligned text.
    #[arg(long)]
    pub json: bool,

    /// Include drafts.
    #[arg(short = 'D', long)]
    pub drafts: bool,

    /// Order of the posts.
    #[arg(long, value_enum, default_value_t = SortOrder::Date)]
    pub sort: SortOrder,

    /// Only posts with this tag (case does not matter).
    #[arg(long, value_name = "TAG")]
    pub tag: Option<String>,
}

impl ListArgs {
    /// The listing `folio PATH` prints until the reader opens instead.
    pub fn for_path(path: Option<PathBuf>) -> Self {
        ListArgs {
            path,
            json: false,
            drafts: false,
            sort: SortOrder::Date,
            tag: None,
        }
    }
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// What to look for: a word, a phrase, or words anywhere in a post. All in lower case
    /// ignores case; a capital letter makes the search exact.
    pub query: String,

    /// The blog to search (as for `folio PATH`).
    pub path: Option<PathBuf>,

    /// Print a JSON array of results instead of text.
    #[arg(long)]
    pub json: bool,

    /// Include drafts.
    #[arg(short = 'D', long)]
    pub drafts: bool,
}

#[derive(Debug, Args)]
pub struct RenderArgs {
    /// The markdown file to render, or `-` to read one from standard input.
    pub file: PathBuf,

    /// Columns to lay out for [default: the config file's reader_width (100), or the
    /// terminal's width when stdout is a narrower terminal].
    #[arg(long, value_parser = clap::value_parser!(u16).range(1..))]
    pub width: Option<u16>,

    /// When to use colour: `auto` only on a terminal with NO_COLOR unset.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,

    /// Print pictures inline when stdout is a terminal with kitty, iTerm2 or sixel graphics.
    #[arg(long)]
    pub images: bool,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    #[default]
    Auto,
    Always,
    Never,
}
