//! Local links and images in a post's body, and whether what they point at exists.
//!
//! A blog links to its own posts in several ways: a relative file (`../b.md`), a relative or
//! absolute permalink (`../b/`, `/posts/b/`), Hugo's `{{< ref "b.md" >}}`, and images beside the
//! post (page bundles) or under the site's `static/` folder. A link counts as found when any
//! reading of it names a post or a file.

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};

use pulldown_cmark::{Event, Options, Parser, Tag};

use super::discover::Source;
use super::library::Library;
use super::post::Post;
use super::sample;

/// A link or image target that stays inside the blog, with the 1-based line it is on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocalLink {
    pub line: usize,
    pub target: String,
    pub image: bool,
}

/// The local links and images of a markdown body (markdown syntax and `<img src>`/`<a href>`
/// in inline HTML). `first_line` is the file line the body starts on.
pub fn local_links(body: &str, first_line: usize) -> Vec<LocalLink> {
    let mut links = Vec::new();
    let parser = Parser::new_ext(body, Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES);
    for (event, range) in parser.into_offset_iter() {
        let (target, image) = match &event {
            Event::Start(Tag::Link { dest_url, .. }) => (dest_url.to_string(), false),
            Event::Start(Tag::Image { dest_url, .. }) => (dest_url.to_string(), true),
            Event::Html(html) | Event::InlineHtml(html) => {
                for (attribute, image) in [("src", true), ("href", false)] {
                    for (offset, value) in html_attribute_values(html, attribute) {
                        if let Some(target) = local_target(&value) {
                            links.push((range.start + offset, target, image));
                        }
                    }
                }
                continue;
            }
            _ => continue,
        };
        if let Some(target) = local_target(&target) {
            links.push((range.start, target, image));
        }
    }
    links.extend(
        hugo_refs(body)
            .into_iter()
            .map(|(offset, target)| (offset, target, false)),
    );
    links.sort_by_key(|link| link.0);
    // Lines are counted on from the previous link, so many links cost one pass over the body.
    let (mut line, mut counted) = (first_line, 0);
    links
        .into_iter()
        .map(|(offset, target, image)| {
            let offset = offset.min(body.len());
            line += body.as_bytes()[counted..offset]
                .iter()
                .filter(|&&b| b == b'\n')
                .count();
            counted = offset;
            LocalLink {
                line,
                target,
                image,
            }
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
        let inner = body[from..].trim_start_matches(['<', '%']).trim_start();
        let Some(args) = inner
            .strip_prefix("relref")
            .or_else(|| inner.strip_prefix("ref"))
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

/// The path part of a link that points inside the site; `None` for URLs with a scheme,
/// protocol-relative URLs, pure fragments and templates.
fn local_target(raw: &str) -> Option<String> {
    let raw = raw.trim();
    let has_scheme = raw.split_once(':').is_some_and(|(scheme, _)| {
        !scheme.is_empty()
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c))
    });
    if has_scheme || raw.starts_with("//") || raw.contains("{{") {
        return None;
    }
    let path = raw.split(['#', '?']).next().unwrap_or("");
    (!path.is_empty()).then(|| percent_decode(path))
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
/// bundle), or for a site path (`/images/a.png`) under a `static/` or `assets/` folder or the
/// root of any folder above the post (Hugo, Zola and Jekyll keep site files there).
pub fn site_file_exists(post_file: &Path, target: &str) -> bool {
    let Some(target) = local_target(target) else {
        return true;
    };
    let post_dir = post_file.parent().unwrap_or(Path::new(""));
    match target.strip_prefix('/') {
        Some(site_path) => post_dir.ancestors().any(|dir| {
            ["static", "assets", ""]
                .iter()
                .any(|place| dir.join(place).join(site_path).is_file())
        }),
        None => post_dir.join(&target).is_file(),
    }
}

/// Answers "does this image exist?" for one post, on disk or in the sample blog. Owned, so a
/// background layout can take it along.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImageCheck {
    /// The post's file on disk.
    Disk(PathBuf),
    /// The post's path in the sample blog.
    Sample(PathBuf),
}

impl ImageCheck {
    pub fn for_post(library: &Library, post: &Post) -> ImageCheck {
        match library.source() {
            Source::Disk { root, .. } => ImageCheck::Disk(root.join(&post.file)),
            Source::Sample => ImageCheck::Sample(post.file.clone()),
        }
    }

    pub fn exists(&self, target: &str) -> bool {
        match self {
            ImageCheck::Disk(file) => site_file_exists(file, target),
            ImageCheck::Sample(file) => match local_target(target) {
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
    /// Every post's permalink candidates and file paths, normalised, to the post's position in
    /// the library.
    posts: HashMap<String, usize>,
}

impl LinkIndex {
    pub fn new(library: &Library) -> Self {
        let mut posts = HashMap::new();
        for (position, post) in library.posts().iter().enumerate() {
            let url = permalink(post);
            posts.insert(normalise(&post.file.to_string_lossy()), position);
            if let Some(slug) = &post.meta.slug {
                let parent = url.rsplit_once('/').map_or("", |(p, _)| p);
                posts.insert(normalise(&format!("{parent}/{slug}")), position);
            }
            if let Some(link) = &post.meta.permalink {
                posts.insert(normalise(link), position);
            }
            posts.insert(url, position);
        }
        LinkIndex { posts }
    }

    /// True when `target`, written in `post`, names a post of the blog or a file that exists.
    pub fn exists(&self, library: &Library, post: &Post, target: &str) -> bool {
        self.post(post, target).is_some() || ImageCheck::for_post(library, post).exists(target)
    }

    /// The library position of the post that `target`, written in `post`, links to.
    pub fn post(&self, post: &Post, target: &str) -> Option<usize> {
        readings(post, target).iter().find_map(|candidate| {
            let text = candidate.to_string_lossy();
            self.posts
                .get(&normalise(&text))
                .or_else(|| self.posts.get(&normalise(text.trim_end_matches(".html"))))
                .copied()
        })
    }
}

/// The site paths a link in `post` may mean: relative to the post's file, to its permalink, or
/// to the content root.
fn readings(post: &Post, target: &str) -> Vec<PathBuf> {
    if target.starts_with('/') {
        return vec![lexical(Path::new(target))];
    }
    let post_dir = post.file.parent().unwrap_or(Path::new(""));
    let url_dir = PathBuf::from(permalink(post));
    [
        post_dir.join(target),
        url_dir.join(target),
        PathBuf::from(target),
    ]
    .iter()
    .map(|candidate| lexical(candidate))
    .collect()
}

/// A post's permalink as Hugo makes it by default: its path without the extension, a bundle's
/// folder for `index.md`, always with a leading slash and no trailing one.
fn permalink(post: &Post) -> String {
    let file = &post.file;
    let without_ext = file.with_extension("");
    let path = if file.file_stem().is_some_and(|s| s == "index") {
        file.parent().map(Path::to_path_buf).unwrap_or_default()
    } else {
        without_ext
    };
    normalise(&path.to_string_lossy())
}

/// One spelling of a site path: forward slashes, a leading slash, no trailing slash, no
/// `index.html`/`.md` ending, lower case.
fn normalise(path: &str) -> String {
    let path = path.replace('\\', "/");
    let path = path.trim_end_matches('/');
    let path = path
        .strip_suffix("/index.html")
        .or_else(|| path.strip_suffix("/index.md"))
        .unwrap_or(path);
    let path = [".md", ".markdown", ".mdown"]
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
        local_links(body, 10)
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
        assert!(site_file_exists(&post, "a.png"));
        assert!(site_file_exists(&post, "/images/b.png"));
        assert!(!site_file_exists(&post, "/images/c.png"));
        assert!(!site_file_exists(&post, "c.png"));
        assert!(site_file_exists(&post, "https://x.org/c.png"));
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
