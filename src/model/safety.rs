//! What a course may not publish, whether it is built or checked: Markdown blocks with problems
//! (a video without captions or title, written as nothing), links that run script or lead to
//! files on the reader's computer or network, and, when site.toml says `raw_html = "refuse"`,
//! any raw HTML in Markdown.

use super::spans::UnitSpans;
use super::RawHtmlPolicy;
use crate::diagnostic::{Diagnostic, SourceMap};
use crate::markdown::{classify, LinkTarget, RawHtmlKind, Refused};

const LINKS: &str =
    "links may go to @/ and a page of this site, https://…, mailto:…, tel:… or #… (a heading)";

/// Every problem of a unit's Markdown blocks, every link of it (its links and raw HTML are at
/// `spans`, in `sources`) that is never published, and its raw HTML if `policy` refuses it. Read from the spans the driver records
/// once per unit, so no text is parsed again for it.
pub fn unit_errors(
    sources: &SourceMap,
    spans: &UnitSpans,
    policy: RawHtmlPolicy,
) -> Vec<Diagnostic> {
    let mut out: Vec<Diagnostic> = spans
        .problems
        .iter()
        .map(|p| Diagnostic::at(sources, &p.span, p.message.clone()).help(p.help.clone()))
        .collect();
    for link in &spans.links {
        if let LinkTarget::Refused(why) = classify(&link.written) {
            let (message, help) = refusal(&link.written, &why);
            out.push(Diagnostic::at(sources, &link.span, message).help(help));
        }
    }
    if policy == RawHtmlPolicy::Refuse {
        for html in spans
            .raw_html
            .iter()
            .filter(|h| h.kind == RawHtmlKind::Markup)
        {
            out.push(
                Diagnostic::at(
                    sources,
                    &html.span,
                    format!(
                        "raw HTML (`{}`) is not allowed in this course",
                        shown(&html.written)
                    ),
                )
                .help(
                    "site.toml sets raw_html = \"refuse\": write this in Markdown instead, or \
                     put it in backticks to show it as code",
                ),
            );
        }
    }
    out
}

/// The message and help for a link that is never published.
fn refusal(written: &str, why: &Refused) -> (String, String) {
    let link = shown(written);
    match why {
        Refused::Script(scheme) => (
            format!("`{link}` is a {scheme}: link, which runs a script in the reader's browser"),
            format!(
                "unitpress never publishes such links: {LINKS}; to show the text itself, put it \
                 in backticks"
            ),
        ),
        Refused::File => (
            format!("`{link}` links to a file on the reader's own computer"),
            format!("put the file on a website and link to its https:// address; {LINKS}"),
        ),
        Refused::SchemeRelative => (
            format!(
                "`{link}` has no https: in front: from a site opened from disk it leads to a \
                 file on the reader's network"
            ),
            format!("write https:{}", written.trim()),
        ),
        Refused::Scheme(scheme) => (
            format!("`{link}` is a {scheme}: link, which the site does not publish"),
            LINKS.to_string(),
        ),
    }
}

/// `text` cut to a length that fits a message, with control characters (a tab hidden in a
/// link) spelt out.
fn shown(text: &str) -> String {
    const MAX: usize = 60;
    let mut out = String::new();
    for (i, c) in text.chars().enumerate() {
        if i == MAX {
            out.push('…');
            break;
        }
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_destinations_are_cut_in_messages() {
        let long = format!("data:text/html,{}", "x".repeat(500));
        let (message, _) = refusal(&long, &Refused::Script("data".into()));
        assert!(message.chars().count() < 150, "{message}");
        assert!(message.contains("data:text/html,xxx"));
    }

    #[test]
    fn hidden_characters_are_spelt_out() {
        assert_eq!(shown("java\tscript:x"), "java\\tscript:x");
    }

    #[test]
    fn a_scheme_relative_link_gets_its_https_form() {
        let (_, help) = refusal("//example.org/x", &Refused::SchemeRelative);
        assert_eq!(help, "write https://example.org/x");
    }
}
