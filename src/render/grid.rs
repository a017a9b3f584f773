//! The unit page's grid: outcomes as rows, criteria in cells, as the specification prints it.
//! Laid out from the criteria (by outcome and grade band, a criterion of several outcomes in one
//! cell across their rows), taken row by row from a stated grid, or, for a marked unit, made of
//! each marking criterion's mark bands.

use serde::Serialize;

use super::views::{criterion_ref, outcome_ref, CriterionRef, Here, OutcomeRef};
use crate::model::{Criterion, GradeBand, Grading, MarkBand, StatedCell, StatedGrid, Unit};

/// The grid as the template draws it.
#[derive(Serialize)]
pub struct Grid<'a> {
    /// The first column's heading: "Learning outcome: the learner will", "Learning aim".
    pub heading: String,
    pub columns: Vec<String>,
    pub rows: Vec<GridRow<'a>>,
    /// A marked unit's grid: marking criteria and their mark bands.
    pub marks: bool,
}

/// One row of the table. A cell reaching down from a row above is not in the rows below it.
#[derive(Serialize)]
pub struct GridRow<'a> {
    /// The outcome's cell, in the first of its rows only.
    pub outcome: Option<OutcomeCell<'a>>,
    pub cells: Vec<GridCell<'a>>,
}

/// The cell of an outcome, over `rows` rows.
#[derive(Serialize)]
pub struct OutcomeCell<'a> {
    #[serde(flatten)]
    pub outcome: OutcomeRef<'a>,
    pub rows: usize,
}

/// A cell over `rows` rows: criteria, or one mark band, or a plain figure.
#[derive(Serialize)]
pub struct GridCell<'a> {
    pub criteria: Vec<CriterionRef<'a>>,
    pub band: Option<BandCell<'a>>,
    pub text: Option<String>,
    pub rows: usize,
}

/// One mark band in a cell: "4–6 marks" and what a response in it does.
#[derive(Serialize)]
pub struct BandCell<'a> {
    pub marks: String,
    pub text: &'a str,
}

impl<'a> GridCell<'a> {
    fn of(criteria: Vec<CriterionRef<'a>>, rows: usize) -> Self {
        GridCell {
            criteria,
            band: None,
            text: None,
            rows,
        }
    }
}

/// The grid of unit `u`.
pub fn grid<'a>(here: &Here, u: &'a Unit) -> Grid<'a> {
    let heading = u.facts.outcome_term.grid_heading();
    if u.facts.grading == Grading::Marks {
        return marks_grid(here, u, heading);
    }
    let bands: Vec<Option<GradeBand>> = if u.is_graded() {
        GradeBand::ALL.iter().copied().map(Some).collect()
    } else {
        vec![None]
    };
    let columns = bands
        .iter()
        .map(|b| {
            b.map_or("Assessment criteria", GradeBand::label)
                .to_string()
        })
        .collect();
    let rows = match &u.grid {
        Some(stated) => stated_rows(here, u, stated),
        None => laid_out_rows(here, u, &bands),
    };
    Grid {
        heading,
        columns,
        rows,
        marks: false,
    }
}

/// One row per outcome; in each column, rows whose cells hold the same criteria of several
/// outcomes become one cell across them.
fn laid_out_rows<'a>(here: &Here, u: &'a Unit, bands: &[Option<GradeBand>]) -> Vec<GridRow<'a>> {
    let in_cell = |row: usize, band: Option<GradeBand>| -> Vec<&'a Criterion> {
        let id = &u.outcomes[row].id;
        u.criteria
            .iter()
            .filter(|c| c.outcomes.contains(id) && (band.is_none() || c.band == band))
            .collect()
    };
    let mut rows: Vec<GridRow> = u
        .outcomes
        .iter()
        .map(|o| GridRow {
            outcome: Some(OutcomeCell {
                outcome: outcome_ref(here, u, o),
                rows: 1,
            }),
            cells: Vec::new(),
        })
        .collect();
    for &band in bands {
        let mut r = 0;
        while r < rows.len() {
            let here_list = in_cell(r, band);
            let mut end = r + 1;
            while !here_list.is_empty() && end < rows.len() && same(&in_cell(end, band), &here_list)
            {
                end += 1;
            }
            let refs = here_list
                .iter()
                .map(|c| criterion_ref(here, u, c))
                .collect();
            rows[r].cells.push(GridCell::of(refs, end - r));
            r = end;
        }
    }
    rows
}

fn same(a: &[&Criterion], b: &[&Criterion]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.id == y.id)
}

/// The rows as stated: an outcome's cell over its consecutive rows, a cell over the rows below
/// it that say "above".
fn stated_rows<'a>(here: &Here, u: &'a Unit, stated: &StatedGrid) -> Vec<GridRow<'a>> {
    let rows = &stated.rows;
    let mut out = Vec::with_capacity(rows.len());
    for (r, row) in rows.iter().enumerate() {
        let starts_outcome = r == 0 || rows[r - 1].outcome != row.outcome;
        let outcome = starts_outcome
            .then(|| u.outcome(&row.outcome))
            .flatten()
            .map(|o| OutcomeCell {
                outcome: outcome_ref(here, u, o),
                rows: rows[r..]
                    .iter()
                    .take_while(|below| below.outcome == row.outcome)
                    .count(),
            });
        let cells = row
            .cells
            .iter()
            .enumerate()
            .filter_map(|(col, cell)| match cell {
                StatedCell::Above => None,
                StatedCell::Criteria(ids) => {
                    let reach = 1 + rows[r + 1..]
                        .iter()
                        .take_while(|below| below.cells.get(col) == Some(&StatedCell::Above))
                        .count();
                    let refs = ids
                        .iter()
                        .filter_map(|id| u.criterion(id))
                        .map(|c| criterion_ref(here, u, c))
                        .collect();
                    Some(GridCell::of(refs, reach))
                }
            })
            .collect();
        out.push(GridRow { outcome, cells });
    }
    out
}

/// A marked unit's grid: a row per marking criterion under its outcome, a column per mark band
/// and the criterion's most marks.
fn marks_grid<'a>(here: &Here, u: &'a Unit, heading: String) -> Grid<'a> {
    let most_bands = u
        .criteria
        .iter()
        .filter_map(|c| c.marks.as_ref())
        .map(|m| m.bands.len())
        .max()
        .unwrap_or(0);
    let mut columns = vec!["Marking criterion".to_string()];
    columns.extend((1..=most_bands).map(|b| format!("Mark band {b}")));
    columns.push("Marks".into());
    let mut rows = Vec::new();
    for o in &u.outcomes {
        let marked: Vec<&Criterion> = u
            .criteria
            .iter()
            .filter(|c| c.outcomes.first() == Some(&o.id))
            .collect();
        let span = marked.len().max(1);
        let outcome = || {
            Some(OutcomeCell {
                outcome: outcome_ref(here, u, o),
                rows: span,
            })
        };
        if marked.is_empty() {
            let cells = (0..columns.len())
                .map(|_| GridCell::of(Vec::new(), 1))
                .collect();
            rows.push(GridRow {
                outcome: outcome(),
                cells,
            });
            continue;
        }
        for (i, c) in marked.into_iter().enumerate() {
            let bands = c.marks.as_ref().map_or(&[][..], |m| &m.bands[..]);
            let mut cells = vec![GridCell::of(vec![criterion_ref(here, u, c)], 1)];
            for b in 0..most_bands {
                let mut cell = GridCell::of(Vec::new(), 1);
                cell.band = bands.get(b).map(|band| BandCell {
                    marks: mark_range(band),
                    text: &band.text,
                });
                cells.push(cell);
            }
            let mut max = GridCell::of(Vec::new(), 1);
            max.text = c.marks.as_ref().map(|m| m.max.to_string());
            cells.push(max);
            rows.push(GridRow {
                outcome: if i == 0 { outcome() } else { None },
                cells,
            });
        }
    }
    Grid {
        heading,
        columns,
        rows,
        marks: true,
    }
}

/// "4–6 marks", "1 mark".
pub fn mark_range(band: &MarkBand) -> String {
    match (band.low, band.high) {
        (1, 1) => "1 mark".into(),
        (low, high) if low == high => format!("{low} marks"),
        (low, high) => format!("{low}–{high} marks"),
    }
}
