//! One unit folder's files into a [`LoadedUnit`]: each file parsed into its shape, and what
//! could not be read noted (see [`Unread`]).

use std::path::PathBuf;

use serde::de::DeserializeOwned;

use super::{
    markdown_only, page, whole_toml, ByOutcome, LoadedUnit, Named, Page, UnitFiles, Unread,
};
use crate::course_files::CourseFiles;
use crate::diagnostic::{Diagnostic, FileId, SourceMap};
use crate::load::raw::{
    BriefFront, CriteriaFile, KnowledgeFront, OutcomeFront, QuizFile, ScenarioFront, UnitFront,
};

/// The path → file id lookup of one read: `None` for a file that could not be read.
pub(super) type FileOf<'a> = dyn Fn(&PathBuf) -> Option<FileId> + Sync + 'a;

/// Loads one unit folder: what could be read, and every problem. The unit itself is `None` when
/// its unit.md or criteria.toml cannot be made out at all.
pub(super) fn load_unit(
    sources: &SourceMap,
    course_files: &CourseFiles,
    file: &FileOf<'_>,
    u: &UnitFiles,
) -> (Option<LoadedUnit>, Vec<Diagnostic>) {
    let files = course_files;
    let mut errors = Vec::new();
    let errs = &mut errors;
    let mut unread = Unread::default();

    let unit = file(&u.unit_md).and_then(|f| page::<UnitFront>(sources, files, f, errs));
    let before = errs.len();
    let criteria = whole_toml::<CriteriaFile>(sources, file(&u.criteria), errs);
    unread.criteria = errs.len() > before;
    let mut outcomes = Vec::new();
    for (id, p) in &u.outcomes {
        match file(p).and_then(|f| page::<OutcomeFront>(sources, files, f, errs).map(|v| (f, v))) {
            Some((f, value)) => outcomes.push(ByOutcome {
                id: id.clone(),
                file: f,
                value,
            }),
            None => unread.outcomes.push(id.clone()),
        }
    }
    let delivery: Vec<_> = u
        .delivery
        .iter()
        .filter_map(|(id, p)| {
            let f = file(p)?;
            markdown_only(sources, files, f, errs).map(|value| ByOutcome {
                id: id.clone(),
                file: f,
                value,
            })
        })
        .collect();
    let (knowledge, failed) =
        named_pages::<KnowledgeFront>(sources, files, file, &u.knowledge, errs);
    unread.knowledge = failed;
    let (scenarios, failed) =
        named_pages::<ScenarioFront>(sources, files, file, &u.scenarios, errs);
    unread.scenarios = failed;
    let evidence_file = u.evidence.as_ref().and_then(file);
    let evidence = evidence_file.and_then(|f| markdown_only(sources, files, f, errs));
    let quizzes: Vec<_> = u
        .quizzes
        .iter()
        .filter_map(|(_, p)| whole_toml::<QuizFile>(sources, file(p), errs))
        .collect();
    let (briefs, failed) = named_pages::<BriefFront>(sources, files, file, &u.briefs, errs);
    unread.briefs = !failed.is_empty();
    let notes: Vec<_> = u
        .notes
        .iter()
        .filter_map(|(slug, p)| {
            let f = file(p)?;
            markdown_only(sources, files, f, errs).map(|md| Named {
                slug: slug.clone(),
                value: (f, md),
            })
        })
        .collect();
    let unit = match (unit, criteria) {
        (Some(unit), Some(criteria)) => Some(LoadedUnit {
            slug: u.slug.clone(),
            unit,
            criteria,
            outcomes,
            delivery,
            knowledge,
            scenarios,
            evidence,
            evidence_file,
            quizzes,
            briefs,
            notes,
            unread,
        }),
        _ => None,
    };
    (unit, errors)
}

/// Parses the Markdown files of one folder whose names are slugs, recording errors. Returns the
/// pages read, and the slugs of those that had problems.
fn named_pages<T: DeserializeOwned>(
    sources: &SourceMap,
    course_files: &CourseFiles,
    file: &FileOf<'_>,
    files: &[(String, PathBuf)],
    errors: &mut Vec<Diagnostic>,
) -> (Vec<Named<Page<T>>>, Vec<String>) {
    let mut pages = Vec::new();
    let mut failed = Vec::new();
    for (slug, p) in files {
        let before = errors.len();
        let page = file(p).and_then(|f| page::<T>(sources, course_files, f, errors));
        match page {
            Some(value) if errors.len() == before => pages.push(Named {
                slug: slug.clone(),
                value,
            }),
            _ => failed.push(slug.clone()),
        }
    }
    (pages, failed)
}
