//! Assessment scenarios: each one's criteria and its tasks' criteria checked against the unit's
//! (a task targets only criteria its scenario lists), and the scenarios put in their order.

use std::collections::HashSet;

use toml::Spanned;

use super::build::UnitCtx;
use super::{Scenario, Task};
use crate::load::raw;

impl UnitCtx<'_> {
    /// The unit's scenarios, checked against `ids` (its criteria), by their order, then slug.
    pub(super) fn scenarios(
        &mut self,
        pages: Vec<crate::load::Named<crate::load::Page<raw::ScenarioFront>>>,
        ids: &HashSet<&str>,
    ) -> Vec<Scenario> {
        let mut out: Vec<(i64, Scenario)> = pages
            .into_iter()
            .map(|n| {
                let origin = n.value.front.origin;
                let f = n.value.front.value;
                self.check_criteria(&origin, &f.criteria, ids);
                let covered: HashSet<&str> =
                    f.criteria.iter().map(|c| c.get_ref().as_str()).collect();
                for t in &f.task {
                    self.check_criteria(&origin, &t.criteria, ids);
                    for c in &t.criteria {
                        if ids.contains(c.get_ref().as_str())
                            && !covered.contains(c.get_ref().as_str())
                        {
                            self.error(
                                &origin,
                                c,
                                format!(
                                    "this task targets `{}`, which the scenario does not list",
                                    c.get_ref()
                                ),
                                "add it to the scenario's `criteria`, or remove it from the task",
                            );
                        }
                    }
                }
                let scenario = Scenario {
                    slug: n.slug,
                    title: f.title,
                    criteria: f.criteria.into_iter().map(Spanned::into_inner).collect(),
                    tasks: f
                        .task
                        .into_iter()
                        .map(|t| Task {
                            criteria: t.criteria.into_iter().map(Spanned::into_inner).collect(),
                            text: t.text,
                        })
                        .collect(),
                    body: n.value.body,
                };
                (f.order, scenario)
            })
            .collect();
        out.sort_by(|(oa, a), (ob, b)| (oa, &a.slug).cmp(&(ob, &b.slug)));
        out.into_iter().map(|(_, s)| s).collect()
    }
}
