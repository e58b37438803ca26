//! `folio check`: every problem of every post, one line each, compiler style.

use std::io::{self, Write};

use crate::content::links::{LinkIndex, local_links};
use crate::content::{Library, Problem};

/// A problem and the post file it belongs to.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub path: String,
    pub problem: Problem,
}

/// All problems of the library: those found while scanning, files skipped, and local links or
/// images that lead nowhere. Ordered by file and line.
pub fn findings(library: &Library) -> Vec<Finding> {
    let index = LinkIndex::new(library);
    let mut findings: Vec<Finding> = library
        .skipped()
        .iter()
        .map(|skipped| Finding {
            path: skipped.path.clone(),
            problem: skipped.problem.clone(),
        })
        .collect();
    if let Some(problem) = &library.source().site().problem {
        findings.push(Finding {
            path: crate::content::post::display_path(&problem.file),
            problem: Problem::warning(problem.line, problem.summary()),
        });
    }
    for post in library.posts() {
        let found = |problem: Problem| Finding {
            path: post.path.clone(),
            problem,
        };
        findings.extend(post.problems.iter().cloned().map(found));
        let Ok(text) = library.read_text(post) else {
            continue;
        };
        let body = text.get(post.body_offset..).unwrap_or_default();
        for link in local_links(body, post.body_line, library.source().site()) {
            if !index.exists(library, post, &link.target) {
                let what = if link.image { "image" } else { "link" };
                let message = format!("{what} `{}` leads to nothing in this blog", link.target);
                findings.push(found(Problem::warning(link.line, message)));
            }
        }
    }
    findings.sort_by(|a, b| (&a.path, a.problem.line).cmp(&(&b.path, b.problem.line)));
    findings
}

/// Writes the findings, one line each; returns how many were errors.
pub fn write(findings: &[Finding], out: &mut impl Write) -> io::Result<usize> {
    for Finding { path, problem } in findings {
        writeln!(out, "{path}:{}: {problem}", problem.line)?;
    }
    Ok(findings.iter().filter(|f| f.problem.is_error()).count())
}
