//! Links between units, worked out once per build rather than per page: criteria that say the
//! same thing (in both directions, whichever side declared it), units related through a
//! National Occupational Standard, and the units mapped to each standard.

use std::collections::{BTreeSet, HashMap};

use crate::model::Course;

/// Indexes into `course.units` and their criteria.
#[derive(Debug, Default)]
pub struct CrossLinks {
    /// (unit, criterion) → the criteria it is related to.
    related_criteria: HashMap<(usize, usize), BTreeSet<(usize, usize)>>,
    /// unit → the units related to it.
    related_units: HashMap<usize, BTreeSet<usize>>,
    /// standard unit → the units that map to it.
    mapped_to: HashMap<usize, BTreeSet<usize>>,
}

impl CrossLinks {
    pub fn new(course: &Course) -> Self {
        let slugs: HashMap<&str, usize> = course
            .units
            .iter()
            .enumerate()
            .map(|(i, u)| (u.slug.as_str(), i))
            .collect();
        let mut links = CrossLinks::default();
        for (ui, u) in course.units.iter().enumerate() {
            for (ci, c) in u.criteria.iter().enumerate() {
                for r in &c.related {
                    let Some(&ti) = slugs.get(r.unit.as_str()) else {
                        continue;
                    };
                    let Some(tc) = course.units[ti].criteria.iter().position(|t| t.id == r.id)
                    else {
                        continue;
                    };
                    links
                        .related_criteria
                        .entry((ui, ci))
                        .or_default()
                        .insert((ti, tc));
                    links
                        .related_criteria
                        .entry((ti, tc))
                        .or_default()
                        .insert((ui, ci));
                    links.relate(ui, ti);
                }
            }
            for n in &u.facts.nos {
                let Some(&ti) = n.unit.as_deref().and_then(|s| slugs.get(s)) else {
                    continue;
                };
                links.mapped_to.entry(ti).or_default().insert(ui);
                links.relate(ui, ti);
            }
        }
        // Units mapped to the same standard are related to each other.
        for mapped in links.mapped_to.values().cloned().collect::<Vec<_>>() {
            for &a in &mapped {
                for &b in &mapped {
                    if a != b {
                        links.relate(a, b);
                    }
                }
            }
        }
        links
    }

    fn relate(&mut self, a: usize, b: usize) {
        if a != b {
            self.related_units.entry(a).or_default().insert(b);
            self.related_units.entry(b).or_default().insert(a);
        }
    }

    pub fn related_criteria(
        &self,
        unit: usize,
        criterion: usize,
    ) -> impl Iterator<Item = (usize, usize)> + '_ {
        self.related_criteria
            .get(&(unit, criterion))
            .into_iter()
            .flatten()
            .copied()
    }

    pub fn related_units(&self, unit: usize) -> impl Iterator<Item = usize> + '_ {
        self.related_units.get(&unit).into_iter().flatten().copied()
    }

    pub fn mapped_to(&self, standard: usize) -> impl Iterator<Item = usize> + '_ {
        self.mapped_to.get(&standard).into_iter().flatten().copied()
    }
}
