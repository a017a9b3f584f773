//! Rendering after a (re)build: every page, or the pages that may show the rebuilt units, in
//! two passes (their own pages first, announced at once); a render's problems are recorded.

use std::collections::BTreeSet;
use std::sync::atomic::Ordering;

use super::{Announce, Builder, Part};
use crate::diagnostic::Diagnostic;
use crate::progress::Progress;
use crate::serve::timings::Stages;

impl Builder {
    /// Renders every page and copies the theme's assets; returns the files that changed.
    pub(super) fn render_all(&mut self, progress: &dyn Progress) -> Vec<String> {
        let (Some(course), Some(renderer)) =
            (self.site.as_ref().map(|s| &s.course), &self.renderer)
        else {
            return Vec::new();
        };
        let changed = self
            .out
            .render_all(renderer, course, self.edition, progress);
        self.settle(changed).unwrap_or_default()
    }

    /// Renders the pages that may show the units `units` (see [`super::Output::render_units`]),
    /// announcing the units' own pages first; with `had_later`, also the pages a rebuild cut
    /// short left, even when no unit was rebuilt. Returns the changes of both passes, and those
    /// of the second, which are still to be announced. A newer change cuts the second pass
    /// short: its pages are then left for the next rebuild (see [`Builder::pages_due`]).
    pub(super) fn render_units(
        &mut self,
        units: &BTreeSet<String>,
        neighbours: &BTreeSet<String>,
        had_later: bool,
        stages: &mut Stages,
        announce: Announce<'_>,
    ) -> (Vec<String>, Vec<String>) {
        let (Some(course), Some(renderer)) =
            (self.site.as_ref().map(|s| &s.course), &self.renderer)
        else {
            return Default::default();
        };
        if units.is_empty() && !had_later {
            return Default::default();
        }
        let errors: Vec<&Diagnostic> = self.errors.values().flatten().collect();
        let mut first = Vec::new();
        let seen = &self.seen;
        let before = seen.load(Ordering::SeqCst);
        let go_on = || seen.load(Ordering::SeqCst) == before;
        let rest = self.out.render_units(
            renderer,
            course,
            self.edition,
            units,
            neighbours,
            self.background.as_ref(),
            &go_on,
            stages,
            &mut |pages, stages| {
                announce(pages, false, &errors);
                stages.mark("reload sent");
                first.extend_from_slice(pages);
            },
        );
        let Some(rest) = self.settle(rest) else {
            return (first, Vec::new());
        };
        if !rest.finished {
            self.later = Some(neighbours.clone());
        }
        ([first, rest.changed.clone()].concat(), rest.changed)
    }

    /// The slugs of the units the course's link graph relates to any of `units`.
    pub(super) fn neighbours(&self, units: &BTreeSet<String>) -> BTreeSet<String> {
        let Some(course) = self.site.as_ref().map(|s| &s.course) else {
            return BTreeSet::new();
        };
        course
            .units
            .iter()
            .enumerate()
            .filter(|(_, u)| units.contains(&u.slug))
            .flat_map(|(i, _)| course.links.neighbours(i))
            .map(|i| course.units[i].slug.clone())
            .collect()
    }

    /// Records a render's problems, or clears them when it succeeded.
    fn settle<T>(&mut self, rendered: Result<T, Vec<Diagnostic>>) -> Option<T> {
        match rendered {
            Ok(done) => {
                self.errors.remove(&Part::Render);
                Some(done)
            }
            Err(e) => {
                self.errors.insert(Part::Render, e);
                None
            }
        }
    }
}
