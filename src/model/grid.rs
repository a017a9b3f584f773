//! A grid stated row by row (criteria.toml's `[grid]`), as the specification prints it: rows
//! within an outcome, criteria sharing a cell, a cell reaching down over the rows below it
//! ("above"). Checked so that the grid shows every criterion once, in its own column, in the
//! rows of the outcomes it belongs to.

use std::collections::{BTreeSet, HashMap};

use serde::Serialize;
use toml::Spanned;

use super::build::UnitCtx;
use super::{Criterion, GradeBand, Grading};
use crate::diagnostic::{Diagnostic, Span};
use crate::load::forms::GridCell;
use crate::load::{raw, Origin};

/// The grid as stated.
#[derive(Debug, Serialize)]
pub struct StatedGrid {
    pub rows: Vec<StatedRow>,
}

/// One row: its outcome and a cell per column (Pass, Merit, Distinction; or the one column).
#[derive(Debug, Serialize)]
pub struct StatedRow {
    pub outcome: String,
    pub cells: Vec<StatedCell>,
}

/// A cell: the ids of its criteria, or the cell above reaching down to this row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum StatedCell {
    Criteria(Vec<String>),
    Above,
}

/// A cell being laid out: the rows it covers (first, last) and its criteria with their spans.
struct Placed<'a> {
    rows: (usize, usize),
    ids: Vec<&'a Spanned<String>>,
}

impl UnitCtx<'_> {
    /// The stated grid of a unit, checked against its outcomes and criteria.
    pub(super) fn stated_grid(
        &mut self,
        origin: &Origin,
        rows: Vec<Spanned<raw::RawGridRow>>,
        outcomes: &[String],
        criteria: &[Criterion],
        criterion_spans: &[Span],
        grading: Grading,
    ) -> StatedGrid {
        if grading == Grading::Marks {
            if let Some(first) = rows.first() {
                self.error(
                    origin,
                    first,
                    "a marked unit's grid is made from its mark bands, so it is not stated",
                    "remove [grid] and its [[grid.row]] tables from criteria.toml",
                );
            }
            return StatedGrid { rows: Vec::new() };
        }
        let graded = grading == Grading::Graded;
        let columns: Vec<Option<GradeBand>> = if graded {
            GradeBand::ALL.iter().copied().map(Some).collect()
        } else {
            vec![None]
        };
        let mut placed: Vec<Vec<Placed>> = columns.iter().map(|_| Vec::new()).collect();
        let mut out = Vec::new();
        for (r, row) in rows.iter().enumerate() {
            let row = row.get_ref();
            self.check_outcome(origin, &row.outcome, outcomes);
            let wrong_kind: Vec<&Spanned<GridCell>> = if graded {
                row.criteria.iter().collect()
            } else {
                [&row.pass, &row.merit, &row.distinction]
                    .into_iter()
                    .flatten()
                    .collect()
            };
            for cell in wrong_kind {
                let (message, help) = if graded {
                    (
                        "a graded unit's grid has pass, merit and distinction cells",
                        "put the criteria in pass = […], merit = […] and distinction = […]",
                    )
                } else {
                    (
                        "a unit that is not graded has one column of criteria",
                        "write criteria = [\"1.1\", \"1.2\"] for the row's cell",
                    )
                };
                self.error(origin, cell, message, help);
            }
            let cells = if graded {
                vec![&row.pass, &row.merit, &row.distinction]
            } else {
                vec![&row.criteria]
            };
            let mut stated = Vec::new();
            for (col, cell) in cells.into_iter().enumerate() {
                match cell.as_ref().map(Spanned::get_ref) {
                    Some(GridCell::Above) => match placed[col].last_mut() {
                        Some(p) if p.rows.1 + 1 == r => {
                            p.rows.1 = r;
                            stated.push(StatedCell::Above);
                            continue;
                        }
                        _ => {
                            if let Some(cell) = cell {
                                self.error(
                                    origin,
                                    cell,
                                    "there is no cell above this one to reach down to it",
                                    "\"above\" continues the cell of the row before, in the same \
                                     column: list this cell's criteria instead",
                                );
                            }
                        }
                    },
                    Some(GridCell::Criteria(ids)) => {
                        placed[col].push(Placed {
                            rows: (r, r),
                            ids: ids.iter().collect(),
                        });
                        stated.push(StatedCell::Criteria(
                            ids.iter().map(|i| i.get_ref().clone()).collect(),
                        ));
                        continue;
                    }
                    None => {}
                }
                // An empty cell, so that an "above" below it has nothing to continue.
                placed[col].push(Placed {
                    rows: (r, r),
                    ids: Vec::new(),
                });
                stated.push(StatedCell::Criteria(Vec::new()));
            }
            out.push(StatedRow {
                outcome: row.outcome.get_ref().0.clone(),
                cells: stated,
            });
        }
        let row_outcomes: Vec<&str> = out.iter().map(|r| r.outcome.as_str()).collect();
        self.check_placing(
            origin,
            &placed,
            &columns,
            &row_outcomes,
            criteria,
            criterion_spans,
        );
        StatedGrid { rows: out }
    }

    /// Every criterion in one cell, in its band's column, reaching the rows of its outcomes.
    fn check_placing(
        &mut self,
        origin: &Origin,
        placed: &[Vec<Placed>],
        columns: &[Option<GradeBand>],
        row_outcomes: &[&str],
        criteria: &[Criterion],
        criterion_spans: &[Span],
    ) {
        let term = self.term;
        let known: Vec<&str> = criteria.iter().map(|c| c.id.as_str()).collect();
        let mut seen: HashMap<&str, ()> = HashMap::new();
        for (col, cells) in placed.iter().enumerate() {
            for p in cells {
                let reached: BTreeSet<&str> =
                    row_outcomes[p.rows.0..=p.rows.1].iter().copied().collect();
                for id in &p.ids {
                    let written = id.get_ref().as_str();
                    let Some(c) = criteria.iter().find(|c| c.id == written) else {
                        self.check_criteria(
                            origin,
                            std::slice::from_ref(*id),
                            &known.iter().copied().collect(),
                        );
                        continue;
                    };
                    if seen.insert(&c.id, ()).is_some() {
                        self.error(
                            origin,
                            *id,
                            format!("criterion {written} is in the grid twice"),
                            "put each criterion in one cell; a cell reaches over several rows with \
                             \"above\" in the rows below it",
                        );
                        continue;
                    }
                    if let (Some(column), Some(band)) = (columns[col], c.band) {
                        if column != band {
                            self.error(
                                origin,
                                *id,
                                format!(
                                    "{written} is a {} criterion, but it is in the {} column",
                                    band.label().to_lowercase(),
                                    column.label().to_lowercase()
                                ),
                                format!(
                                    "move it to the row's {} cell",
                                    band.label().to_lowercase()
                                ),
                            );
                        }
                    }
                    let belongs: BTreeSet<&str> = c.outcomes.iter().map(String::as_str).collect();
                    if !c.outcomes.is_empty() && reached != belongs {
                        let belongs: Vec<&str> = belongs.into_iter().collect();
                        let reached: Vec<&str> = reached.iter().copied().collect();
                        self.error(
                            origin,
                            *id,
                            format!(
                                "{written} belongs to {}, but its cell is in the rows of {}",
                                term.list(&belongs),
                                term.list(&reached)
                            ),
                            "put it in a row of each of its outcomes, reaching the rows below \
                             with \"above\", or correct its `outcomes` in criteria.toml",
                        );
                    }
                }
            }
        }
        if self.unread.criteria {
            return;
        }
        for (c, span) in criteria.iter().zip(criterion_spans) {
            if !seen.contains_key(c.id.as_str()) {
                self.errors.push(
                    Diagnostic::at(
                        self.sources,
                        span,
                        format!("criterion {} is in no cell of the stated grid", c.id),
                    )
                    .help(format!(
                        "add \"{}\" to a cell of a [[grid.row]], or remove [grid] to have the grid \
                         laid out from the criteria",
                        c.id
                    )),
                );
            }
        }
    }
}
