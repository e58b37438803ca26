//! Local links and images in a post's body, and whether what they point at exists.
//!
//! A blog links to its own posts in several ways: a relative file (`../b.md`), a relative or
//! absolute permalink (`../b/`, `/posts/b/`, `/2024/05/b/` by the site's permalink rules), a
//! full URL on the site's own address, Hugo's `{{< ref "b.md" >}}`, Zola's `@/blog/b.md`, an
//! alias, and images beside the post (page bundles) or in the site's static folders. This
//! module finds them in a body and looks for files; [`LinkIndex`] finds the pages.

use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag};

use super::discover::Source;
use super::library::Library;
use super::post::Post;
use super::sample;
use crate::site::Site;

pub use super::resolve::LinkIndex;

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
pub(super) fn local_target(raw: &str, site: &Site) -> Option<String> {
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
pub(super) fn site_relative(target: &str, site: &Site) -> String {
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

/// `%20` and the like decoded; an escape that is not one stays as written.
pub(crate) fn percent_decode(path: &str) -> String {
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
            // A post from standard input finds its pictures from the current folder.
            Source::Stdin(_) => ImageCheck::Disk {
                file: Path::new(".").join(&post.file),
                site: Arc::new(Site::PLAIN),
            },
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

/// Resolves `.` and `..` without touching the disk; `..` above the top stays at the top.
pub(super) fn lexical(path: &Path) -> PathBuf {
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

    #[test]
    fn email_autolinks_and_code_are_not_site_links() {
        let body = "Mail <a@b.org>.\n\n`{{< ref \"x.md\" >}}`\n\n{{< ref \"y.md\" >}}\n\n\
                    {{ reflect.IsMap \"z\" }}\n";
        let found: Vec<String> = targets(body).into_iter().map(|t| t.1).collect();
        assert_eq!(found, ["y.md"]);
    }
}
