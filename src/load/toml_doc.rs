//! Parses TOML (a whole file or a front-matter block) into a typed value, turning syntax and
//! schema errors into positioned diagnostics, and keeping where the block starts so that spans
//! recorded by `toml::Spanned` can be mapped back to the file.

use serde::de::DeserializeOwned;
use toml::Spanned;

use super::frontmatter::Piece;
use crate::diagnostic::{Diagnostic, FileId, SourceMap, Span};

/// A parsed TOML block and the place it came from.
#[derive(Debug)]
pub struct Doc<T> {
    pub value: T,
    pub origin: Origin,
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

/// Parses `piece` (from `file`) as TOML into `T`.
pub fn parse<T: DeserializeOwned>(
    sources: &SourceMap,
    file: FileId,
    piece: &Piece<'_>,
) -> Result<Doc<T>, Diagnostic> {
    let origin = Origin {
        file,
        base: piece.offset,
    };
    match toml::from_str::<T>(piece.text) {
        Ok(value) => Ok(Doc { value, origin }),
        Err(err) => {
            let range = err.span().unwrap_or(0..0);
            let span = Span {
                file,
                bytes: piece.offset + range.start..piece.offset + range.end,
            };
            let message = err.message().trim().to_string();
            let help = help_for(&message);
            Err(Diagnostic::at(sources, &span, message).help(help))
        }
    }
}

/// Advice for the commonest TOML and schema mistakes.
fn help_for(message: &str) -> String {
    if message.starts_with("unknown field") {
        "check the key's spelling; the keys each file accepts are listed in docs/content-format.md"
            .into()
    } else if let Some(rest) = message.strip_prefix("missing field `") {
        let key = rest.split('`').next().unwrap_or("");
        format!("add the required key `{key}` (see docs/content-format.md)")
    } else if message.starts_with("invalid type") {
        "text goes in quotes (\"…\"), numbers without them, lists in [ … ]".into()
    } else if message.starts_with("unknown variant") {
        "use one of the values the message lists, in lower case".into()
    } else if message.contains("duplicate key") {
        "each key may appear once in a table: remove or rename one of them".into()
    } else {
        "fix the TOML syntax at this point: strings need closing quotes, keys need `= value`".into()
    }
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
    }

    fn parse_str(text: &str, offset: usize) -> Result<Doc<T>, Diagnostic> {
        let mut map = SourceMap::default();
        let full = format!("{}{}", "x".repeat(offset), text);
        let id = map.add(Path::new("f.md"), full.into());
        let piece = Piece { text, offset };
        parse::<T>(&map, id, &piece)
    }

    #[test]
    fn unknown_key_points_at_the_key() {
        let e = parse_str("title = \"a\"\ntitel = \"b\"\n", 0).unwrap_err();
        let loc = e.location.clone().unwrap();
        assert_eq!((loc.line, loc.column), (2, 1));
        assert!(e.message.contains("unknown field `titel`"));
        assert!(e.help.unwrap().contains("spelling"));
    }

    #[test]
    fn missing_key_names_the_key() {
        let e = parse_str("level = 2\n", 0).unwrap_err();
        assert!(e.help.unwrap().contains("`title`"));
    }

    #[test]
    fn spans_are_shifted_by_the_block_offset() {
        let doc = parse_str("title = \"a\"\nlevel = 3\n", 4).unwrap();
        let span = doc.origin.span(doc.value.level.as_ref().unwrap());
        assert_eq!(span.bytes, 4 + 20..4 + 21);
    }
}
