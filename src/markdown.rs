//! Markdown to HTML, once per file at load time. Each heading gets an id so that it can be
//! linked to and so that search can point at the section it heads; the plain text is kept for
//! the search index; links to other pages of the site (`links`) are kept for `check`. Links
//! the site never publishes (`javascript:` …) are rendered as their text alone, and kept in
//! `links` so that the build can stop on them; raw HTML is kept as written, and recorded. A
//! fenced block of `video` becomes a video player ([`render_video`]); its problems are kept in
//! `problems`, and it is written as nothing.

mod collect;
mod figure;
pub mod files;
mod links;
mod raw_html;
mod video;
mod video_block;

use std::ops::Range;

use pulldown_cmark::{html, Options, Parser};
use serde::Serialize;

use collect::Collect;
pub use files::{FileContext, FileRef, FileTarget};
pub use links::{classify, resolve_site_links, Link, LinkTarget, Refused};
pub use raw_html::{RawHtml, RawHtmlKind};
pub use video::{render_video, VideoProblem};

/// How a heading is written, for messages about a heading that is not there: a heading line
/// indented by a tab is Markdown's code block, so it makes no heading.
pub const HEADING_FORM: &str = "a heading is a line starting with `## ` at the very start of \
                                the line; a line indented by a tab or four spaces is shown as \
                                code, not as a heading";

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
    /// Every link and image that names a course file, found or not, in source order.
    #[serde(skip)]
    pub files: Vec<FileRef>,
    /// What is wrong in the text's own blocks (a video block's keys), in source order.
    #[serde(skip)]
    pub problems: Vec<Problem>,
}

/// A problem of a Markdown text: where it is (bytes of the source), what is wrong and how to
/// put it right.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub range: Range<usize>,
    pub message: String,
    pub help: String,
}

/// A path as written in a text → what it leads to (a site address, a file's text), or why
/// there is nothing there, in a teacher's words.
pub type FileLookup<'a> = &'a dyn Fn(&str) -> Result<String, String>;

/// What rendering needs to know beyond the text: the site's language (that of video captions)
/// and the files a text names.
pub struct Context<'a> {
    pub language: &'a str,
    /// A path as written → its site address with the `@/` marker, or why there is none.
    pub resolve: FileLookup<'a>,
    /// A path as written → the file's text (a video's captions, put in the page so that they
    /// work from disk), or why it cannot be read. Without it the captions are linked to, which
    /// works from a web server only.
    pub read: Option<FileLookup<'a>>,
}

impl Default for Context<'_> {
    fn default() -> Self {
        Context {
            language: "en",
            resolve: &video::site_address,
            read: None,
        }
    }
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

/// Renders `source`, a text that names no course file (its file links are left as written, and
/// the link check refuses them). Heading ids are unique within the body.
pub fn render(source: &str) -> Markdown {
    rendered(source, None)
}

/// Renders `source`, whose links and images to course files are resolved against `ctx`: the
/// file that holds the text, and the course's files.
pub fn render_in(source: &str, ctx: &FileContext) -> Markdown {
    rendered(source, Some(*ctx))
}

fn rendered<'a>(source: &'a str, ctx: Option<FileContext<'a>>) -> Markdown {
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_HEADING_ATTRIBUTES;
    let parser = Parser::new_ext(source, options).into_offset_iter();
    let mut events = Collect::new(source, parser, ctx);
    let mut out = String::with_capacity(source.len() * 5 / 4);
    html::push_html(&mut out, &mut events);
    Markdown {
        html: out,
        text: events.text,
        headings: events.headings,
        links: events.links,
        raw_html: events.raw_html,
        files: events.files,
        problems: events.problems,
    }
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
    fn repeated_headings_are_numbered_past_ids_already_taken() {
        let md = render("## A 2\n\n## A\n\n## A\n\n## A\n");
        let ids: Vec<&str> = md.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["a-2", "a", "a-3", "a-4"]);
        // Numbering many equal headings took time growing with the square of their count.
        let many = render(&"## Step\n\ntext\n\n".repeat(50_000));
        assert_eq!(many.headings.last().unwrap().id, "step-50000");
        assert!(many
            .html
            .contains("<h2 id=\"step-49999\">Step</h2>\n<p>text</p>"));
    }

    #[test]
    fn heading_text_and_section_starts_are_recorded_while_streaming() {
        let md = render("Intro.\n\n## The `code` part\n\nBody.\n");
        assert_eq!(md.headings[0].text, "The code part");
        assert_eq!(
            &md.text[md.headings[0].starts_at..],
            "The code part\nBody.\n"
        );
        assert!(md
            .html
            .contains("<h2 id=\"the-code-part\">The <code>code</code> part</h2>"));
    }

    #[test]
    fn many_refused_links_are_dropped_in_one_pass() {
        let md = render(&"[x](javascript:a) ".repeat(50_000));
        assert_eq!(md.links.len(), 50_000);
        assert!(!md.html.contains("href"));
        assert_eq!(md.html.matches('x').count(), 50_000);
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
    #[test]
    fn a_video_block_becomes_its_player_and_is_no_raw_html() {
        let source = "Watch this.\n\n```video\ntitle = \"A <b>good</b> call\"\n\
                      src = \"https://youtu.be/dQw4w9WgXcQ\"\ntranscript = \"#words\"\n```\n";
        let md = render(source);
        assert!(
            md.html.contains("<figure class=\"video video-embed\""),
            "{}",
            md.html
        );
        assert!(
            md.html.contains("A &lt;b&gt;good&lt;/b&gt; call"),
            "{}",
            md.html
        );
        assert!(!md.html.contains("<pre"), "{}", md.html);
        assert!(md.raw_html.is_empty(), "{:?}", md.raw_html);
        assert!(md.problems.is_empty(), "{:?}", md.problems);
    }

    #[test]
    fn a_video_blocks_problems_point_into_the_source_and_it_is_written_as_nothing() {
        let source = "Intro.\n\n- In a list:\n\n  ```video\n  colour = \"x\"\n  \
                      src = \"@/units/u/files/a.mp4\"\n  ```\n\nAfter.\n";
        let md = render(source);
        assert_eq!(md.html.matches("<figure").count(), 0, "{}", md.html);
        assert!(md.html.contains("After."), "{}", md.html);
        let found: Vec<(&str, &str)> = md
            .problems
            .iter()
            .map(|p| (&source[p.range.clone()], p.message.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                ("```video", "this video has no title"),
                ("colour", "`colour` is not a key of a video block"),
                ("src", "this video file has no captions"),
            ]
        );
    }

    #[test]
    fn a_video_file_written_relative_is_refused_until_files_are_published() {
        let source = "```video\ntitle = \"t\"\nsrc = \"../files/a.mp4\"\n\
                      captions = \"@/units/u/files/a.vtt\"\n```\n";
        let md = render(source);
        assert_eq!(md.problems.len(), 1, "{:?}", md.problems);
        assert_eq!(&source[md.problems[0].range.clone()], "\"../files/a.mp4\"");
        assert!(md.problems[0].message.contains("@/"), "{:?}", md.problems);
    }
}
