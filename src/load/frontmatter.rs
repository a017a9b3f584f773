//! Splits a Markdown file into its TOML front matter (between `+++` lines) and its body, after
//! refusing a file that cannot be a page: one holding NUL characters, or one too long to read.

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

/// The longest Markdown file read, in bytes (5 MB: a hundred times a long page of notes).
/// Rendering and indexing take many times a page's size in memory, so a longer file, which is
/// more likely a pasted export or a damaged file than notes, is refused.
const MAX_PAGE_BYTES: usize = 5_000_000;

/// Splits `text` (the whole file). A file that does not start with a `+++` line has no front
/// matter; one that opens the fence but never closes it is an error.
pub fn split(sources: &SourceMap, file: FileId) -> Result<Split<'_>, Diagnostic> {
    let text = sources.text(file);
    refuse_unreadable(sources, file)?;
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

/// An error for a file that holds a NUL character (a damaged file, or one saved as UTF-16,
/// whose NULs would be copied into the pages) or is longer than [`MAX_PAGE_BYTES`].
fn refuse_unreadable(sources: &SourceMap, file: FileId) -> Result<(), Diagnostic> {
    let text = sources.text(file);
    let at = |at: usize| Span {
        file,
        bytes: at..at + 1,
    };
    if let Some(nul) = text.find('\0') {
        return Err(Diagnostic::at(
            sources,
            &at(nul),
            "this file holds a NUL character (byte 0), which text files do not",
        )
        .help("the file may be damaged or saved as UTF-16: open it in your editor, delete the character here, and save the file as UTF-8"));
    }
    if text.len() > MAX_PAGE_BYTES {
        let mut limit = MAX_PAGE_BYTES;
        while !text.is_char_boundary(limit) {
            limit -= 1;
        }
        return Err(Diagnostic::at(
            sources,
            &at(limit),
            format!(
                "this file is {:.1} MB; a Markdown file may be at most {} MB, and this line is past that",
                text.len() as f64 / 1_000_000.0,
                MAX_PAGE_BYTES / 1_000_000
            ),
        )
        .help("split it into several files (knowledge items, or notes on each criterion); pictures and documents belong in files of their own, linked from the page, not pasted into it"));
    }
    Ok(())
}

/// If the line starting at `at` is a `+++` fence, returns the offset just past its line break.
fn fence_line_end(text: &str, at: usize) -> Option<usize> {
    let rest = &text[at..];
    let line_len = rest.find('\n').unwrap_or(rest.len());
    let line = rest[..line_len].trim_end();
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
        assert_eq!(s.front.unwrap().text, "title = \"A\"\n");
        assert_eq!(s.body.text, "Body\n");
    }

    #[test]
    fn a_nul_character_is_refused_where_it_stands() {
        let (m, id) = map("+++\ntitle = \"A\"\n+++\nBody\nmore \0 text\n");
        let e = split(&m, id).unwrap_err();
        let at = e.location.unwrap();
        assert_eq!((at.line, at.column), (5, 6));
        assert!(e.message.contains("NUL"), "{}", e.message);
    }

    #[test]
    fn a_file_past_the_limit_is_refused_at_the_line_that_passes_it() {
        let line = "word ".repeat(19) + "\n";
        let text = line.repeat(MAX_PAGE_BYTES / line.len() + 2);
        let (m, id) = map(&text);
        let e = split(&m, id).unwrap_err();
        assert_eq!(e.location.unwrap().line, MAX_PAGE_BYTES / line.len() + 1);
        assert!(e.message.contains("at most 5 MB"), "{}", e.message);
        let (m, id) = map(&line.repeat(MAX_PAGE_BYTES / line.len()));
        assert!(split(&m, id).is_ok());
    }
}
