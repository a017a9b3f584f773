//! Splits a Markdown file into its TOML front matter (between `+++` lines) and its body.

use crate::diagnostic::{Diagnostic, FileId, SourceMap, Span};

/// A content file cut into its two parts, with the byte offsets of each within the file so that
/// errors found later can point into the original text.
#[derive(Debug, PartialEq, Eq)]
pub struct Split<'a> {
    pub front: Option<Piece<'a>>,
    pub body: Piece<'a>,
}

#[derive(Debug, PartialEq, Eq)]
pub struct Piece<'a> {
    pub text: &'a str,
    pub offset: usize,
}

const FENCE: &str = "+++";

/// Splits `text` (the whole file). A file that does not start with a `+++` line has no front
/// matter; one that opens the fence but never closes it is an error.
pub fn split(sources: &SourceMap, file: FileId) -> Result<Split<'_>, Diagnostic> {
    let text = sources.text(file);
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let Some(first_end) = fence_line_end(text, start) else {
        return Ok(Split {
            front: None,
            body: Piece {
                text: &text[start..],
                offset: start,
            },
        });
    };
    let mut line_start = first_end;
    while line_start < text.len() {
        if let Some(end) = fence_line_end(text, line_start) {
            return Ok(Split {
                front: Some(Piece {
                    text: &text[first_end..line_start],
                    offset: first_end,
                }),
                body: Piece {
                    text: &text[end..],
                    offset: end,
                },
            });
        }
        line_start = text[line_start..]
            .find('\n')
            .map_or(text.len(), |i| line_start + i + 1);
    }
    Err(Diagnostic::at(
        sources,
        &Span {
            file,
            bytes: start..start + FENCE.len(),
        },
        "the front matter opened here is never closed",
    )
    .help("add a line holding only +++ after the last front-matter key, before the Markdown body"))
}

/// If the line starting at `at` is a `+++` fence, returns the offset just past its line break.
fn fence_line_end(text: &str, at: usize) -> Option<usize> {
    let rest = &text[at..];
    let line_len = rest.find('\n').unwrap_or(rest.len());
    let line = rest[..line_len].trim_end_matches('\r').trim_end();
    (line == FENCE).then(|| (at + line_len + 1).min(text.len()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn map(text: &str) -> (SourceMap, FileId) {
        let mut m = SourceMap::default();
        let id = m.add(Path::new("x.md"), text.into());
        (m, id)
    }

    #[test]
    fn splits_front_matter_and_body_with_offsets() {
        let (m, id) = map("+++\ntitle = \"A\"\n+++\nBody\n");
        let s = split(&m, id).unwrap();
        let front = s.front.unwrap();
        assert_eq!(front.text, "title = \"A\"\n");
        assert_eq!(front.offset, 4);
        assert_eq!(s.body.text, "Body\n");
    }

    #[test]
    fn file_without_fence_is_all_body() {
        let (m, id) = map("Just text\n");
        let s = split(&m, id).unwrap();
        assert!(s.front.is_none());
        assert_eq!(s.body.text, "Just text\n");
    }

    #[test]
    fn unclosed_fence_is_an_error_on_line_one() {
        let (m, id) = map("+++\ntitle = \"A\"\nBody\n");
        let e = split(&m, id).unwrap_err();
        assert_eq!(e.location.unwrap().line, 1);
    }

    #[test]
    fn crlf_files_split_too() {
        let (m, id) = map("+++\r\ntitle = \"A\"\r\n+++\r\nBody\r\n");
        let s = split(&m, id).unwrap();
        assert_eq!(s.front.unwrap().text, "title = \"A\"\r\n");
        assert_eq!(s.body.text, "Body\r\n");
    }
}
