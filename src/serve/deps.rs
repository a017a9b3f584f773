//! Which pages show something of another unit, worked out from the links in the rendered pages:
//! a page that shows a related criterion, a neighbouring unit or a standard's mapped units links
//! to it. When a unit changes, the pages of other units that link into it, and the pages its own
//! pages link to, are the ones that may change with it. Site-wide pages (home, search, 404 …)
//! are rendered on every change and are not tracked.

use std::collections::{BTreeSet, HashMap, HashSet};

/// The unit a page belongs to: `units/<slug>/…` → `<slug>`; `None` for site-wide pages.
pub fn unit_of(path: &str) -> Option<&str> {
    let rest = path.strip_prefix("units/")?;
    rest.split_once('/').map(|(slug, _)| slug)
}

/// Links between pages of different units.
#[derive(Debug, Default)]
pub struct Dependencies {
    /// Page → the pages of other units it links to.
    links: HashMap<String, Vec<String>>,
    /// Unit → the pages of other units that link into it.
    linked_from: HashMap<String, HashSet<String>>,
}

impl Dependencies {
    /// Records the links of `page` to other units' pages, replacing what was known of it.
    pub fn record(&mut self, page: &str, targets: Vec<String>) {
        self.forget(page);
        for t in &targets {
            if let Some(unit) = unit_of(t) {
                self.linked_from
                    .entry(unit.to_string())
                    .or_default()
                    .insert(page.to_string());
            }
        }
        if !targets.is_empty() {
            self.links.insert(page.to_string(), targets);
        }
    }

    /// Forgets a page that no longer exists.
    pub fn forget(&mut self, page: &str) {
        for t in self.links.remove(page).unwrap_or_default() {
            if let Some(from) = unit_of(&t).and_then(|u| self.linked_from.get_mut(u)) {
                from.remove(page);
            }
        }
    }

    /// The pages of other units that link into `unit`.
    pub fn linking_into(&self, unit: &str) -> impl Iterator<Item = &String> {
        self.linked_from.get(unit).into_iter().flatten()
    }

    /// The pages of other units that `page` links to.
    pub fn links_of(&self, page: &str) -> &[String] {
        self.links.get(page).map_or(&[], Vec::as_slice)
    }
}

/// The pages of other units that `html`, rendered for the unit page at `page`, links to.
pub fn cross_unit_links(page: &str, html: &str) -> Vec<String> {
    let Some(own) = unit_of(page) else {
        return Vec::new();
    };
    let folder: Vec<&str> = page.split('/').collect();
    let folder = &folder[..folder.len() - 1];
    let mut out = BTreeSet::new();
    for (i, _) in html.match_indices("href=\"") {
        let rest = &html[i + "href=\"".len()..];
        let href = &rest[..rest.find('"').unwrap_or(0)];
        let href = href.replace("&#x2F;", "/").replace("&#47;", "/");
        let href = href.split(['#', '?']).next().unwrap_or("");
        if href.is_empty() || href.contains(':') || href.starts_with('/') {
            continue;
        }
        if let Some(target) = resolve(folder, href) {
            if unit_of(&target).is_some_and(|u| u != own) {
                out.insert(target);
            }
        }
    }
    out.into_iter().collect()
}

/// `href` relative to the folder `from` (as segments), as a path from the site root.
fn resolve(from: &[&str], href: &str) -> Option<String> {
    let mut segments: Vec<&str> = from.to_vec();
    for part in href.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                segments.pop()?;
            }
            _ => segments.push(part),
        }
    }
    Some(segments.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_links_into_other_units() {
        let page = "units/a/criteria/p1/index.html";
        let html = concat!(
            r#"<a href="..&#x2F;..&#x2F;..&#x2F;..&#x2F;units&#x2F;b&#x2F;criteria&#x2F;p2&#x2F;index.html#x">"#,
            r#"<a href="../../index.html"><a href="../../../../index.html">"#,
            r##"<a href="https://example.org/units/c/"><a href="#main">"##,
            r#"<a href="../../../../units/c/index.html">"#
        );
        assert_eq!(
            cross_unit_links(page, html),
            ["units/b/criteria/p2/index.html", "units/c/index.html"]
        );
        assert!(cross_unit_links("index.html", html).is_empty());
    }

    #[test]
    fn records_both_directions() {
        let mut d = Dependencies::default();
        d.record("units/a/index.html", vec!["units/b/index.html".into()]);
        assert_eq!(
            d.linking_into("b").collect::<Vec<_>>(),
            ["units/a/index.html"]
        );
        assert_eq!(d.links_of("units/a/index.html"), ["units/b/index.html"]);
        d.record("units/a/index.html", Vec::new());
        assert_eq!(d.linking_into("b").count(), 0);
        assert!(d.links_of("units/a/index.html").is_empty());
        assert_eq!(unit_of("units/a/criteria/p1/index.html"), Some("a"));
        assert_eq!(unit_of("search/index.html"), None);
    }
}
