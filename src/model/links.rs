//! The links between units, worked out once in the model: criteria that say the same thing (in
//! both directions, whichever side declared it), units related through a National Occupational
//! Standard, the units mapped to each standard, and the units whose pages link to another's in
//! their text (`@/` links) or in their facts (`[[linked_unit]]`). Render reads it to show these links; serve reads it to know which
//! other units' pages may change with a unit. Nothing scans rendered pages for links.

use std::collections::{BTreeSet, HashMap};

use super::Unit;
use crate::markdown::{classify, LinkTarget, Markdown};
use crate::routes::Route;

/// Indexes into `course.units` and their criteria.
#[derive(Debug, Default)]
pub struct LinkGraph {
    /// (unit, criterion) → the criteria it is related to.
    related_criteria: HashMap<(usize, usize), BTreeSet<(usize, usize)>>,
    /// unit → the units related to it.
    related_units: HashMap<usize, BTreeSet<usize>>,
    /// standard unit → the units that map to it.
    mapped_to: HashMap<usize, BTreeSet<usize>>,
    /// unit → the other units whose pages its text or its linked units link to.
    text_links: HashMap<usize, BTreeSet<usize>>,
    /// unit slug → the unit slugs its text and its linked units name, whether or not the course
    /// has them. Finding them reads every link of the unit's text, the most costly part here:
    /// kept, so that after an edit only the edited unit's links are read again.
    named: HashMap<String, BTreeSet<String>>,
}

impl LinkGraph {
    /// The links between `units` (the course's, in its order).
    pub fn new(units: &[Unit]) -> Self {
        Self::build(units, named_units)
    }

    /// The links between `units` after the unit `edited` changed (or was put back), the other
    /// units being as they were when `self` was made: their text links are not read again.
    pub fn after_edit(&self, units: &[Unit], edited: &str) -> Self {
        Self::build(units, |u| match self.named.get(&u.slug) {
            Some(named) if u.slug != edited => named.clone(),
            _ => named_units(u),
        })
    }

    /// The links between `units`, with `named` giving the unit slugs each unit's text names.
    fn build(units: &[Unit], named: impl Fn(&Unit) -> BTreeSet<String>) -> Self {
        let slugs: HashMap<&str, usize> = units
            .iter()
            .enumerate()
            .map(|(i, u)| (u.slug.as_str(), i))
            .collect();
        let mut links = LinkGraph::default();
        for (ui, u) in units.iter().enumerate() {
            for (ci, c) in u.criteria.iter().enumerate() {
                for r in &c.related {
                    let Some(&ti) = slugs.get(r.unit.as_str()) else {
                        continue;
                    };
                    let Some(tc) = units[ti].criteria.iter().position(|t| t.id == r.id) else {
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
            let names = named(u);
            let targets: BTreeSet<usize> = names
                .iter()
                .filter_map(|t| slugs.get(t.as_str()).copied())
                .filter(|&t| t != ui)
                .collect();
            if !targets.is_empty() {
                links.text_links.insert(ui, targets);
            }
            links.named.insert(u.slug.clone(), names);
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

    /// The other units whose pages may show something of `unit`, or that `unit`'s pages may
    /// show something of: related and mapped units, and units linking to or from it in text.
    pub fn neighbours(&self, unit: usize) -> BTreeSet<usize> {
        let mut out: BTreeSet<usize> = self.related_units(unit).collect();
        out.extend(self.text_links.get(&unit).into_iter().flatten());
        out.extend(
            self.text_links
                .iter()
                .filter(|(_, to)| to.contains(&unit))
                .map(|(from, _)| *from),
        );
        out.remove(&unit);
        out
    }
}

/// The unit slugs that the text of `u` links to (`@/` links into a unit's pages) and that its
/// facts name as linked units.
fn named_units(u: &Unit) -> BTreeSet<String> {
    let linked = u.facts.linked_units.iter().filter_map(|l| l.unit.clone());
    texts(u)
        .flat_map(|md| md.links.iter())
        .filter_map(|l| match classify(&l.written) {
            LinkTarget::Site { path, .. } => {
                Route::parse(&path).and_then(|r| r.unit().map(str::to_string))
            }
            _ => None,
        })
        .chain(linked)
        .collect()
}

/// Every Markdown text of a unit, wherever its pages show it.
fn texts(u: &Unit) -> impl Iterator<Item = &Markdown> {
    let outcomes = u
        .outcomes
        .iter()
        .flat_map(|o| std::iter::once(&o.overview).chain(o.delivery.as_ref()));
    let briefs = u.briefs.iter().flat_map(|b| {
        std::iter::once(&b.scenario_text)
            .chain(b.tasks.iter().map(|t| &t.text))
            .chain(b.teacher.iter().map(|t| &t.guidance))
    });
    let quizzes = u.quizzes.iter().flat_map(|q| {
        q.questions.iter().filter_map(|q| match &q.kind {
            super::QuestionKind::Written { model_answer, .. } => Some(model_answer),
            _ => None,
        })
    });
    std::iter::once(&u.introduction)
        .chain(u.evidence.as_ref())
        .chain(outcomes)
        .chain(u.knowledge.iter().map(|k| &k.notes))
        .chain(u.criteria.iter().filter_map(|c| c.notes.as_ref()))
        .chain(u.scenarios.iter().map(|s| &s.body))
        .chain(briefs)
        .chain(quizzes)
}
