//! Warnings on the course's files: one that no text links to (the site leaves it out), and one
//! too large for a learner on a phone, with what to do about it.

use std::collections::HashSet;

use crate::course_files::{human_size, CourseFile, FileKind};
use crate::diagnostic::Diagnostic;
use crate::model::Course;

/// Above this a picture is slow on a phone: a photo exported at 1600 px is well under it.
pub const IMAGE_LIMIT: u64 = 1024 * 1024;
/// Above this any file is a long download on a phone's data.
pub const FILE_LIMIT: u64 = 10 * 1024 * 1024;

/// The warnings on `course`'s files (every text of the teacher edition counts as a use).
pub fn warnings(course: &Course) -> Vec<Diagnostic> {
    let used: HashSet<String> = course
        .used_files()
        .into_iter()
        .map(CourseFile::content_path)
        .collect();
    let mut out = Vec::new();
    for f in course.files.iter() {
        if !used.contains(&f.content_path()) {
            out.push(
                Diagnostic::error(format!(
                    "no page links to `{}` or shows it, so the site leaves it out",
                    f.name
                ))
                .warning()
                .in_file(&f.path)
                .help(
                    "link to it from the text that needs it, e.g. [Worksheet](../files/name.pdf) \
                     from a knowledge item, or remove it",
                ),
            );
        }
        if let Some(d) = oversize(f) {
            out.push(d);
        }
    }
    out
}

/// The warning on a file too large for a phone, if it is.
fn oversize(f: &CourseFile) -> Option<Diagnostic> {
    let limit = if f.kind.is_image() {
        IMAGE_LIMIT
    } else {
        FILE_LIMIT
    };
    if f.bytes <= limit {
        return None;
    }
    let help = match f.kind {
        FileKind::Raster => {
            "export it at 1600 px wide as JPEG (quality about 80) or WebP: a photo so made is \
             usually under 400 KB and looks the same on any screen"
        }
        FileKind::Svg => {
            "simplify the drawing, or save it as Optimized SVG; a drawing that holds a photo is \
             better exported as JPEG"
        }
        FileKind::Video => {
            "export it at 720p (H.264, about 2 Mbit/s), or cut it into shorter clips: a few \
             minutes of video need not be more than 30 MB"
        }
        FileKind::Document | FileKind::Captions => {
            "make it smaller: compress its pictures (in Word: File, Compress Pictures) or save \
             the PDF with a smaller file size, or split it into parts"
        }
    };
    Some(
        Diagnostic::error(format!(
            "`{}` is {}: on a phone it is slow to open and uses the learner's data",
            f.name,
            human_size(f.bytes)
        ))
        .warning()
        .in_file(&f.path)
        .help(help),
    )
}
