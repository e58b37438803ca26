//! What to colour ahead of a post's layout so its languages are ready: the opening lines of
//! the first fenced block of each language, found by a quick look at the lines of the
//! markdown. A guess is harmless: the colours are thrown away, and the layout highlights
//! the blocks the parser finds.

use super::language::fence_language;

/// Source lines of each sample: enough to visit a syntax's main patterns, few enough that
/// the warm-up repeats little of the real work.
const SAMPLE_LINES: usize = 8;

/// The opening lines of a post's first block in one language.
#[derive(Debug, PartialEq, Eq)]
pub struct Sample {
    /// The fence's language word, in lower case.
    pub language: String,
    /// The whole fence info string, as the layout will pass it.
    pub info: String,
    pub code: String,
}

/// A sample of the first block of each language, in the order the post names them.
pub fn samples(markdown: &str) -> Vec<Sample> {
    let mut samples: Vec<Sample> = Vec::new();
    let mut lines = markdown.lines();
    while let Some(line) = lines.next() {
        let Some((marker, info)) = fence(line) else {
            continue;
        };
        let language = fence_language(info)
            .map(str::to_ascii_lowercase)
            .filter(|language| !samples.iter().any(|sample| &sample.language == language));
        let mut code = String::new();
        let mut kept = 0;
        for line in lines.by_ref() {
            if line.trim_start().starts_with(marker) {
                break;
            }
            if language.is_some() && kept < SAMPLE_LINES {
                code.push_str(line);
                code.push('\n');
                kept += 1;
            }
        }
        if let Some(language) = language {
            samples.push(Sample {
                language,
                info: info.to_string(),
                code,
            });
        }
    }
    samples
}

/// The fence marker (three or more backticks or tildes) and info string of an opening
/// fence line.
fn fence(line: &str) -> Option<(&str, &str)> {
    let line = line.trim_start();
    let fence_char = line.chars().next().filter(|c| matches!(c, '`' | '~'))?;
    let run = line.len() - line.trim_start_matches(fence_char).len();
    if run < 3 {
        return None;
    }
    let (marker, info) = line.split_at(run);
    Some((marker, info.trim()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_block_of_each_language_is_sampled_in_the_posts_order() {
        let markdown = "Intro\n\n```rust,ignore\nfn a() {}\n```\n\n~~~~ python\nx = 1\n~~~~\n\n\
                        ```Rust\nfn b() {}\n```\n\n```\nno language\n```\n\n  ```toml\n  a = 1\n  ```\n";
        let sample = |language: &str, info: &str, code: &str| Sample {
            language: language.into(),
            info: info.into(),
            code: code.into(),
        };
        assert_eq!(
            samples(markdown),
            [
                sample("rust", "rust,ignore", "fn a() {}\n"),
                sample("python", "python", "x = 1\n"),
                sample("toml", "toml", "  a = 1\n"),
            ]
        );
    }

    #[test]
    fn a_sample_is_the_first_lines_only() {
        let code = "let a = 1;\n".repeat(SAMPLE_LINES * 3);
        let markdown = format!("```rust\n{code}```\n");
        let sampled = samples(&markdown);
        assert_eq!(sampled[0].code.lines().count(), SAMPLE_LINES);
    }

    #[test]
    fn text_without_fences_gives_no_sample() {
        assert!(samples("a `code` span and `` ` `` ticks\n\n    indented code\n").is_empty());
    }
}
