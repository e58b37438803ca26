//! Reading a site's configuration file (TOML, YAML or JSON) into loosely typed values.
//!
//! Every generator spells its settings its own way; this module only turns a file into a
//! [`Value`] and offers the lookups the generators' readers share. A file that can't be read
//! becomes a [`ConfigProblem`] naming the file and the line, never an error that stops folio.

use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

/// Why a configuration file was not used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigProblem {
    pub file: PathBuf,
    /// 1-based; 1 when the parser does not say.
    pub line: usize,
    pub message: String,
}

impl ConfigProblem {
    /// What went wrong and what folio does about it, without the file's name.
    pub fn summary(&self) -> String {
        let message = crate::sanitize::line(&self.message);
        format!("can't be read ({message}); the site's own settings are not used")
    }
}

impl std::fmt::Display for ConfigProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let file = self.file.to_string_lossy().replace('\\', "/");
        let file = crate::sanitize::line(&file);
        write!(f, "{file}:{}: {}", self.line, self.summary())
    }
}

/// Reads `file` by its extension. `Ok(None)` when it does not exist.
pub fn read(file: &Path) -> Result<Option<Value>, ConfigProblem> {
    let text = match std::fs::read(file) {
        Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(error) => {
            return Err(ConfigProblem {
                file: file.to_path_buf(),
                line: 1,
                message: error.to_string(),
            });
        }
    };
    let extension = file.extension().and_then(|e| e.to_str()).unwrap_or("");
    let parsed = match extension {
        "toml" => toml::from_str::<Value>(&text).map_err(|e| {
            let line = e
                .span()
                .map_or(1, |span| line_at(&text, span.start.min(text.len())));
            (line, e.message().to_string())
        }),
        "json" => serde_json::from_str::<Value>(&text).map_err(|e| (e.line(), e.to_string())),
        _ => serde_yaml::from_str::<Value>(&text).map_err(|e| {
            let line = e.location().map_or(1, |l| l.line());
            (line, first_line(&e.to_string()))
        }),
    };
    match parsed {
        Ok(Value::Null) => Ok(Some(Value::Object(Map::new()))),
        Ok(value @ Value::Object(_)) => Ok(Some(value)),
        Ok(_) => Err(ConfigProblem {
            file: file.to_path_buf(),
            line: 1,
            message: "not a table of settings".into(),
        }),
        Err((line, message)) => Err(ConfigProblem {
            file: file.to_path_buf(),
            line: line.max(1),
            message,
        }),
    }
}

fn line_at(text: &str, offset: usize) -> usize {
    1 + text.as_bytes()[..offset]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
}

fn first_line(message: &str) -> String {
    message.lines().next().unwrap_or("").to_string()
}

/// `key` in a table, its case ignored: Hugo reads `baseURL`, `baseurl` and `BaseURL` alike.
pub fn get<'a>(table: &'a Value, key: &str) -> Option<&'a Value> {
    let map = table.as_object()?;
    map.get(key).or_else(|| {
        map.iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(key))
            .map(|(_, value)| value)
    })
}

/// A text setting, trimmed; `None` when missing, empty or not text.
pub fn text<'a>(table: &'a Value, key: &str) -> Option<&'a str> {
    get(table, key)
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

/// The value at a path of keys, each matched without regard to case.
pub fn at<'a>(table: &'a Value, keys: &[&str]) -> Option<&'a Value> {
    keys.iter().try_fold(table, |value, key| get(value, key))
}

/// A setting that may be one text or a list of texts.
pub fn texts(value: Option<&Value>) -> Vec<String> {
    match value {
        Some(Value::String(s)) if !s.trim().is_empty() => vec![s.trim().to_string()],
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(Value::as_str)
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect(),
        _ => Vec::new(),
    }
}

/// Lays `over`'s top-level keys over `base`'s: a site's own file wins over its config folder.
pub fn overlay(base: &mut Value, over: Value) {
    if let (Value::Object(base), Value::Object(over)) = (base, over) {
        base.extend(over);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_each_language_and_ignores_key_case() {
        let dir = tempfile::tempdir().unwrap();
        let toml = dir.path().join("a.toml");
        std::fs::write(&toml, "baseURL = \"https://x.org/\"\n[Params]\nA = 1\n").unwrap();
        let yaml = dir.path().join("a.yml");
        std::fs::write(&yaml, "title: Y\nlist: [a, b]\n").unwrap();
        let json = dir.path().join("a.json");
        std::fs::write(&json, "{\"title\": \"J\"}").unwrap();
        let toml = read(&toml).unwrap().unwrap();
        assert_eq!(text(&toml, "baseurl"), Some("https://x.org/"));
        assert_eq!(at(&toml, &["params", "a"]), Some(&Value::from(1)));
        let yaml = read(&yaml).unwrap().unwrap();
        assert_eq!(texts(get(&yaml, "list")), ["a", "b"]);
        assert_eq!(text(&read(&json).unwrap().unwrap(), "title"), Some("J"));
        assert_eq!(read(&dir.path().join("none.toml")), Ok(None));
    }

    #[test]
    fn a_broken_file_is_a_problem_at_its_line() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("hugo.toml");
        std::fs::write(&file, "title = \"ok\"\nbaseURL = = 3\n").unwrap();
        let problem = read(&file).unwrap_err();
        assert_eq!(problem.line, 2);
        assert!(problem.to_string().contains("hugo.toml:2: can't be read"));
        let yaml = dir.path().join("_config.yml");
        std::fs::write(&yaml, "title: [unclosed\n").unwrap();
        assert!(read(&yaml).is_err());
        std::fs::write(&yaml, "- a list\n").unwrap();
        assert_eq!(read(&yaml).unwrap_err().message, "not a table of settings");
    }
}
