//! Where things were written, for checks that run on the finished [`Course`](super::Course) and
//! still need to point into the files: each criterion's id, each knowledge item's front matter,
//! each quiz question and option, and every link, piece of raw HTML and block problem (a video
//! block's) of every Markdown text.
//! Built from what was loaded, before the model stage consumes it, and kept beside the course so
//! that the course itself stays plain data.

use std::collections::HashMap;

use crate::course_files::CourseFiles;
use crate::diagnostic::{FileId, SourceMap, Span};
use crate::load::raw::QuizFile;
use crate::load::{body_offset, Doc, Loaded, LoadedUnit};
use crate::markdown::{self, FileContext, FileRef, Markdown, RawHtmlKind};

/// Spans of a whole course, by unit slug.
#[derive(Debug, Default)]
pub struct Spans {
    /// Unit slug → the spans of that unit.
    pub units: HashMap<String, UnitSpans>,
}

/// Spans of one unit.
#[derive(Debug, Default)]
pub struct UnitSpans {
    /// Criterion id → its id in criteria.toml.
    pub criteria: HashMap<String, Span>,
    /// Knowledge item slug → the start of its front matter.
    pub knowledge: HashMap<String, Span>,
    /// Every link of the unit's Markdown that is not plainly to another website.
    pub links: Vec<LinkSpan>,
    /// Every finding in the raw HTML of the unit's Markdown.
    pub raw_html: Vec<RawHtmlSpan>,
    /// Every link and image of the unit's Markdown that names a course file.
    pub files: Vec<FileRefSpan>,
    /// Every problem of the unit's Markdown blocks (its video blocks).
    pub problems: Vec<ProblemSpan>,
    /// Criterion id → where the parts of its quiz are.
    pub quizzes: HashMap<String, QuizSpans>,
}

impl UnitSpans {
    /// These spans, as a source map that took their files in at `offset` knows them.
    pub fn shifted(mut self, offset: usize) -> UnitSpans {
        let shift = |s: &mut Span| *s = s.shifted(offset);
        self.criteria.values_mut().for_each(shift);
        self.knowledge.values_mut().for_each(shift);
        self.links.iter_mut().for_each(|l| shift(&mut l.span));
        self.raw_html.iter_mut().for_each(|h| shift(&mut h.span));
        self.files.iter_mut().for_each(|f| shift(&mut f.span));
        self.problems.iter_mut().for_each(|p| shift(&mut p.span));
        for q in self.quizzes.values_mut() {
            shift(&mut q.criterion);
            for question in &mut q.questions {
                shift(&mut question.id);
                question.options.iter_mut().for_each(shift);
            }
        }
        self
    }
}

/// Where a quiz's parts are: its `criterion` value, and its questions in file order.
#[derive(Debug, Clone)]
pub struct QuizSpans {
    pub criterion: Span,
    pub questions: Vec<QuestionSpans>,
}

/// Where a question's `id` is, and the `text` of each of its options in file order, from the
/// one parse of the quiz file.
#[derive(Debug, Clone)]
pub struct QuestionSpans {
    pub id: Span,
    pub options: Vec<Span>,
}

/// A finding in raw HTML, and where it is.
#[derive(Debug, Clone)]
pub struct RawHtmlSpan {
    /// What was found.
    pub kind: RawHtmlKind,
    /// The text found, as written.
    pub written: String,
    /// Where that text is in its file.
    pub span: Span,
}

/// A problem of a Markdown block, and where it is.
#[derive(Debug, Clone)]
pub struct ProblemSpan {
    pub message: String,
    pub help: String,
    pub span: Span,
}

/// A link as written, and where its destination is.
#[derive(Debug, Clone)]
pub struct LinkSpan {
    /// The destination as the teacher wrote it.
    pub written: String,
    /// Where that destination is in its file.
    pub span: Span,
}

/// A link or image that names a course file, and where its destination is.
#[derive(Debug, Clone)]
pub struct FileRefSpan {
    pub reference: FileRef,
    /// Where the destination is in its file.
    pub span: Span,
}

/// Records where things are in `loaded`.
pub fn collect(loaded: &Loaded) -> Spans {
    Spans {
        units: loaded
            .units
            .iter()
            .map(|u| (u.slug.clone(), of_unit(&loaded.sources, u, &loaded.files)))
            .collect(),
    }
}

/// Records where things are in one loaded unit, whose files are in `sources`; `files` are the
/// course's, which its TOML-held Markdown is read against again.
pub fn of_unit(sources: &SourceMap, u: &LoadedUnit, files: &CourseFiles) -> UnitSpans {
    let criteria = &u.criteria;
    let mut out = UnitSpans {
        criteria: criteria
            .value
            .criterion
            .iter()
            .map(|c| (c.id.get_ref().clone(), criteria.origin.span(&c.id)))
            .collect(),
        knowledge: u
            .knowledge
            .iter()
            .map(|k| (k.slug.clone(), k.value.front.origin.start()))
            .collect(),
        links: Vec::new(),
        raw_html: Vec::new(),
        files: Vec::new(),
        problems: Vec::new(),
        quizzes: u
            .quizzes
            .iter()
            .map(|q| (q.value.criterion.get_ref().clone(), quiz_spans(q)))
            .collect(),
    };
    let mut bodies: Vec<(FileId, &Markdown)> = vec![(u.unit.front.origin.file, &u.unit.body)];
    bodies.extend(
        u.outcomes
            .iter()
            .map(|o| (o.value.front.origin.file, &o.value.body)),
    );
    bodies.extend(u.delivery.iter().map(|d| (d.file, &d.value)));
    bodies.extend(
        u.knowledge
            .iter()
            .map(|k| (k.value.front.origin.file, &k.value.body)),
    );
    bodies.extend(
        u.scenarios
            .iter()
            .map(|s| (s.value.front.origin.file, &s.value.body)),
    );
    bodies.extend(u.evidence_file.zip(u.evidence.as_ref()));
    bodies.extend(
        u.briefs
            .iter()
            .map(|b| (b.value.front.origin.file, &b.value.body)),
    );
    bodies.extend(u.notes.iter().map(|n| (n.value.0, &n.value.1)));
    for (file, body) in bodies {
        let base = body_offset(sources, file);
        let span = |offset: usize, written: &str| Span {
            file,
            bytes: base + offset..base + offset + written.len(),
        };
        out.links.extend(body.links.iter().map(|l| LinkSpan {
            written: l.written.clone(),
            span: span(l.offset, &l.written),
        }));
        out.raw_html
            .extend(body.raw_html.iter().map(|h| RawHtmlSpan {
                kind: h.kind.clone(),
                written: h.written.clone(),
                span: span(h.offset, &h.written),
            }));
        out.files.extend(body.files.iter().map(|f| FileRefSpan {
            reference: f.clone(),
            span: span(f.offset, &f.written),
        }));
        out.problems
            .extend(body.problems.iter().map(|p| ProblemSpan {
                message: p.message.clone(),
                help: p.help.clone(),
                span: Span {
                    file,
                    bytes: base + p.range.start..base + p.range.end,
                },
            }));
    }
    let toml = Toml { sources, files };
    for b in &u.briefs {
        let front = &b.value.front;
        let texts = front
            .value
            .task
            .iter()
            .map(|t| t.text.as_str())
            .chain(front.value.teacher.iter().map(|t| t.guidance.as_str()));
        toml.record(&mut out, front.origin.file, front.origin.base, texts);
    }
    for q in &u.quizzes {
        let texts = q
            .value
            .question
            .iter()
            .filter_map(|q| q.model_answer.as_deref());
        toml.record(&mut out, q.origin.file, q.origin.base, texts);
    }
    out
}

fn quiz_spans(q: &Doc<QuizFile>) -> QuizSpans {
    let origin = &q.origin;
    let questions = q.value.question.iter().map(|raw| QuestionSpans {
        id: origin.span(&raw.id),
        options: raw
            .option
            .iter()
            .flat_map(|options| options.get_ref())
            .map(|o| origin.span(&o.text))
            .collect(),
    });
    QuizSpans {
        criterion: origin.span(&q.value.criterion),
        questions: questions.collect(),
    }
}

/// What Markdown held in TOML strings is read against.
struct Toml<'a> {
    sources: &'a SourceMap,
    files: &'a CourseFiles,
}

impl Toml<'_> {
    /// Records the links, file references and raw HTML of Markdown held in TOML strings of
    /// `file`, from byte `from` on; see [`in_toml`].
    fn record<'t>(
        &self,
        out: &mut UnitSpans,
        file: FileId,
        from: usize,
        texts: impl Iterator<Item = &'t str>,
    ) {
        let at = self.files.content_path_of(self.sources.path(file));
        let ctx = at.as_deref().map(|at| FileContext {
            at,
            files: self.files,
        });
        in_toml(out, self.sources, file, from, texts, ctx.as_ref());
    }
}

/// Records the links, file references and raw HTML of Markdown held in TOML strings of `file`,
/// from byte `from` on, its file references read against `ctx`. A string's escapes may shift
/// its text against the file, so each finding is looked for in the file's text, after the one
/// before it: as written, or else (when the Markdown decoded it, `&#106;`) by the Markdown that
/// starts there.
fn in_toml<'a>(
    out: &mut UnitSpans,
    sources: &SourceMap,
    file: FileId,
    from: usize,
    texts: impl Iterator<Item = &'a str>,
    ctx: Option<&FileContext>,
) {
    let text = sources.text(file);
    let mut at = from;
    // `advance` is false for the start of a piece of raw HTML, which what is found in it follows.
    let mut locate = |written: &str, anchor: &str, advance: bool| {
        let rest = text.get(at..).unwrap_or("");
        let (start, len) = [written, anchor]
            .into_iter()
            .filter(|n| !n.is_empty())
            .find_map(|n| rest.find(n).map(|i| (at + i, n.len())))
            .unwrap_or((at, 0));
        let end = (start + len).min(text.len());
        at = if advance { end } else { start };
        Span {
            file,
            bytes: start..end,
        }
    };
    for source in texts {
        // The Markdown from `offset` up to the first character TOML might have escaped.
        let anchor = |offset: usize| {
            let from = source.get(offset..).unwrap_or("");
            let end = from
                .char_indices()
                .find(|&(i, c)| i >= 40 || matches!(c, '"' | '\\' | '\n' | '\''))
                .map_or(from.len(), |(i, _)| i);
            &from[..end]
        };
        let md = match ctx {
            Some(ctx) => markdown::render_in(source, ctx),
            None => markdown::render(source),
        };
        // The lists are in source order; merged, they can be found one after another.
        let mut found: Vec<(usize, Found)> = md
            .links
            .iter()
            .map(|l| (l.offset, Found::Link(l)))
            .chain(md.raw_html.iter().map(|h| (h.offset, Found::Html(h))))
            .chain(md.files.iter().map(|f| (f.offset, Found::File(f))))
            .collect();
        found.extend(
            md.problems
                .iter()
                .map(|p| (p.range.start, Found::Problem(p, source))),
        );
        found.sort_by_key(|(offset, _)| *offset);
        for (_, f) in found {
            match f {
                Found::Link(l) => out.links.push(LinkSpan {
                    span: locate(&l.written, anchor(l.offset), true),
                    written: l.written.clone(),
                }),
                Found::File(f) => out.files.push(FileRefSpan {
                    span: locate(&f.written, anchor(f.offset), true),
                    reference: f.clone(),
                }),
                Found::Html(h) => out.raw_html.push(RawHtmlSpan {
                    span: locate(&h.written, anchor(h.offset), h.kind != RawHtmlKind::Markup),
                    kind: h.kind.clone(),
                    written: h.written.clone(),
                }),
                Found::Problem(p, source) => {
                    let written = source.get(p.range.clone()).unwrap_or("");
                    out.problems.push(ProblemSpan {
                        span: locate(written, anchor(p.range.start), true),
                        message: p.message.clone(),
                        help: p.help.clone(),
                    })
                }
            }
        }
    }
}

/// A link, a file reference, a raw HTML finding or a block's problem of one Markdown text
/// (`source`).
enum Found<'a> {
    Link(&'a markdown::Link),
    File(&'a FileRef),
    Html(&'a markdown::RawHtml),
    Problem(&'a markdown::Problem, &'a str),
}
