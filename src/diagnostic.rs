//! Errors a teacher can act on: each names the file, the line and column, what is wrong and how
//! to fix it, and prints the offending line with a caret under the spot.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The text of every content file read so far, kept so that a problem found in a later stage
/// (a criterion naming a learning outcome that does not exist) can still be shown in place.
#[derive(Debug, Default)]
pub struct SourceMap {
    files: Vec<SourceFile>,
}

#[derive(Debug)]
struct SourceFile {
    path: Arc<Path>,
    text: Arc<str>,
}

/// Identifies one file in a [`SourceMap`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileId(usize);

/// A place in a content file: the file and a byte range within it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub file: FileId,
    pub bytes: Range<usize>,
}

impl Span {
    /// The same place, as a map that took this span's map in at `offset` knows it.
    pub fn shifted(&self, offset: usize) -> Span {
        Span {
            file: FileId(self.file.0 + offset),
            bytes: self.bytes.clone(),
        }
    }
}

impl SourceMap {
    /// Records a file's text, with its line breaks made `\n` (see [`unix_line_breaks`]), and
    /// returns its id. Every later stage reads the text from here, so byte offsets, lines and
    /// columns all count in the same text.
    pub fn add(&mut self, path: &Path, text: Arc<str>) -> FileId {
        self.files.push(SourceFile {
            path: path.into(),
            text: unix_line_breaks(text),
        });
        FileId(self.files.len() - 1)
    }

    /// Takes in every file of `other`. Returns the offset to add to the index of an id of
    /// `other` to make it an id of this map (see [`Span::shifted`]).
    pub fn append(&mut self, other: SourceMap) -> usize {
        let offset = self.files.len();
        self.files.extend(other.files);
        offset
    }

    pub fn path(&self, id: FileId) -> &Path {
        &self.files[id.0].path
    }

    pub fn text(&self, id: FileId) -> &str {
        &self.files[id.0].text
    }

    /// Turns a span into a located position (1-based line and column, counted in characters).
    pub fn locate(&self, span: &Span) -> Location {
        let text = self.text(span.file);
        let start = floor_char_boundary(text, span.bytes.start.min(text.len()));
        let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        Location {
            path: self.path(span.file).to_path_buf(),
            line: text[..start].matches('\n').count() + 1,
            column: text[line_start..start].chars().count() + 1,
            source_line: text[line_start..line_end].to_string(),
        }
    }
}

/// `text` with each Windows (`\r\n`) and old Mac (`\r`) line break made `\n`. TOML keeps a
/// multi-line string's line breaks as written, and a `\r` copied into a page or the search
/// index is a stray character there. An editor shows each of these as one line break, so lines
/// and columns still count as the teacher sees them.
pub fn unix_line_breaks(text: Arc<str>) -> Arc<str> {
    if !text.contains('\r') {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = &*text;
    while let Some(i) = rest.find('\r') {
        out.push_str(&rest[..i]);
        out.push('\n');
        rest = &rest[i + 1..];
        rest = rest.strip_prefix('\n').unwrap_or(rest);
    }
    out.push_str(rest);
    out.into()
}

/// Up to ten names, comma-separated, for a message that lists what could be written instead.
pub fn listed(names: &[&str]) -> String {
    match names.len() {
        0 => "none".into(),
        n if n > 10 => format!("{} … ({n} in all)", names[..10].join(", ")),
        _ => names.join(", "),
    }
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Where a diagnostic points: a file, and a line and column in it unless the problem concerns
/// the file as a whole (then `line` is 0).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub path: PathBuf,
    pub line: usize,
    pub column: usize,
    source_line: String,
}

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

/// One problem found in the content, the theme or the file system.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub message: String,
    /// The file (and, where known, line and column) the problem is in.
    pub location: Option<Box<Location>>,
    /// What to do about it.
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn error(message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            message: message.into(),
            location: None,
            help: None,
        }
    }

    /// An error at a span of a file in the source map.
    pub fn at(sources: &SourceMap, span: &Span, message: impl Into<String>) -> Self {
        Diagnostic {
            location: Some(Box::new(sources.locate(span))),
            ..Diagnostic::error(message)
        }
    }

    /// Points at a file as a whole (a missing file, an unreadable folder).
    pub fn in_file(mut self, path: &Path) -> Self {
        self.location = Some(Box::new(Location {
            path: path.to_path_buf(),
            line: 0,
            column: 0,
            source_line: String::new(),
        }));
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn warning(mut self) -> Self {
        self.severity = Severity::Warning;
        self
    }

    /// The file this diagnostic is about, if any.
    pub fn file(&self) -> Option<&Path> {
        self.location.as_ref().map(|l| l.path.as_path())
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        writeln!(f, "{label}: {}", self.message)?;
        if let Some(loc) = self.location.as_ref().filter(|l| l.line > 0) {
            writeln!(
                f,
                "  --> {}:{}:{}",
                loc.path.display(),
                loc.line,
                loc.column
            )?;
            let gutter = loc.line.to_string().len();
            writeln!(f, "{:gutter$} |", "")?;
            writeln!(f, "{} | {}", loc.line, loc.source_line)?;
            let pad: String = loc
                .source_line
                .chars()
                .take(loc.column - 1)
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            writeln!(f, "{:gutter$} | {pad}^", "")?;
        } else if let Some(loc) = &self.location {
            writeln!(f, "  --> {}", loc.path.display())?;
        }
        if let Some(help) = &self.help {
            writeln!(f, "  = help: {help}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locates_line_and_column_in_characters() {
        let mut map = SourceMap::default();
        let id = map.add(Path::new("a.toml"), "title = \"x\"\nlevél = 2\n".into());
        let offset = "title = \"x\"\nlevél = ".len();
        let loc = map.locate(&Span {
            file: id,
            bytes: offset..offset + 1,
        });
        assert_eq!((loc.line, loc.column), (2, 9));
        assert_eq!(loc.source_line, "levél = 2");
    }

    #[test]
    fn windows_and_old_mac_line_breaks_count_as_one_each() {
        let mut map = SourceMap::default();
        let id = map.add(
            Path::new("a.md"),
            "one\r\ntwo\rthree\r\n\r\nfour = x\n".into(),
        );
        assert_eq!(map.text(id), "one\ntwo\nthree\n\nfour = x\n");
        let at = map.text(id).find('x').unwrap();
        let loc = map.locate(&Span {
            file: id,
            bytes: at..at + 1,
        });
        assert_eq!((loc.line, loc.column), (5, 8));
        assert_eq!(loc.source_line, "four = x");
    }

    #[test]
    fn display_points_at_the_column() {
        let mut map = SourceMap::default();
        let id = map.add(Path::new("c.toml"), "id = 7\n".into());
        let d = Diagnostic::at(
            &map,
            &Span {
                file: id,
                bytes: 5..6,
            },
            "id must be text",
        )
        .help("write id = \"P1\"");
        let shown = d.to_string();
        assert!(shown.contains("--> c.toml:1:6"), "{shown}");
        assert!(shown.contains("1 | id = 7\n  |      ^"), "{shown}");
        assert!(shown.contains("help: write id = \"P1\""), "{shown}");
    }
}
