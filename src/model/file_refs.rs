//! The links and images of a unit that name course files: a file that is not there, a path
//! that leaves the content folder, and an image without alt text. Errors whether the course is
//! built or checked, read from the spans the driver records once per unit.

use super::spans::UnitSpans;
use crate::course_files::CourseFiles;
use crate::diagnostic::{listed, Diagnostic, SourceMap};
use crate::markdown::files::{in_files_folder, written_as, DECORATIVE};
use crate::markdown::{FileContext, FileTarget};

/// Every problem with the file links and images of a unit, whose references are at `spans` in
/// `sources`; `files` are the course's.
pub fn unit_errors(sources: &SourceMap, spans: &UnitSpans, files: &CourseFiles) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for at in &spans.files {
        let r = &at.reference;
        let written = &r.written;
        let here = files.content_path_of(sources.path(at.span.file));
        let error =
            |message: String, help: String| Diagnostic::at(sources, &at.span, message).help(help);
        match &r.target {
            FileTarget::Found(_) if r.lacks_alt() => out.push(error(
                "this image has no alt text".into(),
                format!(
                    "describe what the picture shows for a learner who cannot see it, between \
                     the brackets: ![A diagram of …]({written}); a picture that is only \
                     decoration is marked ![{DECORATIVE}]({written})"
                ),
            )),
            FileTarget::Found(_) => {}
            FileTarget::Outside => out.push(error(
                format!("`{written}` leads out of the content folder"),
                "unitpress publishes only what is inside it: copy the file into the unit's \
                 files/ folder and link to it there, e.g. ../files/name.pdf"
                    .into(),
            )),
            FileTarget::Missing { path, instead } => {
                let what = if r.image { "picture" } else { "file" };
                let message = if in_files_folder(path) {
                    format!("there is no {what} `{path}`")
                } else {
                    format!("`{written}` is not in a files/ folder")
                };
                let help = match instead {
                    Some(right) => format!("did you mean `{right}`?"),
                    None => where_files_go(here.as_deref(), files, path),
                };
                out.push(error(message, help));
            }
        }
    }
    out
}

/// Where a file should be put, and what the folder it was looked for in holds.
fn where_files_go(here: Option<&str>, files: &CourseFiles, path: &str) -> String {
    let unit = here.and_then(|h| h.strip_prefix("units/")?.split('/').next());
    let folder = match unit {
        Some(u) => format!("units/{u}/files/"),
        None => "files/".into(),
    };
    let name = path.rsplit('/').next().unwrap_or(path);
    let link = here.map_or_else(
        || format!("@/{folder}{name}"),
        |at| {
            written_as(
                &FileContext { at, files },
                &format!("{folder}{name}"),
                false,
            )
        },
    );
    let beside: Vec<String> = files
        .iter()
        .map(|f| f.content_path())
        .filter(|p| p.starts_with(&folder))
        .map(|p| p[folder.len()..].to_string())
        .collect();
    let holds = if beside.is_empty() {
        String::new()
    } else {
        let names: Vec<&str> = beside.iter().map(String::as_str).collect();
        format!("; that folder holds {}", listed(&names))
    };
    format!(
        "images and downloads go in the unit's files/ folder (content/{folder}), or in \
         content/files/ for the whole course: put the file there and write `{link}`{holds}"
    )
}
