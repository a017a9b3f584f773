//! The assessment model as data: how a unit's grade, or its marks, come from its criteria. The
//! build words the rule from it, and the progress page is given it whole (as JSON), so the
//! page's script only follows what it says: no rule is written twice.

use serde::Serialize;

use super::{Criterion, GradeBand, Grading};

/// How a unit is assessed.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Assessment {
    /// Criteria met or not: the highest grade whose criteria are all met is the unit's.
    Criteria {
        /// Lowest first.
        grades: Vec<GradeRule>,
        /// What the page says below the lowest grade, with `{missing}` (the lowest grade's
        /// criteria not yet met), `{met}` and `{total}` (criteria) filled in.
        below: String,
        /// The rule, in words.
        rule: String,
    },
    /// Marking criteria, each marked out of its maximum in its mark bands, summed to a total.
    Marks {
        criteria: Vec<MarkedCriterion>,
        total: u32,
        /// Lowest first; may be empty.
        boundaries: Vec<Boundary>,
        rule: String,
    },
}

/// A grade and the criteria it needs.
#[derive(Debug, Clone, Serialize)]
pub struct GradeRule {
    pub name: String,
    pub requires: Vec<String>,
}

/// A marking criterion as the progress page marks it.
#[derive(Debug, Clone, Serialize)]
pub struct MarkedCriterion {
    pub id: String,
    pub max: u32,
    /// Each band's lowest and highest mark, lowest band first.
    pub bands: Vec<[u32; 2]>,
}

/// The fewest marks for a grade.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Boundary {
    pub grade: String,
    pub marks: u32,
}

/// The most marks of a marked unit's criteria, added up (at most the largest whole number).
pub fn total_of(criteria: &[Criterion]) -> u32 {
    criteria
        .iter()
        .filter_map(|c| c.marks.as_ref())
        .fold(0u32, |sum, m| sum.saturating_add(m.max))
}

impl Assessment {
    /// The assessment of a unit graded `grading` with `criteria`; `boundaries` only for marks.
    pub fn new(grading: Grading, criteria: &[Criterion], boundaries: Vec<Boundary>) -> Self {
        let ids = |keep: &dyn Fn(&Criterion) -> bool| -> Vec<String> {
            criteria
                .iter()
                .filter(|c| keep(c))
                .map(|c| c.id.clone())
                .collect()
        };
        match grading {
            Grading::Graded => {
                let up_to = |top: GradeBand| ids(&|c| c.band.is_some_and(|b| b <= top));
                Assessment::Criteria {
                    grades: GradeBand::ALL
                        .iter()
                        .map(|&band| GradeRule {
                            name: band.label().into(),
                            requires: up_to(band),
                        })
                        .collect(),
                    below: "Not yet a pass: {missing} pass criteria still to be signed off".into(),
                    rule: "The rule: a pass needs every pass criterion; a merit needs every pass \
                           and merit criterion; a distinction needs every criterion."
                        .into(),
                }
            }
            Grading::Competence | Grading::Standard => Assessment::Criteria {
                grades: vec![GradeRule {
                    name: format!("All {} criteria met", criteria.len()),
                    requires: ids(&|_| true),
                }],
                below: "Not yet met: {met} of {total} criteria met".into(),
                rule: "A competence unit is achieved when every criterion is met.".into(),
            },
            Grading::Marks => {
                let marked: Vec<MarkedCriterion> = criteria
                    .iter()
                    .filter_map(|c| {
                        let m = c.marks.as_ref()?;
                        Some(MarkedCriterion {
                            id: c.id.clone(),
                            max: m.max,
                            bands: m.bands.iter().map(|b| [b.low, b.high]).collect(),
                        })
                    })
                    .collect();
                let total = total_of(criteria);
                let mut rule = format!(
                    "Each marking criterion is marked in its mark bands, up to its most marks; \
                     the unit's mark is their total, out of {total}."
                );
                if !boundaries.is_empty() {
                    let listed: Vec<String> = boundaries
                        .iter()
                        .map(|b| format!("{} from {} marks", b.grade, b.marks))
                        .collect();
                    rule.push_str(&format!(" The grades: {}.", listed.join(", ")));
                }
                Assessment::Marks {
                    criteria: marked,
                    total,
                    boundaries,
                    rule,
                }
            }
        }
    }

    /// The unit's total marks, when it is marked.
    pub fn total_marks(&self) -> Option<u32> {
        match self {
            Assessment::Marks { total, .. } => Some(*total),
            Assessment::Criteria { .. } => None,
        }
    }

    /// The rule, in words.
    pub fn rule(&self) -> &str {
        match self {
            Assessment::Criteria { rule, .. } | Assessment::Marks { rule, .. } => rule,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{MarkBand, MarkScheme};

    fn criterion(id: &str, band: Option<GradeBand>, max: Option<u32>) -> Criterion {
        Criterion {
            id: id.into(),
            slug: id.to_lowercase(),
            band,
            outcomes: vec!["A".into()],
            text: "Explain".into(),
            kind: Default::default(),
            verb: "explain".into(),
            guidance: None,
            notes: None,
            related: Vec::new(),
            marks: max.map(|max| MarkScheme {
                bands: vec![MarkBand {
                    low: 1,
                    high: max,
                    text: String::new(),
                }],
                max,
            }),
        }
    }

    #[test]
    fn graded_units_need_every_criterion_up_to_the_grade() {
        use GradeBand::*;
        let criteria = [
            criterion("A.P1", Some(Pass), None),
            criterion("A.M1", Some(Merit), None),
            criterion("AB.D1", Some(Distinction), None),
            criterion("B.P2", Some(Pass), None),
        ];
        let Assessment::Criteria { grades, .. } =
            Assessment::new(Grading::Graded, &criteria, vec![])
        else {
            panic!("graded units are assessed by criteria")
        };
        let needs: Vec<(&str, Vec<&str>)> = grades
            .iter()
            .map(|g| {
                (
                    g.name.as_str(),
                    g.requires.iter().map(String::as_str).collect(),
                )
            })
            .collect();
        assert_eq!(
            needs,
            [
                ("Pass", vec!["A.P1", "B.P2"]),
                ("Merit", vec!["A.P1", "A.M1", "B.P2"]),
                ("Distinction", vec!["A.P1", "A.M1", "AB.D1", "B.P2"]),
            ]
        );
    }

    #[test]
    fn marked_units_total_their_criteria() {
        let criteria = [
            criterion("1a", None, Some(6)),
            criterion("1b", None, Some(9)),
        ];
        let boundaries = vec![Boundary {
            grade: "Pass".into(),
            marks: 7,
        }];
        let a = Assessment::new(Grading::Marks, &criteria, boundaries);
        assert_eq!(a.total_marks(), Some(15));
        assert!(a.rule().contains("out of 15"), "{}", a.rule());
        assert!(a.rule().contains("Pass from 7 marks"), "{}", a.rule());
        let json = serde_json::to_value(&a).unwrap();
        assert_eq!(json["kind"], "marks");
        assert_eq!(json["criteria"][1]["bands"][0], serde_json::json!([1, 9]));
    }
}
