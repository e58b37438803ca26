//! Local links and images in a post's body, and whether what they point at exists.
//!
//! A blog links to its own posts in several ways: a relative file (`../b.md`), a relative or
//! absolute permalink (`../b/`, `/posts/b/`, `/2024/05/b/` by the site's permalink rules), a
//! full URL on the site's own address, Hugo's `{{< ref "b.md" >}}`, Zola's `@/blog/b.md`, an
//! alias, and images beside the post (page bundles) or in the site's static folders. A link
//! counts as found when any reading of it names a page of the site or a file.

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag};

use super::discover::Source;
use super::library::Library;
use super::post::Post;
use super::sample;
use crate::site::permalink::{PageFacts, strip_date_prefix};
use crate::site::{Kind, Site};

/// A link or image target that stays inside the blog, with the 1-based line it is on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocalLink {
    pub line: usize,
    pub target: String,
    pub image: bool,
}

/// The local links and images of a markdown body (markdown syntax and `<img src>`/`<a href>`
/// in inline HTML), links to the site's own address included. `first_line` is the file line
/// the body starts on.
pub fn local_links(body: &str, first_line: usize, site: &Site) -> Vec<LocalLink> {
    let line_at = |offset: usize| first_line + body[..offset.min(body.len())].matches('\n').count();
    let mut links = Vec::new();
    let mut code = Vec::new();
    let parser = Parser::new_ext(body, Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES);
    for (event, range) in parser.into_offset_iter() {
        let (target, image) = match &event {
            Event::Code(_) | Event::Start(Tag::CodeBlock(_)) => {
                code.push(range);
                continue;
            }
            Event::Start(Tag::Link {
                link_type: LinkType::Email,
                ..
            }) => continue,
            Event::Start(Tag::Link { dest_url, .. }) => (dest_url.to_string(), false),
            Event::Start(Tag::Image { dest_url, .. }) => (dest_url.to_string(), true),
            Event::Html(html) | Event::InlineHtml(html) => {
                for (attribute, image) in [("src", true), ("href", false)] {
                    for (offset, value) in html_attribute_values(html, attribute) {
                        if let Some(target) = local_target(&value, site) {
                            links.push((range.start + offset, target, image));
                        }
                    }
                }
                continue;
            }
            _ => continue,
        };
        if let Some(target) = local_target(&target, site) {
            links.push((range.start, target, image));
        }
    }
    links.extend(
        hugo_refs(body)
            .into_iter()
            .filter(|(offset, _)| !code.iter().any(|range| range.contains(offset)))
            .map(|(offset, target)| (offset, target, false)),
    );
    links.sort_by_key(|link| link.0);
    links
        .into_iter()
        .map(|(offset, target, image)| LocalLink {
            line: line_at(offset),
            target,
            image,
        })
        .collect()
}

/// Targets of Hugo's `{{< ref "path" >}}` and `{{< relref "path" >}}` shortcodes. Markdown does
/// not see these as link destinations (they hold spaces), so they are found in the raw text.
fn hugo_refs(body: &str) -> Vec<(usize, String)> {
    let mut refs = Vec::new();
    let mut from = 0;
    while let Some(found) = body[from..].find("{{") {
        let start = from + found;
        from = start + 2;
        let Some(inner) = body[from..]
            .strip_prefix('<')
            .or_else(|| body[from..].strip_prefix('%'))
        else {
            continue;
        };
        let inner = inner.trim_start();
        let Some(args) = inner
            .strip_prefix("relref")
            .or_else(|| inner.strip_prefix("ref"))
            .filter(|args| args.starts_with(char::is_whitespace))
        else {
            continue;
        };
        let Some(end) = args.find("}}") else { continue };
        let args = args[..end].trim_end_matches(['>', '%']);
        let target = args
            .split(['"', '\''])
            .nth(1)
            .unwrap_or("")
            .split('#')
            .next()
            .unwrap_or("");
        if !target.is_empty() {
            refs.push((start, target.to_string()));
        }
    }
    refs
}

/// The path part of a link that points inside the site (a full URL on the site's own address
/// kept whole); `None` for other URLs with a scheme, protocol-relative URLs, pure fragments
/// and templates.
fn local_target(raw: &str, site: &Site) -> Option<String> {
    let raw = raw.trim();
    let has_scheme = raw.split_once(':').is_some_and(|(scheme, _)| {
        !scheme.is_empty()
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c))
    });
    if (has_scheme && site.site_path(raw).is_none())
        || raw.starts_with("//")
        || raw.contains("{{")
        || raw.contains("{%")
    {
        return None;
    }
    let path = raw.split(['#', '?']).next().unwrap_or("");
    (!path.is_empty()).then(|| percent_decode(path))
}

/// A link as a path inside the site: a full URL on the site's address loses it, Zola's
/// `@/` names a file under the content root.
fn site_relative(target: &str, site: &Site) -> String {
    if let Some(path) = site.site_path(target) {
        return path;
    }
    match target.strip_prefix("@/") {
        Some(content) => format!("/{content}"),
        None => target.to_string(),
    }
}

/// Values of `attribute="…"`, `attribute='…'` or `attribute=…` in an HTML fragment, with their
/// byte offsets.
fn html_attribute_values(html: &str, attribute: &str) -> Vec<(usize, String)> {
    let lower = html.to_ascii_lowercase();
    let mut values = Vec::new();
    let mut from = 0;
    while let Some(found) = lower[from..].find(attribute) {
        let start = from + found;
        from = start + attribute.len();
        let before_ok = start == 0 || lower.as_bytes()[start - 1].is_ascii_whitespace();
        let rest = lower[from..].trim_start();
        if !before_ok || !rest.starts_with('=') {
            continue;
        }
        let value_start = html.len() - rest.len() + 1;
        let value = html[value_start..].trim_start();
        let value = match value.chars().next() {
            Some(quote @ ('"' | '\'')) => value[1..].split(quote).next().unwrap_or(""),
            _ => value
                .split(|c: char| c.is_whitespace() || c == '>')
                .next()
                .unwrap_or(""),
        };
        values.push((start, value.to_string()));
    }
    values
}

fn percent_decode(path: &str) -> String {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = (bytes[i] == b'%')
            .then(|| path.get(i + 1..i + 3))
            .flatten()
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match hex {
            Some(byte) => {
                out.push(byte);
                i += 3;
            }
            None => {
                out.push(bytes[i]);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Whether an image or file a post on disk refers to exists: relative to the post (a page
/// bundle), or for a site path (`/images/a.png`) in the site's static and asset folders, else
/// under a `static/` or `assets/` folder or the root of any folder above the post.
pub fn site_file_exists(post_file: &Path, target: &str, site: &Site) -> bool {
    let Some(target) = local_target(target, site) else {
        return true;
    };
    let target = site_relative(&target, site);
    let post_dir = post_file.parent().unwrap_or(Path::new(""));
    match target.strip_prefix('/') {
        Some(site_path) => {
            site.static_dirs()
                .iter()
                .chain(site.asset_dirs())
                .any(|dir| dir.join(site_path).is_file())
                || post_dir.ancestors().any(|dir| {
                    ["static", "assets", ""]
                        .iter()
                        .any(|place| dir.join(place).join(site_path).is_file())
                })
        }
        None => post_dir.join(&target).is_file(),
    }
}

/// Answers "does this image exist?" for one post, on disk or in the sample blog. Owned, so a
/// background layout can take it along.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImageCheck {
    /// The post's file on disk, and the site it belongs to.
    Disk { file: PathBuf, site: Arc<Site> },
    /// The post's path in the sample blog.
    Sample(PathBuf),
}

impl ImageCheck {
    pub fn for_post(library: &Library, post: &Post) -> ImageCheck {
        match library.source() {
            Source::Disk { root, site, .. } => ImageCheck::Disk {
                file: root.join(&post.file),
                site: Arc::clone(site),
            },
            Source::Sample => ImageCheck::Sample(post.file.clone()),
        }
    }

    pub fn exists(&self, target: &str) -> bool {
        match self {
            ImageCheck::Disk { file, site } => site_file_exists(file, target, site),
            ImageCheck::Sample(file) => match local_target(target, &Site::PLAIN) {
                None => true,
                Some(target) => {
                    let dir = file.parent().unwrap_or(Path::new(""));
                    let path = match target.strip_prefix('/') {
                        Some(site_path) => PathBuf::from(site_path),
                        None => lexical(&dir.join(&target)),
                    };
                    sample::read(&path).is_some()
                }
            },
        }
    }
}

/// What the blog holds, to answer "does this link go anywhere?".
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
            Source::Sample => None,
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
    let url = permalink(post);
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
            if let Some(url) = crate::site::permalink::expand(
                link,
                &facts,
                crate::site::permalink::Dialect::Jekyll,
            ) {
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
    let mut dirs = vec![post_dir.to_path_buf(), PathBuf::from(permalink(post))];
    if let Some(link) = &post.meta.permalink {
        dirs.push(PathBuf::from(normalise(link)));
    }
    dirs.push(PathBuf::new());
    dirs.iter().map(|dir| lexical(&dir.join(target))).collect()
}

/// A page's permalink as Hugo and Zola make it by default: its path without the extension, a
/// bundle's or a section's folder for `index.md` and `_index.md`, always with a leading slash
/// and no trailing one.
fn permalink(post: &Post) -> String {
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

/// Resolves `.` and `..` without touching the disk; `..` above the top stays at the top.
fn lexical(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir | Component::RootDir | Component::Prefix(_) => {}
            Component::Normal(part) => out.push(part),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn targets(body: &str) -> Vec<(usize, String, bool)> {
        local_links(body, 10, &Site::PLAIN)
            .into_iter()
            .map(|l| (l.line, l.target, l.image))
            .collect()
    }

    #[test]
    fn finds_markdown_links_and_images_with_lines() {
        let body = "See [a](../a/) and [web](https://x.org).\n\n![cat](cat.png \"t\")\n[m](mailto:a@b) [f](#top)\n";
        assert_eq!(
            targets(body),
            [
                (10, "../a/".to_string(), false),
                (12, "cat.png".to_string(), true)
            ]
        );
    }

    #[test]
    fn finds_html_images_in_any_attribute_order_and_quoting() {
        let body = "Text\n\n<img class=\"x\" src='/images/p.png' alt=\"p\">\n\n<p><img alt=q src=/q.png></p>\n";
        let found = targets(body);
        assert_eq!(found[0], (12, "/images/p.png".to_string(), true));
        assert_eq!(found[1], (14, "/q.png".to_string(), true));
    }

    #[test]
    fn hugo_ref_shortcodes_and_fragments() {
        let body = "[x]({{< ref \"posts/x.md\" >}}) [y](/posts/y/#part) [z](b%20c.md?q=1)\n";
        let found: Vec<String> = targets(body).into_iter().map(|t| t.1).collect();
        assert_eq!(found, ["posts/x.md", "/posts/y/", "b c.md"]);
    }

    #[test]
    fn site_files_are_found_beside_the_post_or_under_static() {
        let site = tempfile::tempdir().unwrap();
        let bundle = site.path().join("content/posts/p");
        std::fs::create_dir_all(&bundle).unwrap();
        std::fs::create_dir_all(site.path().join("static/images")).unwrap();
        std::fs::write(bundle.join("a.png"), "").unwrap();
        std::fs::write(site.path().join("static/images/b.png"), "").unwrap();
        let post = bundle.join("index.md");
        let plain = Site::PLAIN;
        assert!(site_file_exists(&post, "a.png", &plain));
        assert!(site_file_exists(&post, "/images/b.png", &plain));
        assert!(!site_file_exists(&post, "/images/c.png", &plain));
        assert!(!site_file_exists(&post, "c.png", &plain));
        assert!(site_file_exists(&post, "https://x.org/c.png", &plain));
    }

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
        ]);
        let from = "_posts/2024-05-07-rain.md";
        assert_eq!(site.follow(from, "/weather/rain/"), Some("Rain"));
        assert_eq!(site.follow(from, "/old-rain/"), Some("Rain"));
        assert_eq!(site.follow(from, "/guides/setup/first.html"), Some("First"));
        assert_eq!(site.follow(from, "https://j.org/team/"), Some("Team"));
        assert_eq!(site.follow(from, "/README.html"), None);
        assert!(site.library.posts().iter().filter(|p| p.listed).count() == 1);
    }

    #[test]
    fn email_autolinks_and_code_are_not_site_links() {
        let body = "Mail <a@b.org>.\n\n`{{< ref \"x.md\" >}}`\n\n{{< ref \"y.md\" >}}\n\n\
                    {{ reflect.IsMap \"z\" }}\n";
        let found: Vec<String> = targets(body).into_iter().map(|t| t.1).collect();
        assert_eq!(found, ["y.md"]);
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
