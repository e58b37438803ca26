//! Permalink patterns (`/:year/:month/:slug/`, Jekyll's `pretty`) turned into a page's URL, so
//! a link written as the site publishes it finds the post it points at.

use std::path::Path;

use jiff::civil::Date;

/// Whose tokens a pattern uses: `:title` is the title in Hugo and the file's name in Jekyll.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    Hugo,
    Jekyll,
}

/// What a pattern may ask of a page.
#[derive(Debug, Clone, Copy)]
pub struct PageFacts<'a> {
    /// Relative to the content root (Hugo) or to the collection's folder (Jekyll).
    pub file: &'a Path,
    pub date: Option<Date>,
    pub title: &'a str,
    pub slug: Option<&'a str>,
    pub categories: &'a [String],
    /// Jekyll's collection name (`posts`, `docs`).
    pub collection: &'a str,
}

/// Jekyll's named permalink styles, as its documentation defines them.
fn jekyll_style(name: &str) -> Option<&'static str> {
    Some(match name {
        "date" => "/:categories/:year/:month/:day/:title:output_ext",
        "pretty" => "/:categories/:year/:month/:day/:title/",
        "ordinal" => "/:categories/:year/:y_day/:title:output_ext",
        "weekdate" => "/:categories/:year/W:week/:short_day/:title:output_ext",
        "none" => "/:categories/:title:output_ext",
        _ => return None,
    })
}

/// The URL `pattern` gives the page, or `None` when it needs what the page lacks (a date) or
/// holds a token folio does not know.
pub fn expand(pattern: &str, facts: &PageFacts<'_>, dialect: Dialect) -> Option<String> {
    let pattern = match dialect {
        Dialect::Jekyll => jekyll_style(pattern).unwrap_or(pattern),
        Dialect::Hugo => pattern,
    };
    let mut url = String::with_capacity(pattern.len() + 32);
    let mut rest = pattern;
    while let Some(colon) = rest.find(':') {
        url.push_str(&rest[..colon]);
        let after = &rest[colon + 1..];
        let name_len = after
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(after.len());
        let name = &after[..name_len];
        url.push_str(&token(name, facts, dialect)?);
        rest = &after[name_len..];
    }
    url.push_str(rest);
    let mut cleaned = String::with_capacity(url.len());
    for c in url.chars() {
        if !(c == '/' && cleaned.ends_with('/')) {
            cleaned.push(c);
        }
    }
    Some(cleaned)
}

fn token(name: &str, facts: &PageFacts<'_>, dialect: Dialect) -> Option<String> {
    let date = || facts.date;
    let stem = file_name(facts.file);
    let undated = strip_date_prefix(&stem);
    Some(match name {
        "year" => format!("{:04}", date()?.year()),
        "short_year" => format!("{:02}", date()?.year() % 100),
        "month" => format!("{:02}", date()?.month()),
        "i_month" => date()?.month().to_string(),
        "day" => format!("{:02}", date()?.day()),
        "i_day" => date()?.day().to_string(),
        "y_day" | "yearday" => format!("{:03}", date()?.day_of_year()),
        "title" => match dialect {
            Dialect::Hugo => urlize(facts.title),
            Dialect::Jekyll => urlize(facts.slug.unwrap_or(undated)),
        },
        "slug" => urlize(facts.slug.unwrap_or(match dialect {
            Dialect::Hugo => facts.title,
            Dialect::Jekyll => undated,
        })),
        "slugorfilename" | "slugorcontentbasename" => urlize(facts.slug.unwrap_or(&stem)),
        "filename" | "contentbasename" | "name" => urlize(&stem),
        "section" => folders(facts.file).into_iter().next().unwrap_or_default(),
        "sections" => folders(facts.file).join("/"),
        "categories" => facts
            .categories
            .iter()
            .map(|c| urlize(c))
            .collect::<Vec<_>>()
            .join("/"),
        "collection" => facts.collection.to_string(),
        "path" => {
            let path = facts.file.with_extension("");
            path.to_string_lossy().replace('\\', "/")
        }
        "output_ext" => ".html".to_string(),
        _ => return None,
    })
}

/// The page's name: its file's stem, or a bundle's folder for `index.md`.
fn file_name(file: &Path) -> String {
    let stem = file.file_stem().map(|s| s.to_string_lossy().into_owned());
    match stem.as_deref() {
        Some("index" | "_index") | None => file
            .parent()
            .and_then(Path::file_name)
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default(),
        Some(stem) => stem.to_string(),
    }
}

/// The folders above the page; a bundle's own folder is the page, not a section.
fn folders(file: &Path) -> Vec<String> {
    let mut dirs: Vec<String> = file
        .parent()
        .into_iter()
        .flat_map(Path::components)
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if file
        .file_stem()
        .is_some_and(|s| s == "index" || s == "_index")
    {
        dirs.pop();
    }
    dirs
}

/// `2024-05-01-slug` → `slug`: Jekyll and Zola date a post in its file name.
pub fn strip_date_prefix(stem: &str) -> &str {
    let bytes = stem.as_bytes();
    let dated = bytes.len() > 11
        && bytes[..10].iter().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                *b == b'-'
            } else {
                b.is_ascii_digit()
            }
        })
        && matches!(bytes[10], b'-' | b'_');
    if dated { &stem[11..] } else { stem }
}

/// A text as it appears in a URL: lower case, spaces as `-`, punctuation dropped.
pub fn urlize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.trim().chars() {
        if c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | '/') {
            out.extend(c.to_lowercase());
        } else if c.is_whitespace() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts<'a>(file: &'a str, categories: &'a [String]) -> PageFacts<'a> {
        PageFacts {
            file: Path::new(file),
            date: Some(Date::constant(2024, 5, 7)),
            title: "Night Sky, Again",
            slug: None,
            categories,
            collection: "posts",
        }
    }

    #[test]
    fn hugo_tokens() {
        let f = facts("posts/sky/index.md", &[]);
        let expand = |p| expand(p, &f, Dialect::Hugo);
        assert_eq!(
            expand("/:year/:month/:slug/").unwrap(),
            "/2024/05/night-sky-again/"
        );
        assert_eq!(expand("/:section/:filename/").unwrap(), "/posts/sky/");
        assert_eq!(
            expand("/:sections/:title").unwrap(),
            "/posts/night-sky-again"
        );
        assert_eq!(
            expand("/:2006-01/:slug/"),
            None,
            "unknown tokens are not guessed"
        );
        let undated = PageFacts { date: None, ..f };
        assert_eq!(
            super::expand("/:year/:slug/", &undated, Dialect::Hugo),
            None
        );
    }

    #[test]
    fn jekyll_styles_and_tokens() {
        let categories = vec!["Travel".to_string(), "india".to_string()];
        let f = facts("2024-05-07-monsoon.md", &categories);
        assert_eq!(
            expand("date", &f, Dialect::Jekyll).unwrap(),
            "/travel/india/2024/05/07/monsoon.html"
        );
        assert_eq!(
            expand(
                "pretty",
                &facts("2024-05-07-monsoon.md", &[]),
                Dialect::Jekyll
            )
            .unwrap(),
            "/2024/05/07/monsoon/"
        );
        let doc = PageFacts {
            collection: "docs",
            ..facts("setup/windows.md", &[])
        };
        assert_eq!(
            expand("/:collection/:path/", &doc, Dialect::Jekyll).unwrap(),
            "/docs/setup/windows/"
        );
    }

    #[test]
    fn dates_come_off_file_names() {
        assert_eq!(strip_date_prefix("2022-12-24_eve"), "eve");
        assert_eq!(strip_date_prefix("2022-12-24-eve"), "eve");
        assert_eq!(strip_date_prefix("2022-12-eve"), "2022-12-eve");
        assert_eq!(strip_date_prefix("é2022-12-24-x"), "é2022-12-24-x");
    }
}
