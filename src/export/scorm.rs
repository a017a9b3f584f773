//! A SCORM 1.2 package of the learner edition, for Moodle's SCORM activity.
//!
//! One SCO per unit: Moodle gives a SCORM activity one gradebook column, graded from its SCOs'
//! `cmi.core.score.raw` (highest, average or sum) or from how many are complete. A SCO per unit
//! is one score per unit there, in a package of one unit (`--unit`) or of the course, and the
//! learner moves around a unit by its own links. A SCO per criterion would give Moodle's
//! table of contents dozens of entries, end the session at every step between criteria, and
//! still report nothing for a criterion that has no quiz.
//!
//! Each SCO launches `scorm/<unit>.html`, a page that opens the LMS session once and shows the
//! unit's pages in a frame. The theme's `scorm.js` on that page finds the LMS's API, keeps the
//! unit's progress in `cmi.suspend_data` and reports score and status; on the site's pages in
//! the frame it hands quiz results to that page. Outside an LMS it does nothing.

use std::io::{Cursor, Write as _};
use std::path::Path;

use zip::write::SimpleFileOptions;

use super::manifest::{self, Sco};
use super::{html, Written};
use crate::diagnostic::Diagnostic;
use crate::model::Edition;
use crate::model::{Course, Unit};
use crate::render::unit_heading;
use crate::routes::Route;
use crate::site::{self, BuildOptions};

/// SCORM 1.2's limit on `cmi.suspend_data`, in characters.
pub const SUSPEND_DATA_MAX: usize = 4096;

/// Days since 1970 are written in base 36: four digits last until the year 6570.
const DAY_DIGITS: usize = 4;

/// Builds the learner edition of the site in `content`, adds a launch page per unit of `units`
/// and the manifest, and zips the lot.
pub(crate) fn package(
    content: &Path,
    course: &Course,
    units: &[&Unit],
) -> Result<Written, Vec<Diagnostic>> {
    let too_big: Vec<Diagnostic> = units
        .iter()
        .filter(|u| suspend_data_bound(u) > SUSPEND_DATA_MAX)
        .map(|u| {
            Diagnostic::error(format!(
                "unit `{}` has too many criteria for SCORM 1.2: its saved progress could take {} characters, and an LMS keeps {SUSPEND_DATA_MAX}",
                u.slug,
                suspend_data_bound(u)
            ))
            .help("export the unit's questions as moodle-xml instead, or split the unit")
        })
        .collect();
    if !too_big.is_empty() {
        return Err(too_big);
    }
    let cannot = |what: &str, e: &dyn std::fmt::Display| {
        vec![Diagnostic::error(format!("cannot {what}: {e}"))
            .help("check the free space of the temporary folder, then export again")]
    };
    let tmp = tempfile::tempdir().map_err(|e| cannot("make a temporary folder", &e))?;
    let root = tmp.path().join("site");
    let built = site::build(&BuildOptions {
        content: content.to_path_buf(),
        out: root.clone(),
        edition: Edition::Learner,
    })?;
    if !root.join("assets/scorm.js").is_file() {
        return Err(vec![Diagnostic::error(format!(
            "the theme `{}` has no static/scorm.js, so its pages cannot report to an LMS",
            course.site.theme
        ))
        .help("copy themes/default/static/scorm.js into the theme and load it as the default theme's criterion and progress pages do")]);
    }
    let mut scos = Vec::new();
    std::fs::create_dir_all(root.join("scorm"))
        .map_err(|e| cannot("write the launch pages", &e))?;
    for unit in units {
        let href = Route::ScormLaunch(&unit.slug).path();
        std::fs::write(root.join(&href), launch_page(course, unit))
            .map_err(|e| cannot("write the launch pages", &e))?;
        scos.push(Sco {
            identifier: format!("sco-{}", unit.slug),
            title: unit_heading(unit),
            href,
        });
    }
    let files = files_below(&root).map_err(|e| cannot("read the built site", &e))?;
    let (identifier, title) = match units {
        [unit] => (format!("unitpress-{}", unit.slug), unit_heading(unit)),
        _ => ("unitpress-course".to_string(), course.site.title.clone()),
    };
    let shared: Vec<String> = files
        .iter()
        .filter(|f| !scos.iter().any(|s| s.href == **f))
        .cloned()
        .collect();
    let manifest = manifest::write(&identifier, &title, &scos, &shared)
        .map_err(|e| cannot("write imsmanifest.xml", &e))?;
    let bytes = zip(&root, &manifest, &files).map_err(|e| cannot("write the zip file", &e))?;
    Ok(Written {
        bytes,
        summary: format!(
            "a SCORM 1.2 package of {} unit{} (one SCO each) holding the learner edition's {} pages",
            units.len(),
            if units.len() == 1 { "" } else { "s" },
            built.pages
        ),
        warnings: Vec::new(),
    })
}

/// The longest `cmi.suspend_data` scorm.js can write for `unit`: `1|` and, for each quiz,
/// `ID:best:total:day` (numbers in base 36), then `|` and the ids of the criteria signed off,
/// entries separated by commas.
pub fn suspend_data_bound(unit: &Unit) -> usize {
    let base36 = |mut n: usize| {
        let mut digits = 1;
        while n >= 36 {
            n /= 36;
            digits += 1;
        }
        digits
    };
    let quizzes: Vec<usize> = unit
        .quizzes
        .iter()
        .map(|q| q.criterion.len() + 3 + 2 * base36(q.questions.len()) + DAY_DIGITS)
        .collect();
    let signed: Vec<usize> = unit.criteria.iter().map(|c| c.id.len()).collect();
    let joined = |parts: &[usize]| parts.iter().sum::<usize>() + parts.len().saturating_sub(1);
    "1|".len() + joined(&quizzes) + "|".len() + joined(&signed)
}

/// The SCO's launch page: it holds the LMS session and shows the unit in a frame. Its script
/// tag tells scorm.js the unit and, for each criterion, how many questions its quiz has.
fn launch_page(course: &Course, unit: &Unit) -> String {
    let criteria: Vec<String> = unit
        .criteria
        .iter()
        .map(|c| {
            let questions = unit.quiz(&c.id).map_or(0, |q| q.questions.len());
            format!("{}:{questions}", c.id)
        })
        .collect();
    let title = html(&unit_heading(unit));
    format!(
        r#"<!doctype html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>html, body {{ margin: 0; height: 100%; }} iframe {{ display: block; border: 0; width: 100%; height: 100%; }}</style>
<script src="../assets/scorm.js" data-unit="{slug}" data-criteria="{criteria}"></script>
</head>
<body>
<iframe src="../{start}" title="{title}"></iframe>
</body>
</html>
"#,
        lang = html(&course.site.language),
        slug = html(&unit.slug),
        criteria = html(&criteria.join(" ")),
        start = html(&Route::Unit(&unit.slug).path()),
    )
}

/// Every file below `root`, relative to it with forward slashes, sorted.
fn files_below(root: &Path) -> Result<Vec<String>, walkdir::Error> {
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(root).sort_by_file_name() {
        let entry = entry?;
        if entry.file_type().is_file() {
            let rel = entry.path().strip_prefix(root).unwrap_or(entry.path());
            files.push(rel.to_string_lossy().replace('\\', "/"));
        }
    }
    Ok(files)
}

/// The package: imsmanifest.xml first, at the root as SCORM requires, then every file.
fn zip(root: &Path, manifest: &[u8], files: &[String]) -> zip::result::ZipResult<Vec<u8>> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("imsmanifest.xml", options)?;
    zip.write_all(manifest)?;
    for file in files {
        zip.start_file(file.as_str(), options)?;
        zip.write_all(&std::fs::read(root.join(file))?)?;
    }
    Ok(zip.finish()?.into_inner())
}
