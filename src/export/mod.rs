//! `unitpress export`: the course in the formats a college's Moodle imports. The question banks
//! ([`moodle_xml`], [`gift`]) are written from the same checked model the site is built from,
//! and the SCORM package ([`scorm`]) holds the learner edition built by [`site::build`], so an
//! export fails on exactly the problems `build` reports.

mod bank;
mod fractions;
pub mod gift;
mod manifest;
pub mod moodle_xml;
pub mod scorm;
mod site_zip;

pub use site_zip::{refuse_inside, zip_site, ZipReport};

use std::io::Write as _;
use std::path::{Path, PathBuf};

use crate::diagnostic::Diagnostic;
use crate::model::{Course, Unit};
use crate::site;

/// What `unitpress export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A question bank in Moodle XML: every question type, categories by unit, outcome and
    /// criterion.
    MoodleXml,
    /// A question bank in GIFT, Moodle's plain-text format (no ordering questions).
    Gift,
    /// A SCORM 1.2 package: the learner edition, one SCO per unit reporting quiz scores.
    Scorm,
}

/// How ordering questions are written into a question bank.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Ordering {
    /// Moodle's ordering question, core since Moodle 4.4 (older sites need its plugin).
    #[default]
    Ordering,
    /// A matching question that pairs each position with its item: any Moodle can import it.
    Matching,
}

/// What to export and where.
#[derive(Debug, Clone)]
pub struct ExportOptions {
    pub format: Format,
    pub content: PathBuf,
    /// The file to write; by default named after the format (and the unit) in the current folder.
    pub out: Option<PathBuf>,
    /// Only this unit (its folder name), instead of the whole course.
    pub unit: Option<String>,
    pub ordering: Ordering,
}

/// What an export wrote.
#[derive(Debug)]
pub struct ExportReport {
    pub out: PathBuf,
    /// One line saying what is in the file.
    pub summary: String,
    /// What the format could not hold, question by question.
    pub warnings: Vec<Diagnostic>,
}

/// A question bank or package, ready to be written to its file.
pub(crate) struct Written {
    pub bytes: Vec<u8>,
    pub summary: String,
    pub warnings: Vec<Diagnostic>,
}

/// Runs the export described by `options`. The output file is replaced only when the export
/// succeeds.
pub fn export(options: &ExportOptions) -> Result<ExportReport, Vec<Diagnostic>> {
    let checked = site::Site::load(&options.content)?;
    let units = select(&checked.course, options.unit.as_deref(), &options.content)?;
    let written = match options.format {
        Format::MoodleXml => moodle_xml::write(&checked.course, &units, options.ordering),
        Format::Gift => gift::write(&checked.course, &units, options.ordering),
        Format::Scorm => scorm::package(&options.content, &checked.course, &units),
    }?;
    let out = options
        .out
        .clone()
        .unwrap_or_else(|| default_out(options.format, options.unit.as_deref()));
    write_whole(&out, &written.bytes).map_err(|e| vec![e])?;
    Ok(ExportReport {
        out,
        summary: written.summary,
        warnings: written.warnings,
    })
}

/// The units to export: the one named, or every unit of the course.
fn select<'a>(
    course: &'a Course,
    unit: Option<&str>,
    content: &Path,
) -> Result<Vec<&'a Unit>, Vec<Diagnostic>> {
    let Some(slug) = unit else {
        return Ok(course.units.iter().collect());
    };
    if let Some(u) = course.units.iter().find(|u| u.slug == slug) {
        return Ok(vec![u]);
    }
    let slugs = course.units.iter().map(|u| u.slug.as_str());
    let help = match crate::suggest::closest(slug, slugs.clone()) {
        Some(right) => format!("did you mean `--unit {right}`?"),
        None => format!(
            "use the name of a folder under units/: {}",
            slugs.collect::<Vec<_>>().join(", ")
        ),
    };
    Err(vec![Diagnostic::error(format!(
        "there is no unit `{slug}` in this course"
    ))
    .in_file(&content.join("units"))
    .help(help)])
}

/// `course-moodle.xml`, `unit-5-gift.txt`, `course-scorm.zip` …
fn default_out(format: Format, unit: Option<&str>) -> PathBuf {
    let stem = unit.unwrap_or("course");
    PathBuf::from(match format {
        Format::MoodleXml => format!("{stem}-moodle.xml"),
        // Moodle's GIFT importer asks for a .txt file.
        Format::Gift => format!("{stem}-gift.txt"),
        Format::Scorm => format!("{stem}-scorm.zip"),
    })
}

/// Writes `bytes` to a temporary file beside `out`, then renames it over `out`: a teacher's
/// previous export is never left half overwritten.
fn write_whole(out: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
    let cannot = |e: &dyn std::fmt::Display| {
        Diagnostic::error(format!("cannot write the export: {e}"))
            .in_file(out)
            .help("check that the folder exists and that you may write to it, or choose another --out")
    };
    let dir = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".unitpress-export-");
    // A file the user's umask lets others read, like any file they save (a temporary file is
    // made for its owner only).
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut file = builder.tempfile_in(dir).map_err(|e| cannot(&e))?;
    file.write_all(bytes).map_err(|e| cannot(&e))?;
    file.persist(out).map_err(|e| cannot(&e.error))?;
    Ok(())
}

/// Escapes plain text for HTML, as the site's pages do.
pub(crate) fn html(text: &str) -> String {
    crate::render::escape_html(text)
}

/// `text` without the characters XML 1.0 cannot hold at all (most control characters), which
/// a TOML string may contain as escapes.
pub(crate) fn xml_chars(text: &str) -> String {
    text.chars()
        .filter(|&c| matches!(c, '\t' | '\n' | '\r') || !c.is_control())
        .filter(|&c| !matches!(c, '\u{fffe}' | '\u{ffff}'))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_left_out_of_xml_text() {
        assert_eq!(xml_chars("a\u{7}b\tc\u{1b}\n"), "ab\tc\n");
        assert_eq!(xml_chars("café – ok"), "café – ok");
    }

    #[test]
    fn default_file_names_say_format_and_unit() {
        assert_eq!(
            default_out(Format::Gift, Some("unit-5")),
            PathBuf::from("unit-5-gift.txt")
        );
        assert_eq!(
            default_out(Format::Scorm, None),
            PathBuf::from("course-scorm.zip")
        );
    }
}
