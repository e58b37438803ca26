//! Whether a link goes anywhere: every URL each page of the blog answers to (its file, its
//! permalinks by the site's rules, its aliases), and the readings of a link written in a post
//! (relative to its file or its permalink, Zola's `@/`, a full URL on the site's address).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::discover::Source;
use super::library::Library;
use super::links::{ImageCheck, lexical, local_target, site_relative};
use super::post::Post;
use crate::site::permalink::{self, Dialect, PageFacts, strip_date_prefix};
use crate::site::{Kind, Site};

/// What the blog holds, to answer "does this link go anywhere?".
#[derive(Debug)]
pub struct LinkIndex {
    /// Every page's URLs (its file, its permalinks, its aliases), normalised, to the page's
    /// position in the library.
    posts: HashMap<String, usize>,
    site: Arc<Site>,
    /// The content root on disk, to find a file in a page bundle a permalink leads to.
    root: Option<PathBuf>,
}

impl LinkIndex {
    pub fn new(library: &Library) -> Self {
        let site = Arc::new(library.source().site().clone());
        let root = match library.source() {
            Source::Disk { root, .. } => Some(root.clone()),
            Source::Sample | Source::Stdin(_) => None,
        };
        let mut posts = HashMap::new();
        for (position, post) in library.posts().iter().enumerate() {
            for url in urls(post, &site, root.as_deref()) {
                posts.entry(url).or_insert(position);
            }
        }
        // A post's own file and default permalink win over another page's alias.
        for (position, post) in library.posts().iter().enumerate() {
            posts.insert(normalise(&post.file.to_string_lossy()), position);
        }
        LinkIndex { posts, site, root }
    }

    /// True when `target`, written in `post`, names a page of the blog or a file that exists.
    pub fn exists(&self, library: &Library, post: &Post, target: &str) -> bool {
        self.post(post, target).is_some()
            || ImageCheck::for_post(library, post).exists(target)
            || self.is_home(post, target)
            || self.left_to_site_hook(target)
            || self.site_file(library, post, target)
    }

    /// The site's home page, which every site has even without a markdown file for it.
    fn is_home(&self, post: &Post, target: &str) -> bool {
        let target = site_relative(target, &self.site);
        target.starts_with('/') && readings(post, &target) == [PathBuf::new()]
    }

    /// A Hugo site's link render hook may give words a meaning of its own (`[term](g)` for a
    /// glossary entry): those are the site's to resolve, not dead links.
    fn left_to_site_hook(&self, target: &str) -> bool {
        self.site.link_keywords.iter().any(|word| word == target)
    }

    /// The library position of the page that `target`, written in `post`, links to.
    pub fn post(&self, post: &Post, target: &str) -> Option<usize> {
        let target = target.split('#').next().unwrap_or(target);
        readings(post, &site_relative(target, &self.site))
            .iter()
            .find_map(|candidate| self.page_at(&candidate.to_string_lossy()))
    }

    fn page_at(&self, path: &str) -> Option<usize> {
        self.posts.get(&normalise(path)).copied()
    }

    /// A file in the site's static folders or in a page's bundle, named by a path relative to
    /// the post's permalink (`../../img/a.png`, `../2024/05/07/other/chart.svg`).
    fn site_file(&self, library: &Library, post: &Post, target: &str) -> bool {
        let Some(root) = &self.root else {
            return false;
        };
        let Some(target) = local_target(target, &self.site) else {
            return false;
        };
        readings(post, &site_relative(&target, &self.site))
            .iter()
            .any(|candidate| {
                let served = self
                    .site
                    .static_dirs()
                    .iter()
                    .chain(self.site.asset_dirs())
                    .any(|dir| dir.join(candidate).is_file());
                if served {
                    return true;
                }
                let (Some(dir), Some(name)) = (candidate.parent(), candidate.file_name()) else {
                    return false;
                };
                self.page_at(&dir.to_string_lossy())
                    .and_then(|at| library.posts().get(at))
                    .and_then(|page| page.file.parent())
                    .is_some_and(|folder| root.join(folder).join(name).is_file())
            })
    }
}

/// Every URL a page answers to, normalised.
fn urls(post: &Post, site: &Site, root: Option<&Path>) -> Vec<String> {
    let url = default_permalink(post);
    let parent = url.rsplit_once('/').map_or("", |(p, _)| p).to_string();
    let mut urls = vec![url];
    if let Some(name) = post.file.file_stem().and_then(|s| s.to_str()) {
        let undated = strip_date_prefix(name);
        if undated != name {
            urls.push(normalise(&format!("{parent}/{undated}")));
        }
    }
    if let Some(slug) = &post.meta.slug {
        urls.push(normalise(&format!("{parent}/{slug}")));
    }
    let (facts_file, collection) = site_place(post, site, root);
    let facts = PageFacts {
        file: &facts_file,
        date: post.date.map(|d| d.date()),
        title: &post.title,
        slug: post.meta.slug.as_deref(),
        categories: &post.meta.categories,
        collection: &collection,
    };
    match &post.meta.permalink {
        Some(link) if link.contains(':') && site.kind == Kind::Jekyll => {
            if let Some(url) = permalink::expand(link, &facts, Dialect::Jekyll) {
                urls.push(normalise(&url));
            }
        }
        Some(link) => urls.push(normalise(&site_relative(link, site))),
        None => urls.extend(site.permalink(&facts).map(|url| normalise(&url))),
    }
    urls.extend(
        post.meta
            .aliases
            .iter()
            .map(|alias| normalise(&site_relative(alias, site))),
    );
    urls
}

/// Where a page sits for the site's permalink rules: for Jekyll, its path inside its
/// collection's folder and the collection's name (`posts` for `_posts/`).
fn site_place(post: &Post, site: &Site, root: Option<&Path>) -> (PathBuf, String) {
    if site.kind != Kind::Jekyll {
        return (post.file.clone(), String::new());
    }
    for folder in ["_posts", "_drafts"] {
        if let Some(at) = post.file.components().position(|c| c.as_os_str() == folder) {
            let inside: PathBuf = post.file.components().skip(at + 1).collect();
            return (inside, "posts".to_string());
        }
    }
    for collection in site.collections() {
        let dir = root
            .and_then(|root| collection.dir.strip_prefix(root).ok())
            .unwrap_or(&collection.dir);
        if let Ok(inside) = post.file.strip_prefix(dir) {
            return (inside.to_path_buf(), collection.name.clone());
        }
    }
    (post.file.clone(), String::new())
}

/// The site paths a link in `post` may mean: relative to the post's file, to its permalink, or
/// to the content root.
fn readings(post: &Post, target: &str) -> Vec<PathBuf> {
    if target.starts_with('/') {
        return vec![lexical(Path::new(target))];
    }
    let post_dir = post.file.parent().unwrap_or(Path::new(""));
    let mut dirs = vec![
        post_dir.to_path_buf(),
        PathBuf::from(default_permalink(post)),
    ];
    if let Some(link) = &post.meta.permalink {
        dirs.push(PathBuf::from(normalise(link)));
    }
    dirs.push(PathBuf::new());
    dirs.iter().map(|dir| lexical(&dir.join(target))).collect()
}

/// A page's permalink as Hugo and Zola make it by default: its path without the extension, a
/// bundle's or a section's folder for `index.md` and `_index.md`, always with a leading slash
/// and no trailing one.
fn default_permalink(post: &Post) -> String {
    let file = &post.file;
    let without_ext = file.with_extension("");
    let path = if file
        .file_stem()
        .is_some_and(|s| s == "index" || s == "_index")
    {
        file.parent().map(Path::to_path_buf).unwrap_or_default()
    } else {
        without_ext
    };
    normalise(&path.to_string_lossy())
}

/// One spelling of a site path: forward slashes, a leading slash, no trailing slash, no
/// `index.html`, `.md` or `.html` ending, lower case.
fn normalise(path: &str) -> String {
    let path = path.replace('\\', "/");
    let path = path.trim_end_matches('/');
    let path = path
        .strip_suffix("/index.html")
        .or_else(|| path.strip_suffix("/index.md"))
        .unwrap_or(path);
    let path = [".md", ".markdown", ".mdown", ".html"]
        .iter()
        .find_map(|ext| path.strip_suffix(ext))
        .unwrap_or(path);
    let path = path.trim_matches('/');
    format!("/{}", path.to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A site written into a temporary folder, loaded, with a way to ask where a link from
    /// one page leads (the title of the page, or `None`).
    struct Fixture {
        _dir: tempfile::TempDir,
        library: Library,
        index: LinkIndex,
    }

    impl Fixture {
        fn new(files: &[(&str, &str)]) -> Fixture {
            let dir = tempfile::tempdir().unwrap();
            for (name, text) in files {
                let path = dir.path().join(name);
                std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                std::fs::write(path, text).unwrap();
            }
            let source = crate::content::discover::resolve(Some(dir.path())).unwrap();
            let library = Library::load(source).unwrap();
            let index = LinkIndex::new(&library);
            Fixture {
                _dir: dir,
                library,
                index,
            }
        }

        fn page(&self, path: &str) -> &Post {
            let found = self.library.posts().iter().find(|p| p.path == path);
            found.unwrap_or_else(|| panic!("{path} is read"))
        }

        fn follow(&self, from: &str, target: &str) -> Option<&str> {
            let at = self.index.post(self.page(from), target)?;
            Some(self.library.posts()[at].title.as_str())
        }

        fn exists(&self, from: &str, target: &str) -> bool {
            self.index.exists(&self.library, self.page(from), target)
        }
    }

    const POST: &str = "---\ntitle: Sky\ndate: 2024-05-07\n---\n";

    #[test]
    fn hugo_permalinks_base_url_sections_and_bundles() {
        let site = Fixture::new(&[
            (
                "hugo.toml",
                "baseURL = 'https://h.org/'\n[permalinks]\nposts = '/:year/:month/:slug/'\n",
            ),
            ("content/posts/sky/index.md", POST),
            ("content/posts/sky/chart.svg", "<svg/>"),
            ("content/docs/_index.md", "---\ntitle: Docs\n---\n"),
            ("content/docs/public/a.md", "---\ntitle: Public A\n---\n"),
            ("static/logo.png", ""),
        ]);
        let from = "docs/public/a.md";
        assert_eq!(site.follow(from, "/2024/05/sky/"), Some("Sky"));
        assert_eq!(
            site.follow(from, "https://h.org/2024/05/sky/#top"),
            Some("Sky")
        );
        assert_eq!(
            site.follow(from, "/posts/sky/"),
            Some("Sky"),
            "its file path too"
        );
        assert_eq!(
            site.follow(from, "../"),
            Some("Docs"),
            "a section is a page"
        );
        assert_eq!(
            site.follow("posts/sky/index.md", "/docs/public/a/"),
            Some("Public A")
        );
        assert!(
            site.exists(from, "/2024/05/sky/chart.svg"),
            "a file in a bundle by its URL"
        );
        assert!(site.exists(from, "/logo.png"));
        assert!(site.exists(from, "https://h.org/"), "the home page");
        assert!(!site.exists(from, "/2024/06/sky/"));
        assert_eq!(site.follow(from, "https://other.org/2024/05/sky/"), None);
    }

    #[test]
    fn zola_at_links_sections_and_dated_file_names() {
        let site = Fixture::new(&[
            ("config.toml", "base_url = \"https://z.org\"\n"),
            ("content/blog/_index.md", "+++\ntitle = \"Blog\"\n+++\n"),
            (
                "content/blog/2022-12-24_eve.md",
                "+++\ntitle = \"Eve\"\n+++\n",
            ),
            (
                "content/blog/far.md",
                "+++\ntitle = \"Far\"\npath = \"x/y/far\"\n+++\n",
            ),
        ]);
        let from = "blog/far.md";
        assert_eq!(
            site.follow(from, "@/blog/2022-12-24_eve.md#top"),
            Some("Eve")
        );
        assert_eq!(site.follow(from, "@/blog/_index.md"), Some("Blog"));
        assert_eq!(
            site.follow(from, "/blog/eve/"),
            Some("Eve"),
            "slug without the date"
        );
        assert_eq!(
            site.follow("blog/2022-12-24_eve.md", "/x/y/far/"),
            Some("Far")
        );
        assert_eq!(site.follow(from, "@/blog/none.md"), None);
    }

    #[test]
    fn jekyll_permalinks_collections_pages_and_redirects() {
        let site = Fixture::new(&[
            (
                "_config.yml",
                "url: https://j.org\npermalink: /:categories/:title/\n\
                 collections:\n  guides:\n    output: true\n",
            ),
            (
                "_posts/2024-05-07-rain.md",
                "---\ntitle: Rain\ncategory: Weather\nredirect_from: /old-rain/\n---\n",
            ),
            ("_guides/setup/first.md", "---\ntitle: First\n---\n"),
            (
                "pages/team.html",
                "---\ntitle: Team\npermalink: /team/\n---\n<p>x</p>\n",
            ),
            ("README.md", "No front matter: not a page.\n"),
            ("vendor/bundle/gem.md", "---\ntitle: Gem\n---\n"),
        ]);
        let from = "_posts/2024-05-07-rain.md";
        assert_eq!(site.follow(from, "/weather/rain/"), Some("Rain"));
        assert_eq!(site.follow(from, "/old-rain/"), Some("Rain"));
        assert_eq!(site.follow(from, "/guides/setup/first.html"), Some("First"));
        assert_eq!(site.follow(from, "https://j.org/team/"), Some("Team"));
        assert_eq!(site.follow(from, "/README.html"), None);
        assert_eq!(
            site.follow(from, "/vendor/bundle/gem/"),
            None,
            "installed gems"
        );
        assert!(site.library.posts().iter().filter(|p| p.listed).count() == 1);
    }

    #[test]
    fn normalised_spellings_meet() {
        assert_eq!(normalise("posts/My-Post.md"), "/posts/my-post");
        assert_eq!(normalise("/posts/my-post/"), "/posts/my-post");
        assert_eq!(normalise("/blog/x/index.html"), "/blog/x");
        assert_eq!(
            lexical(Path::new("posts/a/../b/./c")),
            PathBuf::from("posts/b/c")
        );
    }
}
