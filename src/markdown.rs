//! Markdown to HTML, once per file at load time. Each heading gets an id so that it can be
//! linked to and so that search can point at the section it heads; the plain text is kept for
//! the search index; links to other pages of the site (`links`) are kept for `check`. Links
//! the site never publishes (`javascript:` …) are rendered as their text alone, and kept in
//! `links` so that the build can stop on them; raw HTML is kept as written, and recorded.

mod links;
mod raw_html;
mod scheme;

use std::ops::Range;

use pulldown_cmark::{html, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use serde::Serialize;

pub use links::{classify, resolve_site_links, Link, LinkTarget, Refused};
pub use raw_html::{RawHtml, RawHtmlKind};

/// A Markdown body, rendered.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Markdown {
    pub html: String,
    /// The text without markup, for search and summaries. Templates see only `html`, so the
    /// text and headings stay out of every page's template context.
    #[serde(skip)]
    pub text: String,
    #[serde(skip)]
    pub headings: Vec<Heading>,
    /// Every link (and every refused image) that is not plainly to another website, as
    /// written, in source order.
    #[serde(skip)]
    pub links: Vec<Link>,
    /// The raw HTML written in the text, and the parts of it that run script.
    #[serde(skip)]
    pub raw_html: Vec<RawHtml>,
}

/// A heading of a Markdown body, and where its section's text starts in [`Markdown::text`]:
/// the section runs to the next heading's start.
#[derive(Debug, Clone, Serialize)]
pub struct Heading {
    pub level: u8,
    pub text: String,
    pub id: String,
    #[serde(skip)]
    pub starts_at: usize,
}

impl Markdown {
    /// The body cut at its headings: the text before the first heading (with no heading), then
    /// each heading with the text under it, up to the next heading.
    pub fn sections(&self) -> Vec<(Option<&Heading>, &str)> {
        let mut out = Vec::with_capacity(self.headings.len() + 1);
        let first = self
            .headings
            .first()
            .map_or(self.text.len(), |h| h.starts_at);
        out.push((None, self.text[..first].trim()));
        for (i, h) in self.headings.iter().enumerate() {
            let end = self
                .headings
                .get(i + 1)
                .map_or(self.text.len(), |n| n.starts_at);
            let body = self.text[h.starts_at..end].trim();
            out.push((
                Some(h),
                body.strip_prefix(h.text.as_str()).unwrap_or(body).trim(),
            ));
        }
        out
    }
}

/// Renders `source`. Heading ids are unique within the body.
pub fn render(source: &str) -> Markdown {
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_HEADING_ATTRIBUTES;
    let (mut events, ranges): (Vec<Event>, Vec<_>) =
        Parser::new_ext(source, options).into_offset_iter().unzip();
    let mut text = String::new();
    let mut headings = Vec::new();
    let mut links = Vec::new();
    let mut raw = Vec::new();
    let mut html_block: Option<Vec<(usize, Range<usize>)>> = None;
    let mut refused = Vec::new();
    let mut open_heading: Option<(usize, HeadingLevel, String, usize)> = None;
    for i in 0..events.len() {
        match &events[i] {
            Event::Start(Tag::Heading { level, .. }) => {
                open_heading = Some((i, *level, String::new(), text.len()));
                // `{#id .class}` is kept; any other attribute (`{onclick=…}`) would put script
                // in the page without raw HTML, so it is dropped.
                if let Event::Start(Tag::Heading { attrs, .. }) = &mut events[i] {
                    attrs.clear();
                }
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, _, h, _)) = open_heading.as_mut() {
                    h.push_str(t);
                }
                text.push_str(t);
            }
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            Event::End(TagEnd::Heading(_)) => {
                if let Some((start, level, heading_text, starts_at)) = open_heading.take() {
                    // An id the author gave (`## Title {#id}`) wins over the generated one.
                    let id = match &mut events[start] {
                        Event::Start(Tag::Heading {
                            id: Some(given), ..
                        }) => given.to_string(),
                        Event::Start(Tag::Heading { id: slot, .. }) => {
                            let id = unique_id(&heading_text, &headings);
                            *slot = Some(CowStr::from(id.clone()));
                            id
                        }
                        _ => unique_id(&heading_text, &headings),
                    };
                    headings.push(Heading {
                        level: level as u8,
                        text: heading_text,
                        id,
                        starts_at,
                    });
                }
                text.push('\n');
            }
            Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell) => text.push('\n'),
            Event::Start(Tag::Link { .. } | Tag::Image { .. }) => {
                if let Some((link, refuse)) = site_link(&mut events[i], source, &ranges[i]) {
                    links.push(link);
                    if refuse {
                        refused.push(i);
                    }
                }
            }
            Event::Start(Tag::HtmlBlock) => html_block = Some(Vec::new()),
            Event::Html(_) if html_block.is_some() => {
                if let Some(block) = html_block.as_mut() {
                    block.push((i, ranges[i].clone()));
                }
            }
            Event::End(TagEnd::HtmlBlock) => {
                let block = html_block.take().unwrap_or_default();
                raw.extend(scan_html(&events, &block, source));
            }
            Event::Html(_) | Event::InlineHtml(_) => {
                raw.extend(scan_html(&events, &[(i, ranges[i].clone())], source));
            }
            _ => {}
        }
    }
    let dropped = matching_ends(&events, &refused);
    let mut out = String::with_capacity(source.len() * 3 / 2);
    let kept = events
        .into_iter()
        .enumerate()
        .filter(|(i, _)| dropped.binary_search(i).is_err())
        .map(|(_, e)| e);
    html::push_html(&mut out, kept);
    Markdown {
        html: out,
        text,
        headings,
        links,
        raw_html: raw,
    }
}

/// Records a link or image that is not plainly to another website, and gives a site link its
/// `@/` marker form. Returns the link, and whether it is refused (to be written as its text).
/// An image's file is checked as a link's page is: one that is not there is found before the
/// page is published.
fn site_link(event: &mut Event, source: &str, range: &Range<usize>) -> Option<(Link, bool)> {
    let (Event::Start(Tag::Link { dest_url, .. }) | Event::Start(Tag::Image { dest_url, .. })) =
        event
    else {
        return None;
    };
    let target = classify(dest_url);
    let refuse = matches!(target, LinkTarget::Refused(_));
    if target == LinkTarget::Elsewhere {
        return None;
    }
    let written = dest_url.to_string();
    let offset = source
        .get(range.clone())
        .and_then(|s| s.find(written.as_str()))
        .map_or(range.start, |i| range.start + i);
    *dest_url = CowStr::from(target.rendered(&written));
    Some((Link { written, offset }, refuse))
}

/// The raw HTML findings of the `Html` or `InlineHtml` events at `pieces`.
fn scan_html(events: &[Event], pieces: &[(usize, Range<usize>)], source: &str) -> Vec<RawHtml> {
    let texts: Vec<(&str, Range<usize>)> = pieces
        .iter()
        .filter_map(|(i, range)| match &events[*i] {
            Event::Html(t) | Event::InlineHtml(t) => Some((t.as_ref(), range.clone())),
            _ => None,
        })
        .collect();
    if texts.is_empty() {
        return Vec::new();
    }
    raw_html::scan(&texts, source)
}

/// The indexes of the link and image starts `starts` and of the end that closes each, sorted.
fn matching_ends(events: &[Event], starts: &[usize]) -> Vec<usize> {
    let mut out = Vec::with_capacity(starts.len() * 2);
    for &start in starts {
        let image = matches!(events[start], Event::Start(Tag::Image { .. }));
        let mut depth = 0usize;
        for (i, e) in events.iter().enumerate().skip(start) {
            match e {
                Event::Start(Tag::Image { .. }) if image => depth += 1,
                Event::Start(Tag::Link { .. }) if !image => depth += 1,
                Event::End(TagEnd::Image) if image => depth -= 1,
                Event::End(TagEnd::Link) if !image => depth -= 1,
                _ => continue,
            }
            if depth == 0 {
                out.extend([start, i]);
                break;
            }
        }
    }
    out.sort_unstable();
    out
}

/// An id for a heading: its words in lower case joined by dashes, numbered when repeated.
fn unique_id(heading: &str, taken: &[Heading]) -> String {
    let base: String = heading
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join("-");
    let base = if base.is_empty() {
        "section".into()
    } else {
        base
    };
    let mut id = base.clone();
    let mut n = 1;
    while taken.iter().any(|h| h.id == id) {
        n += 1;
        id = format!("{base}-{n}");
    }
    id
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_get_unique_ids() {
        let md = render("## Why it matters\n\ntext\n\n## Why it matters\n");
        assert!(
            md.html.contains("<h2 id=\"why-it-matters\">"),
            "{}",
            md.html
        );
        assert!(
            md.html.contains("<h2 id=\"why-it-matters-2\">"),
            "{}",
            md.html
        );
        assert_eq!(md.headings.len(), 2);
    }

    #[test]
    fn an_authors_heading_id_is_kept_and_recorded() {
        let md = render("## Why it matters {#why}\n\ntext\n");
        assert!(md.html.contains("<h2 id=\"why\">"), "{}", md.html);
        assert_eq!(md.headings[0].id, "why");
    }

    #[test]
    fn heading_attributes_other_than_id_and_class_are_dropped() {
        let md = render("## Title {#t .note onclick=alert(1) style=\"x\"}\n");
        assert_eq!(md.html, "<h2 id=\"t\" class=\"note\">Title</h2>\n");
    }

    #[test]
    fn plain_text_drops_markup() {
        let md = render("Some **bold** and `code`.\n\n- a\n- b\n");
        assert!(md.text.contains("Some bold and code."));
        assert!(md.text.contains("a\nb"));
        assert!(!md.text.contains('*'));
    }

    #[test]
    fn sections_split_the_text_at_headings() {
        let md = render("Intro text.\n\n## First\n\nOne.\n\n## Second\n\nTwo.\n");
        let sections = md.sections();
        assert_eq!(sections.len(), 3);
        assert!(sections[0].0.is_none());
        assert_eq!(sections[0].1, "Intro text.");
        assert_eq!(sections[1].0.map(|h| h.id.as_str()), Some("first"));
        assert_eq!(sections[1].1, "One.");
        assert_eq!(sections[2].1, "Two.");
    }

    #[test]
    fn site_links_keep_their_marker_and_position() {
        let source = "See [P4](@/units/u/criteria/P4/) and [x](https://example.org).\n";
        let md = render(source);
        assert!(
            md.html
                .contains(r#"href="@/units/u/criteria/p4/index.html""#),
            "{}",
            md.html
        );
        assert_eq!(md.links.len(), 1);
        assert_eq!(md.links[0].written, "@/units/u/criteria/P4/");
        assert_eq!(md.links[0].offset, source.find("@/").unwrap());
    }

    #[test]
    fn refused_links_and_images_are_written_as_their_text_and_recorded() {
        let source = "[one](JaVaScRiPt:alert(1)) [two](<java&#9;script:x>) <vbscript:x> \
                      [three][r] ![four](data:image/svg+xml,x) [ok](https://example.org/)\n\n\
                      [r]: file:///etc/passwd\n";
        let md = render(source);
        assert_eq!(md.html.matches("href=").count(), 1, "{}", md.html);
        assert!(!md.html.contains("<img"), "{}", md.html);
        for text in ["one", "two", "three", "four", "vbscript:x"] {
            assert!(md.html.contains(text), "{text}: {}", md.html);
        }
        assert!(md.html.contains(r#"<a href="https://example.org/">ok</a>"#));
        let written: Vec<&str> = md.links.iter().map(|l| l.written.as_str()).collect();
        assert_eq!(
            written,
            [
                "JaVaScRiPt:alert(1)",
                "java\tscript:x",
                "vbscript:x",
                "file:///etc/passwd",
                "data:image/svg+xml,x"
            ]
        );
        assert_eq!(md.links[0].offset, source.find("JaVa").unwrap());
    }

    #[test]
    fn an_image_inside_a_refused_link_keeps_its_own_tags() {
        let md = render("[![logo](https://example.org/a.png)](javascript:x)\n");
        assert_eq!(
            md.html,
            "<p><img src=\"https://example.org/a.png\" alt=\"logo\" /></p>\n"
        );
    }

    #[test]
    fn raw_html_is_kept_and_recorded_with_what_runs_script() {
        let source =
            "Text <b>bold</b>.\n\n<div\n  onclick=\"go()\">\n<script>x()</script>\n</div>\n";
        let md = render(source);
        assert!(md.html.contains("<script>x()</script>"), "{}", md.html);
        let found: Vec<(RawHtmlKind, &str)> = md
            .raw_html
            .iter()
            .map(|h| {
                (
                    h.kind.clone(),
                    &source[h.offset..h.offset + h.written.len()],
                )
            })
            .collect();
        assert_eq!(
            found,
            [
                (RawHtmlKind::Markup, "<b"),
                (RawHtmlKind::Markup, "</b"),
                (RawHtmlKind::Markup, "<div"),
                (RawHtmlKind::EventHandler, "onclick"),
                (RawHtmlKind::Script, "<script"),
            ]
        );
    }

    #[test]
    fn tables_render() {
        let md = render("| a | b |\n|---|---|\n| 1 | 2 |\n");
        assert!(md.html.contains("<table>"));
    }
}
