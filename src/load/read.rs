//! Reading the content files from disk, in parallel, into one source map; a file that cannot
//! be read, or is not UTF-8, is a problem pointed at it.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::diagnostic::{Diagnostic, FileId, SourceMap};

/// Reads every file in parallel into a source map; a file that cannot be read is reported and
/// left out.
pub(super) fn read_all(
    paths: Vec<PathBuf>,
) -> (SourceMap, HashMap<PathBuf, FileId>, Vec<Diagnostic>) {
    let texts: Vec<Result<Arc<str>, Diagnostic>> = paths
        .par_iter()
        .map(|p| match std::fs::read(p) {
            Ok(bytes) => String::from_utf8(bytes)
                .map(Arc::from)
                .map_err(|e| not_utf8(p, &e)),
            Err(e) => Err(Diagnostic::error(format!("cannot read this file: {e}")).in_file(p)),
        })
        .collect();
    let mut sources = SourceMap::default();
    let mut ids = HashMap::with_capacity(paths.len());
    let mut errors = Vec::new();
    for (path, text) in paths.into_iter().zip(texts) {
        match text {
            Ok(text) => {
                ids.insert(path.clone(), sources.add(&path, text));
            }
            Err(e) => errors.push(e),
        }
    }
    (sources, ids, errors)
}

/// A file that is not UTF-8, pointed at the line and column of its first bad byte.
fn not_utf8(path: &Path, e: &std::string::FromUtf8Error) -> Diagnostic {
    let bytes = e.as_bytes();
    let good = &bytes[..e.utf8_error().valid_up_to()];
    let line = good.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = good.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    let column = String::from_utf8_lossy(&good[line_start..]).chars().count() + 1;
    let mut d = Diagnostic::error(format!(
        "this file is not UTF-8 text: the first character that is not is on line {line}, column {column}"
    ))
    .in_file(path)
    .help("save it with UTF-8 encoding in your editor (in Word or Notepad: Save As, Encoding: UTF-8)");
    if let Some(at) = d.location.as_mut() {
        at.line = line;
        at.column = column;
    }
    d
}
