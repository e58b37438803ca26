//! Finding the file an image source names, the way the site generator would: beside the post
//! (a page bundle), under the site's static folders for a site path, relative to the post.

use std::path::{Component, Path, PathBuf};

use crate::content::links::percent_decode;
use crate::content::sample;
use crate::site::Site;

/// Where a picture's bytes live.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Origin {
    File(PathBuf),
    /// A file of the built-in sample blog, by its path in it.
    Sample(PathBuf),
}

impl Origin {
    /// The path to show a person.
    pub fn path(&self) -> &Path {
        match self {
            Origin::File(path) | Origin::Sample(path) => path,
        }
    }
}

/// What an image source turned out to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    Local(Origin),
    /// A local source with no file behind it; the first place looked, to name in the placeholder.
    Missing(PathBuf),
    /// A web address: never fetched.
    Remote,
}

/// Looks up the images of one post. Owned, so a background layout can take it along.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finder {
    post_dir: PathBuf,
    /// Folders a site path (`/images/a.png`) is served from, most specific first.
    static_dirs: Vec<PathBuf>,
    sample: bool,
}

impl Finder {
    /// A post on disk, in a blog whose content folder is `content_root`.
    pub fn on_disk(post_file: &Path, content_root: &Path) -> Finder {
        let root = site_root(content_root).unwrap_or_else(|| content_root.to_path_buf());
        Finder::with_static_dirs(post_file, conventional_static_dirs(&root))
    }

    /// A post on disk in a site whose configuration was read: its static (and asset) folders
    /// as the config names them; the conventional ones when no config said.
    pub fn on_site(post_file: &Path, content_root: &Path, site: &Site) -> Finder {
        let named: Vec<PathBuf> = site
            .static_dirs()
            .iter()
            .chain(site.asset_dirs())
            .cloned()
            .collect();
        if named.is_empty() {
            return Finder::on_disk(post_file, content_root);
        }
        Finder::with_static_dirs(post_file, named)
    }

    /// A post on disk with the static folders the site's config names.
    pub fn with_static_dirs(post_file: &Path, static_dirs: Vec<PathBuf>) -> Finder {
        Finder {
            post_dir: post_file.parent().unwrap_or(Path::new("")).to_path_buf(),
            static_dirs,
            sample: false,
        }
    }

    /// A post of the built-in sample blog, by its path in it.
    pub fn in_sample(post_file: &Path) -> Finder {
        Finder {
            post_dir: post_file.parent().unwrap_or(Path::new("")).to_path_buf(),
            static_dirs: conventional_static_dirs(Path::new("")),
            sample: true,
        }
    }

    pub fn find(&self, src: &str) -> Found {
        let Some(target) = local_target(src) else {
            return Found::Remote;
        };
        let candidates: Vec<PathBuf> = match target.strip_prefix('/') {
            Some(site_path) => self
                .static_dirs
                .iter()
                .map(|dir| lexical(&dir.join(site_path)))
                .collect(),
            // A relative source is the post's own (a page bundle); generators that resolve it
            // against the site root instead are covered by the static folders after it.
            None => std::iter::once(lexical(&self.post_dir.join(&target)))
                .chain(
                    self.static_dirs
                        .iter()
                        .map(|dir| lexical(&dir.join(&target))),
                )
                .collect(),
        };
        match candidates.iter().find(|path| self.exists(path)) {
            Some(path) if self.sample => Found::Local(Origin::Sample(path.clone())),
            Some(path) => Found::Local(Origin::File(path.clone())),
            None => Found::Missing(candidates.into_iter().next().unwrap_or_default()),
        }
    }

    fn exists(&self, path: &Path) -> bool {
        if self.sample {
            sample::read(path).is_some()
        } else {
            path.is_file()
        }
    }
}

/// The site's root: the nearest folder at or above the content folder that holds a Hugo, Zola
/// or Jekyll config file.
pub fn site_root(content_root: &Path) -> Option<PathBuf> {
    const CONFIGS: [&str; 7] = [
        "hugo.toml",
        "hugo.yaml",
        "hugo.json",
        "config.toml",
        "config.yaml",
        "_config.yml",
        "_config.yaml",
    ];
    content_root
        .ancestors()
        .find(|dir| CONFIGS.iter().any(|name| dir.join(name).is_file()))
        .map(Path::to_path_buf)
}

/// Where Hugo and Zola (`static/`) and Jekyll (`assets/`, and the site root itself) keep the
/// files a site path names.
pub fn conventional_static_dirs(site_root: &Path) -> Vec<PathBuf> {
    vec![
        site_root.join("static"),
        site_root.join("assets"),
        site_root.to_path_buf(),
    ]
}

/// The path part of a local source, percent-decoded; `None` for a web address or a template.
fn local_target(src: &str) -> Option<String> {
    let src = src.trim();
    let has_scheme = src.split_once(':').is_some_and(|(scheme, _)| {
        !scheme.is_empty()
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c))
    });
    if has_scheme || src.starts_with("//") || src.contains("{{") {
        return None;
    }
    let path = src.split(['#', '?']).next().unwrap_or("");
    Some(percent_decode(path))
}

/// `a/./b/../c` → `a/c`, without touching the disk.
fn lexical(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn touch(path: &Path) {
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, b"x").unwrap();
    }

    #[test]
    fn hugo_page_bundle_and_static_folder() {
        let site = tempfile::tempdir().unwrap();
        let root = site.path();
        touch(&root.join("hugo.toml"));
        let post = root.join("content/posts/trip/index.md");
        touch(&post);
        touch(&root.join("content/posts/trip/map.png"));
        touch(&root.join("static/images/logo.png"));
        let finder = Finder::on_disk(&post, &root.join("content"));
        assert_eq!(
            finder.find("map.png"),
            Found::Local(Origin::File(root.join("content/posts/trip/map.png")))
        );
        assert_eq!(
            finder.find("/images/logo.png?v=2"),
            Found::Local(Origin::File(root.join("static/images/logo.png")))
        );
    }

    #[test]
    fn a_static_folder_named_in_the_hugo_config_serves_site_paths() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::write(root.join("hugo.toml"), "staticDir = \"files\"\n").unwrap();
        let post = root.join("content/posts/a.md");
        touch(&post);
        touch(&root.join("files/images/logo.png"));
        let site = Site::read(root);
        let finder = Finder::on_site(&post, &root.join("content"), &site);
        assert_eq!(
            finder.find("/images/logo.png"),
            Found::Local(Origin::File(root.join("files/images/logo.png")))
        );
    }

    #[test]
    fn zola_colocated_asset_and_static_path_with_spaces() {
        let site = tempfile::tempdir().unwrap();
        let root = site.path();
        touch(&root.join("config.toml"));
        let post = root.join("content/2025-01-01-launch/index.md");
        touch(&post);
        touch(&root.join("content/2025-01-01-launch/chart.svg"));
        touch(&root.join("static/images/survey chart.png"));
        let finder = Finder::on_disk(&post, &root.join("content"));
        assert_eq!(
            finder.find("./chart.svg"),
            Found::Local(Origin::File(
                root.join("content/2025-01-01-launch/chart.svg")
            ))
        );
        assert_eq!(
            finder.find("/images/survey%20chart.png"),
            Found::Local(Origin::File(root.join("static/images/survey chart.png")))
        );
    }

    #[test]
    fn jekyll_site_root_and_assets() {
        let site = tempfile::tempdir().unwrap();
        let root = site.path();
        touch(&root.join("_config.yml"));
        let post = root.join("_posts/2025-01-01-hello.md");
        touch(&post);
        touch(&root.join("images/hello.jpg"));
        touch(&root.join("assets/img/banner.webp"));
        let finder = Finder::on_disk(&post, root);
        assert_eq!(
            finder.find("/images/hello.jpg"),
            Found::Local(Origin::File(root.join("images/hello.jpg")))
        );
        assert_eq!(
            finder.find("/img/banner.webp"),
            Found::Local(Origin::File(root.join("assets/img/banner.webp")))
        );
        assert_eq!(
            finder.find("../images/hello.jpg"),
            Found::Local(Origin::File(root.join("images/hello.jpg")))
        );
    }

    #[test]
    fn a_missing_file_names_the_first_place_looked() {
        let site = tempfile::tempdir().unwrap();
        let root = site.path();
        touch(&root.join("hugo.toml"));
        let post = root.join("content/a.md");
        touch(&post);
        let finder = Finder::on_disk(&post, &root.join("content"));
        assert_eq!(
            finder.find("/gone.png"),
            Found::Missing(root.join("static/gone.png"))
        );
        assert_eq!(
            finder.find("gone.png"),
            Found::Missing(root.join("content/gone.png"))
        );
    }

    #[test]
    fn web_addresses_are_remote() {
        let finder = Finder::in_sample(Path::new("posts/a.md"));
        assert_eq!(finder.find("https://example.org/a.png"), Found::Remote);
        assert_eq!(finder.find("//cdn.example.org/a.png"), Found::Remote);
    }

    #[test]
    fn sample_blog_images_come_from_the_compiled_in_files() {
        let finder = Finder::in_sample(Path::new("blog/2025/kyoto-in-the-rain/index.md"));
        assert_eq!(
            finder.find("umbrella.png"),
            Found::Local(Origin::Sample(PathBuf::from(
                "blog/2025/kyoto-in-the-rain/umbrella.png"
            )))
        );
    }
}
