//! From the PATH a person gives to the markdown files of the blog.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::{Arc, LazyLock};

use ignore::{DirEntry, WalkBuilder, WalkState};

use super::post::display_path;
use super::{ContentError, post_file};
use crate::site::{Kind, Site};

/// Extensions read as markdown.
pub const MARKDOWN_EXTENSIONS: [&str; 3] = ["md", "markdown", "mdown"];

/// Folders that hold dependencies, never posts, wherever they are.
const DEPENDENCY_FOLDERS: [&str; 1] = ["node_modules"];

/// Folders that hold a site's build output or themes when they sit at the site's root. Inside
/// a content folder the same names are sections like any other (`functions/resources/`).
const BUILD_FOLDERS: [&str; 5] = ["public", "resources", "_site", "themes", "target"];

/// Folders Jekyll leaves out of a site by default: installed gems, never pages.
const JEKYLL_EXCLUDED: [&str; 2] = ["vendor", "gemfiles"];

/// Where the posts come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// The sample blog compiled into the binary.
    Sample,
    /// Files on disk: `root` is the content root that paths are shown relative to, `starts`
    /// the files or folders below it to read, and `site` what the site's configuration says.
    Disk {
        root: PathBuf,
        starts: Vec<PathBuf>,
        site: Arc<Site>,
    },
    /// One post read from standard input (`folio -`): nothing on disk to read again, watch or
    /// edit.
    Stdin(Arc<[u8]>),
}

/// The name a post read from standard input goes by, in the index and in messages.
pub const STDIN_NAME: &str = "standard input";

/// The sample blog's site: a plain folder with a title that says what it is.
static SAMPLE_SITE: LazyLock<Site> = LazyLock::new(|| {
    let mut site = Site::PLAIN;
    site.title = Some("Sample blog".to_string());
    site
});

impl Source {
    /// The content root, as given on the command line, for messages.
    pub fn describe(&self) -> String {
        match self {
            Source::Sample => "the built-in sample blog".to_string(),
            Source::Disk { root, .. } => display_path(root),
            Source::Stdin(_) => STDIN_NAME.to_string(),
        }
    }

    /// What the site's configuration says; a plain folder's defaults for the sample blog
    /// (titled so that the index says it is the sample) and for standard input.
    pub fn site(&self) -> &Site {
        static PLAIN: Site = Site::PLAIN;
        match self {
            Source::Sample => &SAMPLE_SITE,
            Source::Disk { site, .. } => site,
            Source::Stdin(_) => &PLAIN,
        }
    }

    /// True when the starts are content folders (a Hugo or Zola `content/`, Jekyll's
    /// `_posts/`), where every folder is content; false for a folder walked whole.
    /// How the blog's own posts are walked from its starts.
    pub fn walk_rules(&self) -> WalkRules {
        WalkRules {
            content: self.starts_are_content(),
            jekyll_pages: false,
        }
    }

    pub fn starts_are_content(&self) -> bool {
        match self {
            Source::Sample | Source::Stdin(_) => true,
            Source::Disk { root, starts, site } => {
                starts.iter().all(|s| s != root)
                    || site.content_dirs().contains(root)
                    || root.file_name().is_some_and(|name| name == "content")
            }
        }
    }
}

/// Turns the command line's PATH into a source. No PATH: see [`default_source`]. `-` is one
/// post read from standard input. A site root reads its content folder (Hugo's `contentDir`,
/// Zola's `content/`), or a Jekyll root its posts and drafts; any other folder is walked
/// whole; a file is one post.
pub fn resolve(path: Option<&Path>) -> Result<Source, ContentError> {
    let Some(path) = path else {
        return Ok(default_source(Path::new(".")));
    };
    if path == Path::new("-") {
        return from_stdin();
    }
    let metadata = std::fs::metadata(path).map_err(|source| match source.kind() {
        std::io::ErrorKind::NotFound => ContentError::NotFound(display_path(path)),
        _ => ContentError::Unreadable {
            path: display_path(path),
            source,
        },
    })?;
    if !metadata.is_file() && !metadata.is_dir() {
        return Err(ContentError::NotAPost {
            path: display_path(path),
            message: "not a regular file or folder; not read".to_string(),
        });
    }
    if metadata.is_file() {
        let root = path.parent().unwrap_or(Path::new("")).to_path_buf();
        let root = if root.as_os_str().is_empty() {
            PathBuf::from(".")
        } else {
            root
        };
        return Ok(Source::Disk {
            root,
            starts: vec![path.to_path_buf()],
            site: Arc::new(Site::above(path)),
        });
    }
    Ok(resolve_dir(path, Site::read(path)))
}

/// A folder: a site root's content, or the folder itself walked whole.
fn resolve_dir(path: &Path, site: Site) -> Source {
    if site.kind == Kind::Jekyll && path.join("_posts").is_dir() {
        let starts = ["_posts", "_drafts"]
            .iter()
            .map(|name| path.join(name))
            .filter(|dir| dir.is_dir())
            .collect();
        return Source::Disk {
            root: path.to_path_buf(),
            starts,
            site: Arc::new(site),
        };
    }
    let content = site
        .content_dir()
        .filter(|dir| dir.is_dir())
        .map(Path::to_path_buf)
        .unwrap_or_else(|| path.join("content"));
    if content.is_dir() {
        return folder(content, site);
    }
    folder(path.to_path_buf(), site)
}

/// What `folio` reads with no PATH, in `here` (the current folder): `content/` when there is
/// one (the site's own content folder first); else `here` when it is a site or holds any
/// markdown; only then the sample blog, so a folder of the user's is never passed over for it.
fn default_source(here: &Path) -> Source {
    let site = Site::read(here);
    if site.kind != Kind::Plain || site.content_dirs().first().is_some_and(|dir| dir.is_dir()) {
        return resolve_dir(here, site);
    }
    let content = here.join("content");
    if content.is_dir() {
        return folder(content, site);
    }
    if !is_code_project(here) && holds_markdown(here) {
        return resolve_dir(here, site);
    }
    Source::Sample
}

/// The build files that make a folder a program's source: its markdown is the program's
/// documentation (a README, a docs folder), not a blog to read with no PATH given.
const CODE_PROJECT_FILES: [&str; 6] = [
    "Cargo.toml",
    "package.json",
    "go.mod",
    "pyproject.toml",
    "setup.py",
    "pom.xml",
];

fn is_code_project(dir: &Path) -> bool {
    CODE_PROJECT_FILES
        .iter()
        .any(|name| dir.join(name).is_file())
}

/// How far below the current folder `folio` looks for markdown before it settles for the
/// sample: posts sit at most a year's and a month's folder down (`posts/2024/05/a.md`), and a
/// home folder with no markdown near its top is not walked whole just to find out.
const MARKDOWN_SEARCH_DEPTH: usize = 3;

/// True when a walk of `dir` by the usual rules meets a markdown file within
/// [`MARKDOWN_SEARCH_DEPTH`] folders; stops at the first.
fn holds_markdown(dir: &Path) -> bool {
    WalkBuilder::new(dir)
        .max_depth(Some(MARKDOWN_SEARCH_DEPTH + 1))
        .hidden(true)
        .follow_links(true)
        .require_git(false)
        .git_global(false)
        .filter_entry(|entry| !is_skipped_folder(entry, WalkRules::default()))
        .build()
        .flatten()
        .any(|entry| entry.file_type().is_some_and(|t| t.is_file()) && is_markdown(entry.path()))
}

/// One post read from standard input, within the same size limit as a post's file.
fn from_stdin() -> Result<Source, ContentError> {
    Ok(Source::Stdin(read_stdin("folio -")?.into()))
}

/// The post piped into `command` (`folio -`, `folio render -`). Standard input that is the
/// terminal is refused rather than waited on: nobody types a post there.
pub fn read_stdin(command: &str) -> Result<Vec<u8>, ContentError> {
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        return Err(ContentError::NotAPost {
            path: "-".to_string(),
            message: format!(
                "standard input is the terminal; pipe a post in: cat post.md | {command}"
            ),
        });
    }
    post_file::read_stream(stdin.lock()).map_err(|problem| ContentError::NotAPost {
        path: STDIN_NAME.to_string(),
        message: problem.message,
    })
}

fn folder(root: PathBuf, site: Site) -> Source {
    Source::Disk {
        starts: vec![root.clone()],
        root,
        site: Arc::new(site),
    }
}

fn is_markdown(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        MARKDOWN_EXTENSIONS
            .iter()
            .any(|m| e.eq_ignore_ascii_case(m))
    })
}

fn is_html(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("html"))
}

/// True for a markdown file that is a section page (`_index.md`): a page of the site that
/// links may point at, never a post.
pub fn is_section_file(path: &Path) -> bool {
    is_markdown(path) && path.file_stem().is_some_and(|stem| stem == "_index")
}

/// True for a markdown file that is a post; `_index.md` is a section page, not a post.
pub fn is_post_file(path: &Path) -> bool {
    is_markdown(path) && !is_section_file(path)
}

/// True when a post at `relative` (below a start) is one [`walk`] with `rules` would pass by:
/// inside a hidden folder or one the rules skip. For the folder watcher, which sees every file:
/// the one rule for both, so a post the walk reads is a post the watcher follows.
pub fn in_skipped_folder(relative: &Path, rules: WalkRules) -> bool {
    let Some(folders) = relative.parent() else {
        return false;
    };
    folders.components().enumerate().any(|(above, part)| {
        part.as_os_str()
            .to_str()
            .is_some_and(|name| name.starts_with('.') || skips(name, above + 1, rules))
    })
}

/// How a walk treats folders.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WalkRules {
    /// The starts are content folders: build folder names inside them are content.
    pub content: bool,
    /// Jekyll's site root: `_` folders are its own (posts, layouts, collections), not pages,
    /// and HTML files are pages too.
    pub jekyll_pages: bool,
}

/// Calls `visit` with every markdown file (posts and section pages) under `starts`, from
/// several threads at once, and `unreadable` with a folder or file that can't be read and why.
/// Hidden and dependency folders and whatever `.gitignore` names are skipped, and build
/// folders at the top of a start that is not a content folder; symlinks are followed and a
/// symlink cycle is noticed and left.
pub fn walk(
    starts: &[PathBuf],
    rules: WalkRules,
    visit: &(dyn Fn(&Path) + Sync),
    unreadable: &(dyn Fn(&Path, &std::io::Error) + Sync),
) {
    let Some((first, rest)) = starts.split_first() else {
        return;
    };
    let mut builder = WalkBuilder::new(first);
    for start in rest {
        builder.add(start);
    }
    builder
        .hidden(true)
        .follow_links(true)
        .require_git(false)
        .git_global(false)
        .filter_entry(move |entry| !is_skipped_folder(entry, rules));
    builder.build_parallel().run(|| {
        Box::new(move |entry| {
            if let Some((path, error)) = entry.as_ref().err().and_then(unreadable_path) {
                unreadable(path, error);
            }
            if let Ok(entry) = entry
                && entry.file_type().is_some_and(|t| t.is_file())
                && (entry.depth() == 0
                    || is_markdown(entry.path())
                    || (rules.jekyll_pages && is_html(entry.path())))
            {
                visit(entry.path());
            }
            WalkState::Continue
        })
    });
}

/// The file or folder a walk error is about, when it is one that could not be read (not, say,
/// a symlink cycle).
fn unreadable_path(error: &ignore::Error) -> Option<(&Path, &std::io::Error)> {
    match error {
        ignore::Error::WithPath { path, err } => Some((path, err.io_error()?)),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            unreadable_path(err)
        }
        _ => None,
    }
}

fn is_skipped_folder(entry: &DirEntry, rules: WalkRules) -> bool {
    if entry.depth() == 0 || !entry.file_type().is_some_and(|t| t.is_dir()) {
        return false;
    }
    entry
        .file_name()
        .to_str()
        .is_some_and(|name| skips(name, entry.depth(), rules))
}

/// Whether the walk leaves out a folder named `name`, `depth` folders below its start (1:
/// directly in it). Hidden folders are left out besides.
fn skips(name: &str, depth: usize, rules: WalkRules) -> bool {
    DEPENDENCY_FOLDERS.contains(&name)
        || (rules.jekyll_pages && name.starts_with('_'))
        || (rules.jekyll_pages && depth == 1 && JEKYLL_EXCLUDED.contains(&name))
        || (!rules.content && depth == 1 && BUILD_FOLDERS.contains(&name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_posts_but_not_section_pages() {
        assert!(is_post_file(Path::new("a/b.md")));
        assert!(is_post_file(Path::new("a/b.MARKDOWN")));
        assert!(is_post_file(Path::new("a/b.mdown")));
        assert!(is_post_file(Path::new("a/index.md")));
        assert!(!is_post_file(Path::new("a/_index.md")));
        assert!(!is_post_file(Path::new("a/b.txt")));
        assert!(!is_post_file(Path::new("a/md")));
        assert!(is_section_file(Path::new("a/_index.md")));
    }

    #[test]
    fn a_site_root_reads_the_content_folder_its_config_names() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("hugo.toml"), "contentDir = 'words'\n").unwrap();
        std::fs::create_dir_all(dir.path().join("words/resources")).unwrap();
        let Source::Disk { root, site, .. } = resolve(Some(dir.path())).unwrap() else {
            panic!("a folder on disk");
        };
        assert_eq!(root, dir.path().join("words"));
        assert_eq!(site.kind, Kind::Hugo);
        let source = resolve(Some(dir.path())).unwrap();
        assert!(
            source.starts_are_content(),
            "resources/ in words/ is content"
        );
        let plain = tempfile::tempdir().unwrap();
        assert!(!resolve(Some(plain.path())).unwrap().starts_are_content());
    }

    #[test]
    fn build_folders_are_skipped_only_at_the_top_of_a_site_root() {
        let site_root = WalkRules::default();
        assert!(in_skipped_folder(Path::new("public/a.md"), site_root));
        assert!(!in_skipped_folder(
            Path::new("functions/resources/a.md"),
            site_root
        ));
        assert!(in_skipped_folder(
            Path::new("a/node_modules/b.md"),
            site_root
        ));
        assert!(in_skipped_folder(Path::new("a/.git/b.md"), site_root));
        let content = WalkRules {
            content: true,
            jekyll_pages: false,
        };
        assert!(!in_skipped_folder(Path::new("public/a.md"), content));
        assert!(in_skipped_folder(Path::new("a/node_modules/b.md"), content));
    }

    #[test]
    fn the_watcher_rule_agrees_with_the_walk() {
        let dir = tempfile::tempdir().unwrap();
        for file in [
            "public/a.md",
            "x/public/b.md",
            "node_modules/c.md",
            ".hidden/d.md",
            "e.md",
        ] {
            let path = dir.path().join(file);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "# T\n").unwrap();
        }
        for content in [false, true] {
            let rules = WalkRules {
                content,
                jekyll_pages: false,
            };
            let walked = std::sync::Mutex::new(Vec::new());
            walk(
                &[dir.path().to_path_buf()],
                rules,
                &|path| walked.lock().unwrap().push(path.to_path_buf()),
                &|_, _| {},
            );
            let mut walked: Vec<String> = walked
                .into_inner()
                .unwrap()
                .iter()
                .map(|path| display_path(path.strip_prefix(dir.path()).unwrap()))
                .collect();
            walked.sort();
            let mut followed: Vec<String> = [
                "public/a.md",
                "x/public/b.md",
                "node_modules/c.md",
                ".hidden/d.md",
                "e.md",
            ]
            .into_iter()
            .filter(|file| !in_skipped_folder(Path::new(file), rules))
            .map(String::from)
            .collect();
            followed.sort();
            assert_eq!(walked, followed, "content starts: {content}");
        }
    }
}
