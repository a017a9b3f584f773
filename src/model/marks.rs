//! Checks of a marked unit: each marking criterion's mark bands follow on from each other,
//! lowest first, up to its most marks; the unit's stated total is their sum; its grade
//! boundaries rise and stay within the total. Only a marked unit may have any of these.

use toml::Spanned;

use super::assessment::{Assessment, Boundary};
use super::build::UnitCtx;
use super::{Criterion, Grading, MarkBand, MarkScheme};
use crate::load::{raw, Origin};

impl UnitCtx<'_> {
    /// The mark scheme of criterion `c`, for a marked unit; every problem reported.
    pub(super) fn mark_scheme(
        &mut self,
        origin: &Origin,
        c: &raw::RawCriterion,
        grading: Grading,
    ) -> Option<MarkScheme> {
        let id = c.id.get_ref();
        if grading != Grading::Marks {
            if let Some(first) = c.mark_band.first() {
                self.error(
                    origin,
                    first,
                    "only a marked unit's criteria have mark bands",
                    "set grading = \"marks\" in unit.md, or remove the [[criterion.mark_band]] tables",
                );
            }
            if let Some(max) = &c.max {
                self.error(
                    origin,
                    max,
                    "only a marked unit's criteria have most marks",
                    "set grading = \"marks\" in unit.md, or remove `max`",
                );
            }
            return None;
        }
        if c.mark_band.is_empty() {
            if !self.unread.criteria {
                self.error(
                    origin,
                    &c.id,
                    format!("marking criterion `{id}` has no mark bands"),
                    "add its bands, lowest first, each a [[criterion.mark_band]] table with \
                     marks = [1, 3] and text = \"…\"",
                );
            }
            return None;
        }
        let mut bands: Vec<MarkBand> = Vec::with_capacity(c.mark_band.len());
        for (i, band) in c.mark_band.iter().enumerate() {
            let marks = *band.get_ref().marks.get_ref();
            if let Some(before) = bands.last() {
                // A band ending at the largest mark has none after it (and no panic on +1).
                let next = before.high.saturating_add(1);
                if marks.low != next || before.high == u32::MAX {
                    self.error(
                        origin,
                        &band.get_ref().marks,
                        format!(
                            "mark band {} starts at {}, but mark band {i} ends at {}",
                            i + 1,
                            marks.low,
                            before.high
                        ),
                        format!(
                            "the bands follow on from each other, lowest first: this one starts \
                             at {next}"
                        ),
                    );
                }
            }
            bands.push(MarkBand {
                low: marks.low,
                high: marks.high,
                text: band.get_ref().text.clone(),
            });
        }
        let top = bands.last().map_or(0, |b| b.high);
        if let Some(max) = &c.max {
            if *max.get_ref() != top {
                self.error(
                    origin,
                    max,
                    format!(
                        "`max` is {}, but the highest mark band of `{id}` ends at {top}",
                        max.get_ref()
                    ),
                    format!("write max = {top}, or correct the mark bands"),
                );
            }
        }
        Some(MarkScheme { bands, max: top })
    }

    /// The unit's assessment: its total and grade boundaries checked, for a marked unit.
    pub(super) fn assessment(
        &mut self,
        origin: &Origin,
        criteria: &[Criterion],
        total_marks: Option<Spanned<u32>>,
        written: Vec<Spanned<raw::RawBoundary>>,
        grading: Grading,
    ) -> Assessment {
        if grading != Grading::Marks {
            if let Some(total) = &total_marks {
                self.error(
                    origin,
                    total,
                    "only a marked unit has total marks",
                    "set grading = \"marks\", or remove `total_marks`",
                );
            }
            if let Some(first) = written.first() {
                self.error(
                    origin,
                    first,
                    "only a marked unit has grade boundaries",
                    "set grading = \"marks\", or remove the [[grade_boundary]] tables",
                );
            }
            return Assessment::new(grading, criteria, Vec::new());
        }
        let sum = super::assessment::total_of(criteria);
        if let Some(total) = &total_marks {
            if *total.get_ref() != sum && !self.unread.criteria {
                self.error(
                    origin,
                    total,
                    format!(
                        "`total_marks` is {}, but the marking criteria add up to {sum}",
                        total.get_ref()
                    ),
                    "correct total_marks, or the criteria's mark bands in criteria.toml (each \
                     criterion counts its highest mark)",
                );
            }
        }
        let mut boundaries: Vec<Boundary> = Vec::new();
        for b in written {
            let b = b.into_inner();
            let (grade, marks) = (b.grade.get_ref().trim(), *b.marks.get_ref());
            if grade.is_empty() {
                self.error(
                    origin,
                    &b.grade,
                    "this grade boundary has no grade",
                    "name the grade, as the specification does: grade = \"Level 2 Pass\"",
                );
                continue;
            }
            if boundaries.iter().any(|known| known.grade == grade) {
                self.error(
                    origin,
                    &b.grade,
                    format!("the grade `{grade}` has two boundaries"),
                    "give each grade one boundary",
                );
                continue;
            }
            if let Some(before) = boundaries.last() {
                if marks <= before.marks {
                    self.error(
                        origin,
                        &b.marks,
                        format!(
                            "the boundary of {grade} ({marks} marks) is not above that of {} ({} marks)",
                            before.grade, before.marks
                        ),
                        "list the grade boundaries lowest first, each needing more marks than the one before",
                    );
                }
            }
            if marks > sum && !self.unread.criteria {
                self.error(
                    origin,
                    &b.marks,
                    format!(
                        "the boundary of {grade} ({marks} marks) is above the unit's {sum} marks"
                    ),
                    "a grade boundary is at most the unit's total",
                );
            }
            boundaries.push(Boundary {
                grade: grade.to_string(),
                marks,
            });
        }
        Assessment::new(grading, criteria, boundaries)
    }
}
