//! Warnings about raw HTML in Markdown that runs script: a `<script>` element, an event-handler
//! attribute (`onclick` …) or a `javascript:` URL. Raw HTML is published as written, so each is
//! worth a second look; site.toml's `raw_html` silences these (`"allow"`) or refuses all raw
//! HTML (`"refuse"`, an error of the model stage, which the build runs too).

use crate::diagnostic::{Diagnostic, SourceMap};
use crate::markdown::RawHtmlKind;
use crate::model::spans::Spans;
use crate::model::{Course, RawHtmlPolicy};

const HELP: &str = "remove it unless it is meant to run on every page that shows this text; \
                    raw_html = \"allow\" in site.toml silences these warnings, \
                    raw_html = \"refuse\" refuses all raw HTML";

/// A warning for each part of the course's raw HTML that runs script, unless site.toml allows it.
pub fn script(course: &Course, spans: &Spans, sources: &SourceMap) -> Vec<Diagnostic> {
    if course.site.raw_html != RawHtmlPolicy::Warn {
        return Vec::new();
    }
    let mut out = Vec::new();
    for u in &course.units {
        let Some(at) = spans.units.get(&u.slug) else {
            continue;
        };
        for html in &at.raw_html {
            let message = match html.kind {
                RawHtmlKind::Markup => continue,
                RawHtmlKind::Script => "this raw HTML has a <script> element, which runs in \
                                        the reader's browser"
                    .to_string(),
                RawHtmlKind::EventHandler => format!(
                    "the raw HTML attribute `{}` runs a script in the reader's browser",
                    html.written
                ),
                RawHtmlKind::ScriptUrl => "this raw HTML attribute is a javascript: URL, which \
                                           runs a script in the reader's browser"
                    .to_string(),
            };
            out.push(
                Diagnostic::at(sources, &html.span, message)
                    .warning()
                    .help(HELP),
            );
        }
    }
    out
}
