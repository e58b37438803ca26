//! From the PATH a person gives to the markdown files of the blog.

use std::path::{Path, PathBuf};

use ignore::{DirEntry, WalkBuilder, WalkState};

use super::ContentError;
use super::post::display_path;

/// Extensions read as markdown.
pub const MARKDOWN_EXTENSIONS: [&str; 3] = ["md", "markdown", "mdown"];

/// Folders that hold build output, dependencies or themes, never posts.
const SKIPPED_FOLDERS: [&str; 6] = [
    "node_modules",
    "public",
    "resources",
    "_site",
    "themes",
    "target",
];

/// Where the posts come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// The sample blog compiled into the binary.
    Sample,
    /// Files on disk: `root` is the content root that paths are shown relative to, and `starts`
    /// the files or folders below it to read.
    Disk { root: PathBuf, starts: Vec<PathBuf> },
}

impl Source {
    /// The content root, as given on the command line, for messages.
    pub fn describe(&self) -> String {
        match self {
            Source::Sample => "the built-in sample blog".to_string(),
            Source::Disk { root, .. } => display_path(root),
        }
    }
}

/// Turns the command line's PATH into a source. No PATH: `./content` when there is one, else
/// the sample blog. A site root with `content/` (Hugo, Zola) reads that; a Jekyll root (with
/// `_posts/`) reads its posts and drafts; any other folder is walked whole; a file is one post.
pub fn resolve(path: Option<&Path>) -> Result<Source, ContentError> {
    let Some(path) = path else {
        let content = Path::new("content");
        return Ok(if content.is_dir() {
            folder(content.to_path_buf())
        } else {
            Source::Sample
        });
    };
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
        });
    }
    let content = path.join("content");
    if content.is_dir() {
        return Ok(folder(content));
    }
    if path.join("_posts").is_dir() {
        let starts = ["_posts", "_drafts"]
            .iter()
            .map(|name| path.join(name))
            .filter(|dir| dir.is_dir())
            .collect();
        return Ok(Source::Disk {
            root: path.to_path_buf(),
            starts,
        });
    }
    Ok(folder(path.to_path_buf()))
}

fn folder(root: PathBuf) -> Source {
    Source::Disk {
        starts: vec![root.clone()],
        root,
    }
}

/// True for a markdown file that is a post; `_index.md` is a section page, not a post.
pub fn is_post_file(path: &Path) -> bool {
    let markdown = path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        MARKDOWN_EXTENSIONS
            .iter()
            .any(|m| e.eq_ignore_ascii_case(m))
    });
    let section = path.file_stem().is_some_and(|stem| stem == "_index");
    markdown && !section
}

/// True when a post at `relative` (below a start) is one [`walk`] would pass by: inside a
/// hidden or build folder. For the folder watcher, which sees every file.
pub fn in_skipped_folder(relative: &Path) -> bool {
    let Some(folders) = relative.parent() else {
        return false;
    };
    folders.components().any(|part| {
        part.as_os_str()
            .to_str()
            .is_some_and(|name| name.starts_with('.') || SKIPPED_FOLDERS.contains(&name))
    })
}

/// Calls `visit` with every post file under `starts`, from several threads at once, and
/// `unreadable` with a folder or file that can't be read and why. Hidden folders, build
/// folders and whatever `.gitignore` names are skipped; symlinks are followed and a symlink
/// cycle is noticed and left.
pub fn walk(
    starts: &[PathBuf],
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
        .filter_entry(|entry| !is_skipped_folder(entry));
    builder.build_parallel().run(|| {
        Box::new(move |entry| {
            if let Some((path, error)) = entry.as_ref().err().and_then(unreadable_path) {
                unreadable(path, error);
            }
            if let Ok(entry) = entry
                && entry.file_type().is_some_and(|t| t.is_file())
                && (entry.depth() == 0 || is_post_file(entry.path()))
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

fn is_skipped_folder(entry: &DirEntry) -> bool {
    entry.depth() > 0
        && entry.file_type().is_some_and(|t| t.is_dir())
        && entry
            .file_name()
            .to_str()
            .is_some_and(|name| SKIPPED_FOLDERS.contains(&name))
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
    }
}
