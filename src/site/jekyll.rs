//! Jekyll's `_config.yml`: the title, `url` + `baseurl`, the `permalink` style, and the
//! collections that are output as pages.

use std::path::Path;

use serde_json::Value;

use super::config;
use super::{Collection, Kind, Site, clean};

const FILES: [&str; 3] = ["_config.yml", "_config.yaml", "_config.toml"];

/// What Jekyll writes for a collection document without a permalink of its own.
const COLLECTION_PERMALINK: &str = "/:collection/:path:output_ext";

pub fn read(dir: &Path) -> Option<Site> {
    let file = FILES
        .iter()
        .map(|name| dir.join(name))
        .find(|f| f.is_file());
    if file.is_none() && !dir.join("_posts").is_dir() {
        return None;
    }
    let mut site = Site {
        kind: Kind::Jekyll,
        root: Some(dir.to_path_buf()),
        content_dirs: vec![dir.join("_posts"), dir.join("_drafts")],
        static_dirs: vec![dir.to_path_buf()],
        ..Site::default()
    };
    let Some(file) = file else {
        return Some(site);
    };
    let table = match config::read(&file) {
        Ok(Some(table)) => table,
        Ok(None) => return Some(site),
        Err(problem) => {
            site.problem = Some(problem);
            return Some(site);
        }
    };
    site.title = config::text(&table, "title")
        .or_else(|| config::text(&table, "name"))
        .map(clean);
    if let Some(url) = config::text(&table, "url") {
        let base = config::text(&table, "baseurl").unwrap_or("");
        let base = base.trim_matches('/');
        let full = if base.is_empty() {
            url.to_string()
        } else {
            format!("{}/{base}", url.trim_end_matches('/'))
        };
        site.add_base_url(Some(&full));
    }
    site.default_permalink = config::text(&table, "permalink").map(str::to_string);
    let collections_dir = config::text(&table, "collections_dir").unwrap_or("");
    for (name, settings) in collections(&table) {
        let permalink = settings.and_then(|s| config::text(s, "permalink"));
        if name == "posts" {
            if let Some(permalink) = permalink {
                site.permalinks.push((name, permalink.to_string()));
            }
            continue;
        }
        let output = settings
            .and_then(|s| config::get(s, "output"))
            .and_then(Value::as_bool)
            .unwrap_or(false);
        if output {
            let permalink = permalink.unwrap_or(COLLECTION_PERMALINK).to_string();
            site.permalinks.push((name.clone(), permalink.clone()));
            site.collections.push(Collection {
                dir: dir.join(collections_dir).join(format!("_{name}")),
                name,
                permalink,
            });
        }
    }
    Some(site)
}

/// `collections:` as a map of settings or a plain list of names.
fn collections(table: &Value) -> Vec<(String, Option<&Value>)> {
    match config::get(table, "collections") {
        Some(Value::Object(map)) => map.iter().map(|(n, s)| (n.clone(), Some(s))).collect(),
        Some(Value::Array(names)) => names
            .iter()
            .filter_map(Value::as_str)
            .map(|n| (n.to_string(), None))
            .collect(),
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn config_with_url_permalink_and_collections() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("_config.yml"),
            "name: Named site\nurl: https://j.org\nbaseurl: /blog\npermalink: pretty\n\
             collections:\n  notes:\n    output: true\n  hidden:\n    output: false\n  \
             posts:\n    permalink: /news/:year/:title/\n",
        )
        .unwrap();
        let site = Site::read(dir.path());
        assert_eq!(site.kind, Kind::Jekyll);
        assert_eq!(site.title.as_deref(), Some("Named site"));
        assert_eq!(site.base_urls(), ["https://j.org/blog"]);
        assert_eq!(site.default_permalink.as_deref(), Some("pretty"));
        assert_eq!(site.collections().len(), 1);
        assert_eq!(site.collections()[0].dir, dir.path().join("_notes"));
        assert_eq!(site.static_dirs(), [dir.path().to_path_buf()]);
        let categories = Vec::new();
        let facts = super::super::PageFacts {
            file: Path::new("2024-05-07-rain.md"),
            date: Some(jiff::civil::date(2024, 5, 7)),
            title: "Rain",
            slug: None,
            categories: &categories,
            collection: "posts",
        };
        assert_eq!(site.permalink(&facts).as_deref(), Some("/news/2024/rain/"));
    }
}
