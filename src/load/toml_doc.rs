//! Parses TOML (a whole file or a front-matter block) into a typed value, turning syntax and
//! schema errors into positioned diagnostics, and keeping where the block starts so that spans
//! recorded by `toml::Spanned` can be mapped back to the file.

use serde::de::DeserializeOwned;
use toml::de::{DeTable, Deserializer};
use toml::Spanned;

use super::explain::explain;
use super::frontmatter::Piece;
use super::recover::{self, Removed};
use crate::diagnostic::{Diagnostic, FileId, SourceMap, Span};

/// A parsed TOML block and the place it came from.
#[derive(Debug)]
pub struct Doc<T> {
    pub value: T,
    pub origin: Origin,
    /// The block had problems (reported already) and `value` was read past them: some of what
    /// was written is missing from it, so only its references to other files are worth checking.
    pub partial: bool,
}

/// The file a TOML block sits in and the byte offset where the block starts.
#[derive(Debug, Clone, Copy)]
pub struct Origin {
    pub file: FileId,
    pub base: usize,
}

impl Origin {
    /// The span, within the file, of a value recorded with `toml::Spanned`.
    pub fn span<T>(&self, value: &Spanned<T>) -> Span {
        let r = value.span();
        Span {
            file: self.file,
            bytes: self.base + r.start..self.base + r.end,
        }
    }

    /// The first character of the block: for problems that concern the file as a whole.
    pub fn start(&self) -> Span {
        Span {
            file: self.file,
            bytes: self.base..self.base,
        }
    }
}

/// Problems a block may have before reading it stops: past this many, the rest is noise.
const MOST_PROBLEMS: usize = 100;

/// Parses `piece` (from `file`) as TOML into `T`. A block with problems is read to its end:
/// every problem is returned, with the value read past them (the entries they are about left
/// out) when one could be made, for checks of the references between files.
pub fn parse<T: DeserializeOwned>(
    sources: &SourceMap,
    file: FileId,
    piece: &Piece<'_>,
) -> (Option<Doc<T>>, Vec<Diagnostic>) {
    let origin = Origin {
        file,
        base: piece.offset,
    };
    match toml::from_str::<T>(piece.text) {
        Ok(value) => (
            Some(Doc {
                value,
                origin,
                partial: false,
            }),
            Vec::new(),
        ),
        Err(_) => {
            let (value, errors) = read_past_problems(sources, file, piece);
            let doc = value.map(|value| Doc {
                value,
                origin,
                partial: true,
            });
            (doc, errors)
        }
    }
}

/// Reads `piece` again, problem by problem: syntax problems all at once (the parser recovers
/// from them), then each schema problem, taking out the entry it is about before reading again.
fn read_past_problems<T: DeserializeOwned>(
    sources: &SourceMap,
    file: FileId,
    piece: &Piece<'_>,
) -> (Option<T>, Vec<Diagnostic>) {
    let (table, syntax) = DeTable::parse_recoverable(piece.text);
    let at = |err: &toml::de::Error| {
        let range = err.span().unwrap_or(0..0);
        let span = Span {
            file,
            bytes: piece.offset + range.start..piece.offset + range.end,
        };
        let (message, help) = explain(err.message(), key_before(piece.text, range.start));
        Diagnostic::at(sources, &span, message).help(help)
    };
    let mut errors: Vec<Diagnostic> = syntax.iter().map(at).collect();
    let broken_syntax = !errors.is_empty();
    // The lines the parser could not read: what it made of them (`correct = yes` read as text)
    // is no further problem of the teacher's.
    let line_of = |offset: usize| {
        piece.text[..offset.min(piece.text.len())]
            .matches('\n')
            .count()
    };
    let syntax_lines: Vec<usize> = syntax
        .iter()
        .filter_map(|e| e.span())
        .map(|r| line_of(r.start))
        .collect();
    let root_span = table.span();
    let mut root = table.into_inner();
    // The keys taken out so far, by the table they were in: that table now lacks them.
    let mut removed: Vec<(std::ops::Range<usize>, String)> = Vec::new();
    for _ in 0..MOST_PROBLEMS {
        let whole = Spanned::new(root_span.clone(), root.clone());
        let err = match T::deserialize(Deserializer::from(whole)) {
            Ok(value) => return (Some(value), errors),
            Err(err) => err,
        };
        let range = err.span();
        // A key reported missing that a syntax problem swallowed, that was taken out for a
        // problem already reported, or that a misspelt key already reported stands for, is no
        // news.
        let echo = missing_key(err.message()).is_some_and(|key| {
            broken_syntax
                || range.as_ref().is_some_and(|r| {
                    removed.iter().any(|(t, k)| {
                        t == r && (k == key || crate::suggest::closest(k, [key]).is_some())
                    })
                })
        });
        let on_broken_line = range
            .as_ref()
            .is_some_and(|r| syntax_lines.contains(&line_of(r.start)));
        if !echo && !on_broken_line {
            errors.push(at(&err));
        }
        let Some(range) = range else { break };
        match recover::remove_at(&mut root, root_span.clone(), &range) {
            Some(Removed::Key { table, key }) => removed.push((table, key)),
            Some(Removed::Table) => {}
            None => break,
        }
    }
    (None, errors)
}

/// The key a "missing field" message names.
fn missing_key(message: &str) -> Option<&str> {
    message
        .trim()
        .strip_prefix("missing field `")?
        .split('`')
        .next()
}

/// The key whose value starts at byte `at` of `text`, when it is on the same line
/// (`band = "Pass"` → `band`).
fn key_before(text: &str, at: usize) -> Option<&str> {
    let before = text.get(..at)?;
    let line = &before[before.rfind('\n').map_or(0, |i| i + 1)..];
    let (key, _) = line.split_once('=')?;
    let key = key.trim().rsplit('.').next()?.trim().trim_matches('"');
    (!key.is_empty() && !key.contains(char::is_whitespace)).then_some(key)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;
    use std::path::Path;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct T {
        #[allow(dead_code)]
        title: String,
        level: Option<Spanned<u32>>,
        #[serde(default)]
        #[allow(dead_code)]
        item: Vec<Item>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Item {
        #[allow(dead_code)]
        id: String,
        #[allow(dead_code)]
        correct: Option<bool>,
    }

    fn parse_str(text: &str, offset: usize) -> (Option<Doc<T>>, Vec<Diagnostic>) {
        let mut map = SourceMap::default();
        let full = format!("{}{}", "x".repeat(offset), text);
        let id = map.add(Path::new("f.md"), full.into());
        let piece = Piece { text, offset };
        parse::<T>(&map, id, &piece)
    }

    /// (line, column, message) of each problem, in the file's order.
    fn problems(text: &str) -> Vec<(usize, usize, String)> {
        let mut found: Vec<_> = parse_str(text, 0)
            .1
            .into_iter()
            .map(|e| {
                let at = e.location.unwrap();
                (at.line, at.column, e.message)
            })
            .collect();
        found.sort();
        found
    }

    #[test]
    fn unknown_key_points_at_the_key() {
        let (doc, errors) = parse_str("title = \"a\"\ntitel = \"b\"\n", 0);
        let e = &errors[0];
        let loc = e.location.clone().unwrap();
        assert_eq!((loc.line, loc.column), (2, 1));
        assert_eq!(e.message, "`titel` is not a key this file can have");
        assert!(e.help.as_ref().unwrap().contains("did you mean `title`?"));
        assert_eq!(
            errors.len(),
            1,
            "the misspelt key is not also reported missing"
        );
        assert!(doc.is_some(), "the value is read past the unknown key");
    }

    #[test]
    fn missing_key_names_the_key() {
        let (doc, errors) = parse_str("level = 2\n", 0);
        assert!(doc.is_none());
        assert_eq!(errors[0].message, "the key `title` is missing here");
        assert!(errors[0]
            .help
            .as_ref()
            .unwrap()
            .contains("add the key `title`"));
    }

    #[test]
    fn spans_are_shifted_by_the_block_offset() {
        let doc = parse_str("title = \"a\"\nlevel = 3\n", 4).0.unwrap();
        let span = doc.origin.span(doc.value.level.as_ref().unwrap());
        assert_eq!(span.bytes, 4 + 20..4 + 21);
    }

    #[test]
    fn every_problem_of_a_block_is_reported_in_one_read() {
        let text = "title = \"a\"\nlevle = 2\nlevel = \"two\"\n\n[[item]]\nid = \"x\"\ncorrect = \"yes\"\n\n[[item]]\ncorect = true\n";
        let found = problems(text);
        let lines: Vec<usize> = found.iter().map(|p| p.0).collect();
        assert_eq!(lines, [2, 3, 7, 9, 10], "{found:#?}");
        assert!(
            found[1].2.contains("`level` is a whole number"),
            "{found:#?}"
        );
        assert!(
            found[2].2.contains("`correct` is true or false"),
            "{found:#?}"
        );
        assert!(found[3].2.contains("the key `id` is missing"), "{found:#?}");
        assert!(found[4].2.contains("`corect` is not a key"), "{found:#?}");
    }

    #[test]
    fn a_key_taken_out_for_its_wrong_value_is_not_also_reported_missing() {
        let found = problems("title = 3\n");
        assert_eq!(found.len(), 1, "{found:#?}");
        assert!(
            found[0].2.contains("`title` is text in quotes"),
            "{found:#?}"
        );
    }

    #[test]
    fn syntax_problems_are_all_reported_too() {
        let found = problems("title = \"a\nlevel = = 2\n[[item]]\nid = \"x\"\ncorrect = tru\n");
        assert!(found.len() >= 2, "{found:#?}");
        assert_eq!(found[0].0, 1, "{found:#?}");
        assert!(found.iter().any(|p| p.0 == 5), "{found:#?}");
    }
}
