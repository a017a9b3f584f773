//! Links between pages of the site, as teachers write them in Markdown: `@/` followed by the
//! page's address from the site root, or by the content file that makes the page, e.g.
//! `@/units/unit-10/criteria/P4/` or `@/units/unit-10/knowledge/customer-needs.md#safety`.
//!
//! A Markdown body is rendered once but may appear on pages at different depths (a scenario is
//! shown on its unit page and on each of its criteria's pages), so a link cannot be made
//! relative when the body is rendered. The body keeps the marker `@/` before the page's path
//! from the site root, and [`resolve_site_links`] turns the marker into each page's way back to
//! the root when the page is rendered.

use std::borrow::Cow;

use crate::routes;
use crate::scheme::{is_scheme_relative, runs_script, scheme_of};

/// What starts a link to another page of this site.
const SITE_PREFIX: &str = "@/";

/// The rendered forms of a site address (a link's, an image's, a video's file, captions and
/// poster), found and rewritten in each page; an image's smaller copies follow in its `srcset`.
const MARKERS: [&str; 3] = ["href=\"@/", "src=\"@/", "poster=\"@/"];
const SRCSET: &str = "srcset=\"";

/// A link of a Markdown body that is not plainly to another website (`https:`, `mailto:`,
/// `tel:`) or to a place on the page, as written, so that the build can refuse the harmful ones
/// and `check` can find the broken ones.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// The destination as the teacher wrote it.
    pub written: String,
    /// Where the destination starts in the Markdown source, in bytes.
    pub offset: usize,
}

/// What a link destination points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkTarget {
    /// A page of this site: its path from the site root (always ending in a file name, as every
    /// link of the site does) and the `#fragment`, if any.
    Site {
        /// The page's path from the site root, e.g. `units/u/criteria/p4/index.html`.
        path: String,
        /// What follows `#`, if anything.
        fragment: Option<String>,
    },
    /// Another website over `https:`, an e-mail address (`mailto:`), a phone number (`tel:`) or
    /// a place on the same page (`#…`).
    Elsewhere,
    /// A website over plain `http:`: it works, but the reader's connection can be tampered with.
    Insecure,
    /// A relative or root-absolute path: it would lead to different places from pages at
    /// different depths, and root-absolute paths break in a sub-folder and from disk.
    Relative,
    /// A destination that is never written as a link.
    Refused(Refused),
}

/// Why a link destination is never written as a link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refused {
    /// `javascript:`, `vbscript:` or `data:`: following it runs script in the page.
    Script(String),
    /// `file:`: a file on the reader's own computer.
    File,
    /// `//host/…`: from a page opened from disk, a file on the reader's network.
    SchemeRelative,
    /// Any other scheme (`ftp:`, `sms:` …).
    Scheme(String),
}

/// Classifies a link destination and, for a site link, works out the page it names.
pub fn classify(dest: &str) -> LinkTarget {
    if let Some(rest) = dest.strip_prefix(SITE_PREFIX) {
        let (path, fragment) = match rest.split_once('#') {
            Some((p, f)) => (p, Some(f.to_string())),
            None => (rest, None),
        };
        // The page's path starts the link on pages at the site root, so it must not read as
        // a scheme there (`@/javascript:…`).
        return match scheme_of(path) {
            Some(scheme) => refused(scheme),
            None => site_target(path, fragment),
        };
    }
    match scheme_of(dest).as_deref() {
        Some("https" | "mailto" | "tel") => LinkTarget::Elsewhere,
        Some("http") => LinkTarget::Insecure,
        Some(scheme) => refused(scheme.to_string()),
        None if is_scheme_relative(dest) => LinkTarget::Refused(Refused::SchemeRelative),
        None if dest.starts_with('#') || dest.is_empty() => LinkTarget::Elsewhere,
        None => LinkTarget::Relative,
    }
}

fn refused(scheme: String) -> LinkTarget {
    LinkTarget::Refused(match scheme.as_str() {
        "file" => Refused::File,
        s if runs_script(s) => Refused::Script(scheme),
        _ => Refused::Scheme(scheme),
    })
}

/// The page named by `path` (after `@/`): see [`routes::site_link`].
fn site_target(path: &str, fragment: Option<String>) -> LinkTarget {
    let (path, fragment) = routes::site_link(path, fragment);
    LinkTarget::Site { path, fragment }
}

impl LinkTarget {
    /// The destination to put in the rendered body: site links keep the `@/` marker before the
    /// page's path from the site root; others stay as written.
    pub fn rendered(&self, written: &str) -> String {
        match self {
            LinkTarget::Site {
                path,
                fragment: Some(f),
            } => format!("{SITE_PREFIX}{path}#{f}"),
            LinkTarget::Site {
                path,
                fragment: None,
            } => format!("{SITE_PREFIX}{path}"),
            LinkTarget::Elsewhere
            | LinkTarget::Insecure
            | LinkTarget::Relative
            | LinkTarget::Refused(_) => written.to_string(),
        }
    }
}

/// Makes the site addresses of a rendered page relative to it (links, images and each
/// candidate of an image's `srcset`): `root` is the page's way back to the site root ("" for
/// index.html, "../../" for units/u/index.html).
pub fn resolve_site_links<'a>(html: &'a str, root: &str) -> Cow<'a, str> {
    let mut out = Cow::Borrowed(html);
    for marker in MARKERS {
        if out.contains(marker) {
            let attribute = &marker[..marker.len() - 2];
            out = Cow::Owned(out.replace(marker, &format!("{attribute}{root}")));
        }
    }
    if out.contains(SRCSET) {
        out = Cow::Owned(resolve_srcsets(&out, root));
    }
    out
}

/// `html` with the `@/` of every candidate in its `srcset` attributes made `root`.
fn resolve_srcsets(html: &str, root: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find(SRCSET) {
        let value_at = start + SRCSET.len();
        let end = rest[value_at..]
            .find('"')
            .map_or(rest.len(), |i| value_at + i);
        out.push_str(&rest[..value_at]);
        let candidates: Vec<String> = rest[value_at..end]
            .split(", ")
            .map(|c| match c.strip_prefix(SITE_PREFIX) {
                Some(path) => format!("{root}{path}"),
                None => c.to_string(),
            })
            .collect();
        out.push_str(&candidates.join(", "));
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(dest: &str) -> (String, Option<String>) {
        match classify(dest) {
            LinkTarget::Site { path, fragment } => (path, fragment),
            other => panic!("{dest} is not a site link: {other:?}"),
        }
    }

    #[test]
    fn page_addresses_name_their_index_file() {
        assert_eq!(site("@/").0, "index.html");
        assert_eq!(site("@/units/u/").0, "units/u/index.html");
        assert_eq!(
            site("@/units/u/criteria/P4").0,
            "units/u/criteria/p4/index.html"
        );
        assert_eq!(
            site("@/units/u/criteria/1.1/index.html").0,
            "units/u/criteria/1-1/index.html"
        );
    }

    #[test]
    fn content_files_name_the_page_they_make() {
        assert_eq!(site("@/units/u/unit.md").0, "units/u/index.html");
        assert_eq!(
            site("@/units/u/knowledge/needs.md#safety"),
            (
                "units/u/knowledge/needs/index.html".into(),
                Some("safety".into())
            )
        );
        assert_eq!(
            site("@/units/u/assessment/report.md"),
            ("units/u/index.html".into(), Some("scenario-report".into()))
        );
    }

    #[test]
    fn other_destinations() {
        for d in [
            "https://example.org/",
            "mailto:a@b.c",
            "#top",
            "tel:123",
            "HTTPS://x",
        ] {
            assert_eq!(classify(d), LinkTarget::Elsewhere, "{d}");
        }
        assert_eq!(classify("http://example.org/"), LinkTarget::Insecure);
        for d in ["../knowledge/x/", "/units/u/", "knowledge/x.md"] {
            assert_eq!(classify(d), LinkTarget::Relative, "{d}");
        }
    }

    #[test]
    fn harmful_destinations_are_refused_however_they_are_written() {
        let script = |s: &str| LinkTarget::Refused(Refused::Script(s.into()));
        for d in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            " javascript:x",
            "java\tscript:x",
        ] {
            assert_eq!(classify(d), script("javascript"), "{d:?}");
        }
        assert_eq!(classify("vbscript:msgbox"), script("vbscript"));
        assert_eq!(classify("data:text/html,x"), script("data"));
        assert_eq!(
            classify("FILE:///etc/passwd"),
            LinkTarget::Refused(Refused::File)
        );
        assert_eq!(
            classify("//evil.example/x"),
            LinkTarget::Refused(Refused::SchemeRelative)
        );
        assert_eq!(
            classify("ftp://x/"),
            LinkTarget::Refused(Refused::Scheme("ftp".into()))
        );
        // On a page at the site root the path starts the link.
        assert_eq!(classify("@/javascript:alert(1)"), script("javascript"));
    }

    #[test]
    fn markers_become_the_way_back_to_the_root() {
        let html = r#"<a href="@/units/u/index.html">u</a> <a href="https://x">x</a>"#;
        let video = r#"<video poster="@/f/p.jpg"><source src="@/f/v.mp4"></video>"#;
        assert_eq!(
            resolve_site_links(video, "../"),
            r#"<video poster="../f/p.jpg"><source src="../f/v.mp4"></video>"#
        );
        assert_eq!(
            resolve_site_links(html, "../../"),
            r#"<a href="../../units/u/index.html">u</a> <a href="https://x">x</a>"#
        );
        assert!(matches!(
            resolve_site_links("<p>no links</p>", ""),
            Cow::Borrowed(_)
        ));
        let img = r#"<img srcset="@/f/a-480w.png 480w, @/f/a.png 900w" src="@/f/a.png" alt="">"#;
        assert_eq!(
            resolve_site_links(img, "../"),
            r#"<img srcset="../f/a-480w.png 480w, ../f/a.png 900w" src="../f/a.png" alt="">"#
        );
    }
}
