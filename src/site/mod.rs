//! The site's own configuration: Hugo (`hugo.toml|yaml|json`, `config.*`, `config/_default/`),
//! Zola (`config.toml`) and Jekyll (`_config.yml`). Read once when a blog is opened and used by
//! content (where posts are), links (what is internal, permalinks) and images (static folders).
//!
//! A configuration folio can't read is reported once, naming the file, and the site is then
//! read with each generator's defaults: it never stops folio.

pub mod config;
mod hugo;
mod jekyll;
pub mod permalink;

use std::path::{Path, PathBuf};

pub use config::ConfigProblem;
use permalink::{Dialect, PageFacts};

/// Which generator the site is built with.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Kind {
    Hugo,
    Zola,
    Jekyll,
    /// A folder of markdown with no generator's configuration.
    #[default]
    Plain,
}

/// A Jekyll collection whose documents are pages of the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Collection {
    pub name: String,
    pub dir: PathBuf,
    pub permalink: String,
}

/// What a site's configuration says, with each generator's defaults filled in.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Site {
    pub kind: Kind,
    /// The folder holding the configuration; `None` for a plain folder.
    pub root: Option<PathBuf>,
    /// The site's title, terminal-safe.
    pub title: Option<String>,
    /// Absolute URLs the site is published at, without a trailing slash (`https://x.org/blog`).
    base_urls: Vec<String>,
    /// Folders of content, the default language's first.
    content_dirs: Vec<PathBuf>,
    /// Folders whose files are served at the site's root (`static/`; Jekyll's root itself).
    static_dirs: Vec<PathBuf>,
    /// Folders of global resources (Hugo's `assets/`), found by site path like static files.
    asset_dirs: Vec<PathBuf>,
    /// Hugo: section → pattern. Jekyll: collection → pattern (`posts` for posts).
    permalinks: Vec<(String, String)>,
    /// Jekyll's site-wide `permalink` style.
    default_permalink: Option<String>,
    /// Jekyll collections that are output as pages (not `posts`).
    collections: Vec<Collection>,
    /// Hugo: destinations the site's own link render hook gives a meaning of its own
    /// (`[term](g)` for a glossary entry), so they are not dead links.
    pub link_keywords: Vec<String>,
    /// Why the configuration was not used, when it could not be read.
    pub problem: Option<ConfigProblem>,
}

impl Site {
    /// A folder of markdown with no configuration.
    pub const PLAIN: Site = Site {
        kind: Kind::Plain,
        root: None,
        title: None,
        base_urls: Vec::new(),
        content_dirs: Vec::new(),
        static_dirs: Vec::new(),
        asset_dirs: Vec::new(),
        permalinks: Vec::new(),
        default_permalink: None,
        collections: Vec::new(),
        link_keywords: Vec::new(),
        problem: None,
    };

    /// The site whose root is `dir`, or a plain folder when `dir` holds no configuration.
    pub fn read(dir: &Path) -> Site {
        if let Some(site) = hugo::read(dir) {
            return site;
        }
        if let Some(site) = jekyll::read(dir) {
            return site;
        }
        Site::default()
    }

    /// The site a single file belongs to: the nearest folder above it with a configuration.
    pub fn above(file: &Path) -> Site {
        let absolute = std::path::absolute(file).unwrap_or_else(|_| file.to_path_buf());
        absolute
            .ancestors()
            .skip(1)
            .map(Site::read)
            .find(|site| site.kind != Kind::Plain)
            .unwrap_or_default()
    }

    /// Zola's `config.toml`: a `base_url`, content in `content/`, files in `static/`.
    fn zola(dir: &Path, table: &serde_json::Value) -> Site {
        let mut site = Site {
            kind: Kind::Zola,
            root: Some(dir.to_path_buf()),
            title: config::text(table, "title").map(clean),
            content_dirs: vec![dir.join("content")],
            static_dirs: vec![dir.join("static")],
            ..Site::default()
        };
        site.add_base_url(config::text(table, "base_url"));
        site
    }

    fn add_base_url(&mut self, url: Option<&str>) {
        let Some(url) = url.map(|u| u.trim().trim_end_matches('/')) else {
            return;
        };
        if url.contains("://") && !self.base_urls.iter().any(|u| u == url) {
            self.base_urls.push(url.to_string());
        }
    }

    /// The default language's content folder, when the site has one.
    pub fn content_dir(&self) -> Option<&Path> {
        self.content_dirs.first().map(PathBuf::as_path)
    }

    pub fn content_dirs(&self) -> &[PathBuf] {
        &self.content_dirs
    }

    /// Folders whose files the site serves at its root: `/images/a.png` is `static/images/a.png`.
    pub fn static_dirs(&self) -> &[PathBuf] {
        &self.static_dirs
    }

    /// Folders of Hugo's global resources, which a site path can also name.
    pub fn asset_dirs(&self) -> &[PathBuf] {
        &self.asset_dirs
    }

    pub fn base_urls(&self) -> &[String] {
        &self.base_urls
    }

    pub fn collections(&self) -> &[Collection] {
        &self.collections
    }

    /// An absolute link to the site itself as a site path: `https://x.org/blog/a/` → `/a/` when
    /// the site is published at `https://x.org/blog`. `None` for other sites.
    pub fn site_path(&self, url: &str) -> Option<String> {
        let (scheme, rest) = url.split_once("://")?;
        if !scheme.eq_ignore_ascii_case("http") && !scheme.eq_ignore_ascii_case("https") {
            return None;
        }
        self.base_urls.iter().find_map(|base| {
            let (_, base_rest) = base.split_once("://")?;
            let tail = strip_prefix_ignore_case(rest, base_rest)?;
            match tail.chars().next() {
                None => Some("/".to_string()),
                Some('/') => Some(tail.to_string()),
                Some('?' | '#') => Some(format!("/{tail}")),
                Some(_) => None,
            }
        })
    }

    /// The URL the site's permalink rules give a page, when a rule applies to it. `file` is
    /// relative to the content root (Hugo) or the collection's folder (Jekyll).
    pub fn permalink(&self, facts: &PageFacts<'_>) -> Option<String> {
        match self.kind {
            Kind::Hugo => {
                let section = facts.file.components().next()?.as_os_str().to_str()?;
                let (_, pattern) = self.permalinks.iter().find(|(s, _)| s == section)?;
                permalink::expand(pattern, facts, Dialect::Hugo)
            }
            Kind::Jekyll => {
                let pattern = self
                    .permalinks
                    .iter()
                    .find(|(c, _)| c == facts.collection)
                    .map(|(_, p)| p.as_str())
                    .or(match facts.collection {
                        "posts" => Some(self.default_permalink.as_deref().unwrap_or("date")),
                        _ => None,
                    })?;
                permalink::expand(pattern, facts, Dialect::Jekyll)
            }
            Kind::Zola | Kind::Plain => None,
        }
    }
}

fn strip_prefix_ignore_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &text[prefix.len()..])
}

fn clean(text: &str) -> String {
    crate::sanitize::line(text).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, file: &str, text: &str) {
        let path = dir.join(file);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    #[test]
    fn zola_config() {
        let dir = tempfile::tempdir().unwrap();
        write(
            dir.path(),
            "config.toml",
            "base_url = \"https://z.org/\"\ntitle = \"Zed\"\n",
        );
        let site = Site::read(dir.path());
        assert_eq!(site.kind, Kind::Zola);
        assert_eq!(site.title.as_deref(), Some("Zed"));
        assert_eq!(site.base_urls(), ["https://z.org"]);
        assert_eq!(
            site.content_dir(),
            Some(dir.path().join("content").as_path())
        );
        assert_eq!(site.static_dirs(), [dir.path().join("static")]);
    }

    #[test]
    fn no_config_is_a_plain_folder() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(Site::read(dir.path()), Site::default());
    }

    #[test]
    fn absolute_links_to_the_site_become_site_paths() {
        let site = Site {
            base_urls: vec!["https://x.org/blog".into()],
            ..Site::default()
        };
        assert_eq!(
            site.site_path("https://X.org/blog/a/b/").as_deref(),
            Some("/a/b/")
        );
        assert_eq!(site.site_path("http://x.org/blog").as_deref(), Some("/"));
        assert_eq!(site.site_path("https://x.org/blogroll/"), None);
        assert_eq!(site.site_path("https://y.org/blog/a"), None);
        assert_eq!(site.site_path("mailto:x.org/blog"), None);
    }

    #[test]
    fn a_file_finds_the_site_above_it() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "_config.yml", "title: Above\n");
        write(dir.path(), "_posts/2024-01-01-a.md", "# A\n");
        let site = Site::above(&dir.path().join("_posts/2024-01-01-a.md"));
        assert_eq!(
            (site.kind, site.title.as_deref()),
            (Kind::Jekyll, Some("Above"))
        );
    }
}
