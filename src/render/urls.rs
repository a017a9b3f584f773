//! Where each page lives, relative to the site root. Every link names its file (…/index.html)
//! and is made relative to the page it is on, so the site works in any sub-folder of a server and
//! straight from disk.

use crate::model::{AssignmentBrief, Criterion, KnowledgeItem, Scenario, Unit};

/// The home page.
pub fn home() -> String {
    "index.html".into()
}

/// A unit's page.
pub fn unit(u: &Unit) -> String {
    format!("units/{}/index.html", u.slug)
}

/// A learning outcome's page.
pub fn outcome(u: &Unit, number: u32) -> String {
    format!("units/{}/outcomes/{number}/index.html", u.slug)
}

/// A criterion's page.
pub fn criterion(u: &Unit, c: &Criterion) -> String {
    format!("units/{}/criteria/{}/index.html", u.slug, c.slug)
}

/// A knowledge item's page.
pub fn knowledge(u: &Unit, k: &KnowledgeItem) -> String {
    format!("units/{}/knowledge/{}/index.html", u.slug, k.slug)
}

/// A unit's progress page: quiz scores, sign-offs and the predicted grade.
pub fn progress(u: &Unit) -> String {
    format!("units/{}/progress/index.html", u.slug)
}

/// One assignment brief's page.
pub fn brief(u: &Unit, b: &AssignmentBrief) -> String {
    format!("units/{}/briefs/{}/index.html", u.slug, b.slug)
}

/// Every brief of a unit on one page, each starting on a new printed page.
pub fn brief_pack(u: &Unit) -> String {
    format!("units/{}/briefs/index.html", u.slug)
}

/// Scenarios are sections of the unit page.
pub fn scenario(u: &Unit, s: &Scenario) -> String {
    format!("units/{}/index.html#scenario-{}", u.slug, s.slug)
}

/// The prefix that leads from the page at `path` back to the site root: "" or "../../" …
pub fn root_prefix(path: &str) -> String {
    "../".repeat(path.matches('/').count())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn root_prefix_climbs_one_level_per_folder() {
        assert_eq!(root_prefix("index.html"), "");
        assert_eq!(root_prefix("units/unit-10/index.html"), "../../");
        assert_eq!(
            root_prefix("units/unit-10/criteria/p1/index.html"),
            "../../../../"
        );
    }
}
