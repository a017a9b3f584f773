//! Warnings about gaps in a course that builds: criteria with no teaching content or no quiz,
//! knowledge items that support no criterion, and `TODO` placeholders left in any file.

use std::path::Path;
use std::sync::Arc;

use walkdir::WalkDir;

use crate::diagnostic::{unix_line_breaks, Diagnostic, SourceMap, Span};
use crate::model::spans::Spans;
use crate::model::Course;

/// The word that marks text still to be written (`unitpress new unit` writes it everywhere).
const PLACEHOLDER: &str = "TODO";

/// Criteria nothing teaches or with no quiz, and knowledge items that support no criterion.
pub fn gaps(course: &Course, spans: &Spans, sources: &SourceMap) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for u in &course.units {
        let Some(at) = spans.units.get(&u.slug) else {
            continue;
        };
        for c in &u.criteria {
            let Some(span) = at.criteria.get(&c.id) else {
                continue;
            };
            if u.taught_by(c).next().is_none() {
                out.push(
                    Diagnostic::at(
                        sources,
                        span,
                        format!("criterion {} has no teaching content", c.id),
                    )
                    .help(format!(
                        "add \"{}\" to the `criteria` of the knowledge items that teach it",
                        c.id
                    ))
                    .warning(),
                );
            }
            if u.quiz(&c.id).is_none() {
                out.push(
                    Diagnostic::at(
                        sources,
                        span,
                        format!("criterion {} has no self-check quiz", c.id),
                    )
                    .help(format!(
                        "add quizzes/{}.toml with criterion = \"{}\" (see docs/content-format.md)",
                        c.slug, c.id
                    ))
                    .warning(),
                );
            }
        }
        for k in u.knowledge.iter().filter(|k| k.criteria.is_empty()) {
            if let Some(span) = at.knowledge.get(&k.slug) {
                out.push(
                    Diagnostic::at(
                        sources,
                        span,
                        format!("knowledge item `{}` supports no criterion", k.slug),
                    )
                    .help("list the criteria it supports, e.g. criteria = [\"P1\"]")
                    .warning(),
                );
            }
        }
    }
    out
}

/// A warning for each `TODO` in the Markdown and TOML files of the content folder.
pub fn placeholders(content: &Path) -> Vec<Diagnostic> {
    let mut sources = SourceMap::default();
    let mut out = Vec::new();
    let files = WalkDir::new(content)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'))
        .filter_map(Result::ok)
        .filter(|e| {
            e.file_type().is_file()
                && matches!(
                    e.path().extension().and_then(|x| x.to_str()),
                    Some("md" | "toml")
                )
        });
    for entry in files {
        let Ok(text) = std::fs::read_to_string(entry.path()) else {
            continue; // the load stage reports unreadable files
        };
        // The offsets must count in the text the source map keeps.
        let text = unix_line_breaks(Arc::from(text));
        let offsets: Vec<usize> = placeholder_offsets(&text).collect();
        if offsets.is_empty() {
            continue;
        }
        let file = sources.add(entry.path(), text);
        for at in offsets {
            out.push(
                Diagnostic::at(
                    &sources,
                    &Span {
                        file,
                        bytes: at..at + PLACEHOLDER.len(),
                    },
                    "a placeholder is still to be written",
                )
                .help("replace the TODO and the text around it with the course's own content")
                .warning(),
            );
        }
    }
    out
}

/// Where `TODO` stands as a word of its own in `text`.
fn placeholder_offsets(text: &str) -> impl Iterator<Item = usize> + '_ {
    text.match_indices(PLACEHOLDER).filter_map(move |(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + PLACEHOLDER.len()..].chars().next();
        let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
        (!word(before) && !word(after)).then_some(i)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_whole_words() {
        let text = "TODO: a\nTODOS and MASTODON\n(TODO)";
        let found: Vec<usize> = placeholder_offsets(text).collect();
        assert_eq!(found, [0, text.rfind("TODO").unwrap()]);
    }
}
