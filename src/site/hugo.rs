//! Hugo's configuration: `hugo.*` or `config.*` at the root and `config/_default/`, where each
//! file other than `hugo.*`/`config.*` holds the table it is named after (`params.toml`).
//! Zola also names its file `config.toml`; its `base_url` tells them apart.

use std::path::Path;

use serde_json::{Map, Value};

use super::config::{self, ConfigProblem};
use super::{Kind, Site, clean};

const NAMES: [&str; 2] = ["hugo", "config"];
const EXTENSIONS: [&str; 4] = ["toml", "yaml", "yml", "json"];

/// The Hugo (or Zola) site at `dir`, if its configuration is there.
pub fn read(dir: &Path) -> Option<Site> {
    let mut problem = None;
    let mut found = false;
    let mut table = Value::Object(Map::new());
    let config_dir = dir.join("config").join("_default");
    if config_dir.is_dir() {
        found = true;
        read_config_dir(&config_dir, &mut table, &mut problem);
    }
    let root_file = NAMES
        .iter()
        .flat_map(|name| {
            EXTENSIONS
                .iter()
                .map(move |ext| dir.join(format!("{name}.{ext}")))
        })
        .find(|file| file.is_file());
    if let Some(file) = &root_file {
        found = true;
        match config::read(file) {
            Ok(Some(value)) => {
                if file.file_name().is_some_and(|n| n == "config.toml")
                    && config::get(&value, "base_url").is_some()
                {
                    return Some(Site::zola(dir, &value));
                }
                config::overlay(&mut table, value);
            }
            Ok(None) => {}
            Err(error) => {
                let zola = file.file_name().is_some_and(|n| n == "config.toml")
                    && std::fs::read_to_string(file).is_ok_and(|t| t.contains("base_url"));
                if zola {
                    let mut site = Site::zola(dir, &Value::Object(Map::new()));
                    site.problem = Some(error);
                    return Some(site);
                }
                problem = problem.or(Some(error));
            }
        }
    }
    if !found {
        return None;
    }
    let mut site = from_table(dir, &table);
    let named_for_hugo = root_file
        .as_ref()
        .is_some_and(|f| f.file_stem().is_some_and(|s| s == "hugo"));
    if !named_for_hugo && !config_dir.is_dir() && !site.content_dir().is_some_and(Path::is_dir) {
        // A lone `config.toml` beside no content is some other program's settings.
        return None;
    }
    site.problem = problem;
    Some(site)
}

fn read_config_dir(dir: &Path, table: &mut Value, problem: &mut Option<ConfigProblem>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut files: Vec<_> = entries.flatten().map(|e| e.path()).collect();
    files.sort();
    for file in files {
        let (Some(stem), Some(ext)) = (
            file.file_stem().and_then(|s| s.to_str()),
            file.extension().and_then(|e| e.to_str()),
        ) else {
            continue;
        };
        if !EXTENSIONS.contains(&ext) {
            continue;
        }
        match config::read(&file) {
            Ok(Some(value)) if NAMES.contains(&stem) => config::overlay(table, value),
            Ok(Some(value)) => {
                let mut wrapped = Map::new();
                wrapped.insert(stem.to_string(), value);
                config::overlay(table, Value::Object(wrapped));
            }
            Ok(None) => {}
            Err(error) => *problem = problem.take().or(Some(error)),
        }
    }
}

/// A site from Hugo's settings, with Hugo's defaults where a setting is missing.
fn from_table(dir: &Path, table: &Value) -> Site {
    let language = config::text(table, "defaultContentLanguage").unwrap_or("en");
    let languages = languages(table, language);
    let mut site = Site {
        kind: Kind::Hugo,
        root: Some(dir.to_path_buf()),
        title: config::text(table, "title")
            .or_else(|| languages.first().and_then(|l| config::text(l, "title")))
            .map(clean),
        ..Site::default()
    };
    site.add_base_url(config::text(table, "baseURL"));
    for language in &languages {
        site.add_base_url(config::text(language, "baseURL"));
    }
    let mounts = mounts(table, language);
    let setting = |key: &str| -> Vec<String> {
        let mut values = config::texts(config::get(table, key));
        for language in &languages {
            values.extend(config::texts(config::get(language, key)));
        }
        values
    };
    let pick = |target: &str, key: &str, default: &str| -> Vec<String> {
        let mounted: Vec<String> = mounts
            .iter()
            .filter(|(_, t)| t == target)
            .map(|(s, _)| s.clone())
            .collect();
        if !mounted.is_empty() {
            return mounted;
        }
        let mut set = setting(key);
        if key == "staticDir" {
            for n in 0..=10 {
                set.extend(config::texts(config::get(table, &format!("staticDir{n}"))));
            }
        }
        if set.is_empty() {
            vec![default.to_string()]
        } else {
            set
        }
    };
    site.content_dirs = pick("content", "contentDir", "content")
        .iter()
        .map(|d| dir.join(d))
        .collect();
    site.static_dirs = pick("static", "staticDir", "static")
        .iter()
        .map(|d| dir.join(d))
        .collect();
    site.asset_dirs = pick("assets", "assetDir", "assets")
        .iter()
        .map(|d| dir.join(d))
        .collect();
    site.permalinks = permalinks(table);
    site.link_keywords = ["layouts/_markup", "layouts/_default/_markup"]
        .iter()
        .filter_map(|folder| {
            std::fs::read_to_string(dir.join(folder).join("render-link.html")).ok()
        })
        .flat_map(|hook| link_keywords(&hook))
        .collect();
    site
}

/// Words a link render hook compares the destination with (`eq $u.String "g"`, `eq
/// .Destination "g"`): the site resolves those itself.
fn link_keywords(hook: &str) -> Vec<String> {
    hook.lines()
        .filter(|line| {
            line.contains("eq ") && (line.contains(".Destination") || line.contains(".String"))
        })
        .flat_map(|line| line.split('"').skip(1).step_by(2))
        .filter(|word| {
            !word.is_empty()
                && word
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
        })
        .map(str::to_string)
        .collect()
}

/// The language tables, the default language's first.
fn languages<'a>(table: &'a Value, default: &str) -> Vec<&'a Value> {
    let Some(map) = config::get(table, "languages").and_then(Value::as_object) else {
        return Vec::new();
    };
    let mut found: Vec<(&String, &Value)> = map.iter().collect();
    found.sort_by_key(|(name, _)| !name.eq_ignore_ascii_case(default));
    found.into_iter().map(|(_, v)| v).collect()
}

/// `module.mounts` as (source, target) for the default language or for every language.
fn mounts(table: &Value, language: &str) -> Vec<(String, String)> {
    let Some(Value::Array(mounts)) = config::at(table, &["module", "mounts"]) else {
        return Vec::new();
    };
    mounts
        .iter()
        .filter_map(|mount| {
            let source = config::text(mount, "source")?;
            let target = config::text(mount, "target")?;
            let mut languages = config::texts(config::get(mount, "lang"));
            languages.extend(config::texts(config::at(
                mount,
                &["sites", "matrix", "languages"],
            )));
            let ours =
                languages.is_empty() || languages.iter().any(|l| l.eq_ignore_ascii_case(language));
            ours.then(|| {
                let target = target.trim_matches('/').to_ascii_lowercase();
                (source.trim_end_matches('/').to_string(), target)
            })
        })
        .collect()
}

/// `[permalinks]`: `section = "pattern"`, or the same under `[permalinks.page]`.
fn permalinks(table: &Value) -> Vec<(String, String)> {
    let Some(map) = config::get(table, "permalinks").and_then(Value::as_object) else {
        return Vec::new();
    };
    let mut rules: Vec<(String, String)> = map
        .iter()
        .filter_map(|(section, pattern)| Some((section.clone(), pattern.as_str()?.to_string())))
        .collect();
    if let Some(page) = map.get("page").and_then(Value::as_object) {
        for (section, pattern) in page {
            if let Some(pattern) = pattern.as_str() {
                rules.retain(|(s, _)| s != section);
                rules.push((section.clone(), pattern.to_string()));
            }
        }
    }
    rules
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(files: &[(&str, &str)]) -> (tempfile::TempDir, Site) {
        let dir = tempfile::tempdir().unwrap();
        for (name, text) in files {
            let path = dir.path().join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        let site = Site::read(dir.path());
        (dir, site)
    }

    #[test]
    fn hugo_toml_with_its_folders_and_permalinks() {
        let (dir, site) = site(&[(
            "hugo.toml",
            "baseURL = 'https://h.org/'\ntitle = 'Ha'\ncontentDir = 'posts-here'\n\
             staticDir = ['static', 'more']\n[permalinks]\nposts = '/:year/:slug/'\n",
        )]);
        assert_eq!(site.kind, Kind::Hugo);
        assert_eq!(site.title.as_deref(), Some("Ha"));
        assert_eq!(site.base_urls(), ["https://h.org"]);
        assert_eq!(
            site.content_dir(),
            Some(dir.path().join("posts-here").as_path())
        );
        assert_eq!(
            site.static_dirs(),
            [dir.path().join("static"), dir.path().join("more")]
        );
        assert_eq!(site.asset_dirs(), [dir.path().join("assets")]);
        assert_eq!(site.permalinks, [("posts".into(), "/:year/:slug/".into())]);
    }

    #[test]
    fn hugo_yaml_config_folder_and_mounts() {
        let (dir, site) = site(&[
            (
                "config/_default/hugo.yaml",
                "title: From the folder\nbaseurl: https://f.org\n",
            ),
            (
                "config/_default/module.toml",
                "[[mounts]]\nsource = 'content/en'\ntarget = 'content'\nlang = 'en'\n\
                 [[mounts]]\nsource = 'content/fr'\ntarget = 'content'\nlang = 'fr'\n",
            ),
            (
                "config/_default/permalinks.json",
                "{\"page\": {\"blog\": \"/:slug/\"}}",
            ),
        ]);
        assert_eq!(site.title.as_deref(), Some("From the folder"));
        assert_eq!(site.base_urls(), ["https://f.org"]);
        assert_eq!(site.content_dirs(), [dir.path().join("content/en")]);
        assert_eq!(site.permalinks, [("blog".into(), "/:slug/".into())]);
    }

    #[test]
    fn languages_put_the_default_content_first() {
        let (dir, site) = site(&[(
            "hugo.json",
            "{\"defaultContentLanguage\": \"de\", \"languages\": {\"en\": {\"contentDir\": \
             \"content/en\"}, \"de\": {\"contentDir\": \"content/de\", \"title\": \"Hallo\"}}}",
        )]);
        assert_eq!(
            site.content_dirs(),
            [dir.path().join("content/de"), dir.path().join("content/en")]
        );
        assert_eq!(site.title.as_deref(), Some("Hallo"));
    }

    #[test]
    fn words_a_link_hook_resolves_itself() {
        let (_, site) = site(&[
            ("hugo.toml", ""),
            (
                "layouts/_markup/render-link.html",
                "{{- $u := urls.Parse .Destination }}\n{{- if eq $u.String \"gl\" }}\n\
                 {{- else if eq $level \"warning\" }}\n",
            ),
        ]);
        assert_eq!(site.link_keywords, ["gl"]);
    }

    #[test]
    fn a_lone_config_file_without_content_is_not_a_site() {
        let (_, other) = site(&[("config.toml", "theme = \"dark\"\n")]);
        assert_eq!(other.kind, Kind::Plain);
        let (_, hugo) = site(&[("config.toml", "title = \"T\"\n"), ("content/a.md", "")]);
        assert_eq!(hugo.kind, Kind::Hugo);
    }

    #[test]
    fn a_broken_config_is_one_problem_and_the_defaults() {
        let (dir, site) = site(&[("hugo.toml", "title = \n")]);
        assert_eq!(site.kind, Kind::Hugo);
        let problem = site.problem.unwrap();
        assert_eq!(problem.file, dir.path().join("hugo.toml"));
        assert_eq!(site.content_dirs, [dir.path().join("content")]);
        let (_, zola) = site_with_zola_typo();
        assert_eq!(zola.kind, Kind::Zola);
        assert!(zola.problem.is_some());
    }

    fn site_with_zola_typo() -> (tempfile::TempDir, Site) {
        site(&[("config.toml", "base_url = \"https://z.org\"\ntitle = [\n")])
    }
}
