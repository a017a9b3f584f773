//! Reading the course again: the whole of it, one unit of it, or its theme, each recording the
//! problems it finds under the part they belong to.

use super::{Builder, Part, SearchDue};
use crate::diagnostic::Diagnostic;
use crate::progress::Progress;
use crate::site::Site;

impl Builder {
    /// Loads and checks the whole course, then renders everything. Returns the changed pages and
    /// the problems found.
    pub(super) fn whole_course(
        &mut self,
        progress: &dyn Progress,
    ) -> (Vec<String>, Vec<Diagnostic>) {
        progress.stage("reading", None);
        let built = Site::load(&self.content);
        self.errors.clear();
        let mut site = match built {
            Ok(site) => site,
            Err(e) => {
                self.errors.insert(Part::Course, e.clone());
                return (Vec::new(), e);
            }
        };
        site.narrow_to(self.edition);
        let theme = site.renderer();
        self.site = Some(site);
        // The search index does not depend on the theme: it is due even when the theme fails.
        self.search_due = Some(SearchDue::All);
        match theme {
            Ok(r) => self.renderer = Some(r),
            Err(e) => {
                self.errors.insert(Part::Theme, vec![e.clone()]);
                return (Vec::new(), vec![e]);
            }
        }
        let changed = self.render_all(progress);
        (changed, self.errors().into_iter().cloned().collect())
    }

    /// Compiles the theme again; on failure the previous templates stay in use.
    pub(super) fn reload_theme(&mut self, errors: &mut Vec<Diagnostic>) -> bool {
        let Some(site) = &self.site else {
            return false;
        };
        match site.renderer() {
            Ok(r) => {
                self.renderer = Some(r);
                self.errors.remove(&Part::Theme);
                true
            }
            Err(e) => {
                errors.push(e.clone());
                self.errors.insert(Part::Theme, vec![e]);
                false
            }
        }
    }

    /// Reads and checks the unit `slug` again. When it has problems, they are those `check`
    /// would report: the whole course is read once more, so that a file's problems do not hide
    /// another's (only on this path; a good edit reads the unit alone).
    pub(super) fn rebuild_unit(&mut self, slug: &str) -> Result<(), Vec<Diagnostic>> {
        let site = self.site.as_mut().ok_or_else(Vec::new)?;
        site.rebuild_unit(slug).map_err(|quick| {
            let Err(all) = Site::load(&self.content) else {
                return quick;
            };
            let shown: std::collections::HashSet<String> = self
                .errors
                .iter()
                .filter(|(part, _)| **part != Part::Unit(slug.to_string()))
                .flat_map(|(_, list)| list.iter().map(|d| d.to_string()))
                .collect();
            all.into_iter()
                .filter(|d| !shown.contains(&d.to_string()))
                .collect()
        })
    }
}
