//! The parser's events on their way to the HTML writer. As they pass, the plain text, the
//! headings, the links and the raw HTML are noted, each heading is given its id, a refused
//! link or image loses its tags, and a link or image that names a course file is resolved:
//! an image becomes its `<img>` (a `<figure>` when it has a title and a paragraph of its own),
//! a download link gets the file's type and size.
//!
//! The events stream: only a heading's events wait, until its text gives it an id, the lines
//! of an HTML block, until the block ends, and a paragraph's first events, until it is clear
//! whether the paragraph is a figure. Holding every event of a long page at once took many
//! times the page's size in memory, and finding where each refused link ends took time growing
//! with the page's length times its number of such links.

mod file_refs;
mod headings;

use std::collections::VecDeque;
use std::ops::Range;

use pulldown_cmark::{
    CodeBlockKind, CowStr, DefaultBrokenLinkCallback, Event, OffsetIter, Tag, TagEnd,
};

use super::files::{FileContext, FileRef};
use super::video_block::VideoBlock;
use super::{classify, raw_html, Heading, Link, LinkTarget, Problem, RawHtml};
use crate::course_files::CourseFile;
use file_refs::OpenImage;
use headings::Ids;

/// The events of one body, passed on one by one, with what was noted of them.
pub struct Collect<'a> {
    source: &'a str,
    parser: OffsetIter<'a, DefaultBrokenLinkCallback>,
    /// What file links and images are resolved against; `None` for text that has none.
    ctx: Option<FileContext<'a>>,
    /// The events of the heading being read, from its start; empty outside a heading.
    heading: Vec<Event<'a>>,
    /// Where the open heading starts in `text`.
    heading_starts_at: usize,
    /// Events to hand on before reading more: a heading's, once its id is set.
    ready: VecDeque<Event<'a>>,
    /// Events made while noting one, to go before it (a download's type and size).
    inserted: Vec<Event<'a>>,
    /// The start of a paragraph and its image, held until the paragraph shows whether it is a
    /// figure (an image with a title, alone in its paragraph).
    held: Vec<Event<'a>>,
    /// The figure markup of the image just made, while it may still become one.
    figure: Option<String>,
    /// For each link still open: whether its tags are dropped, and the file it names.
    open_links: Vec<OpenLink<'a>>,
    /// For each image still open: whether its tags are dropped.
    open_images: Vec<bool>,
    /// The image of a course file being read (its alt text).
    image: Option<OpenImage<'a>>,
    /// How many images of course files were shown: the first loads at once, the others lazily.
    images_shown: usize,
    /// The lines of the HTML block being read, with where each is in the source.
    html_block: Option<Vec<(CowStr<'a>, Range<usize>)>>,
    /// The video block being read.
    video: Option<VideoBlock>,
    ids: Ids,
    pub text: String,
    pub headings: Vec<Heading>,
    pub links: Vec<Link>,
    pub raw_html: Vec<RawHtml>,
    pub files: Vec<FileRef>,
    pub problems: Vec<Problem>,
}

/// A link being read.
struct OpenLink<'a> {
    refused: bool,
    /// The index in `files` of the file reference it is, and the file, if found.
    file: Option<(usize, Option<&'a CourseFile>)>,
}

impl<'a> Collect<'a> {
    pub fn new(
        source: &'a str,
        parser: OffsetIter<'a, DefaultBrokenLinkCallback>,
        ctx: Option<FileContext<'a>>,
    ) -> Self {
        Collect {
            source,
            parser,
            ctx,
            heading: Vec::new(),
            heading_starts_at: 0,
            ready: VecDeque::new(),
            inserted: Vec::new(),
            held: Vec::new(),
            figure: None,
            open_links: Vec::new(),
            open_images: Vec::new(),
            image: None,
            images_shown: 0,
            html_block: None,
            video: None,
            ids: Ids::default(),
            text: String::new(),
            headings: Vec::new(),
            links: Vec::new(),
            raw_html: Vec::new(),
            files: Vec::new(),
            problems: Vec::new(),
        }
    }
}

impl<'a> Iterator for Collect<'a> {
    type Item = Event<'a>;

    fn next(&mut self) -> Option<Event<'a>> {
        loop {
            if let Some(event) = self.ready.pop_front() {
                return Some(event);
            }
            let Some((mut event, range)) = self.parser.next() else {
                if self.held.is_empty() {
                    return None;
                }
                self.ready.extend(self.held.drain(..));
                continue;
            };
            let keep = self.note(&mut event, range);
            for made in std::mem::take(&mut self.inserted) {
                self.route(made);
            }
            if keep {
                self.route(event);
            }
        }
    }
}

impl<'a> Collect<'a> {
    /// Hands `event` on: into the open heading, held with its paragraph, or ready.
    fn route(&mut self, event: Event<'a>) {
        match event {
            Event::Start(Tag::Heading { .. }) => {
                self.heading_starts_at = self.text.len();
                self.heading.push(event);
            }
            Event::End(TagEnd::Heading(_)) => {
                self.heading.push(event);
                self.close_heading();
            }
            _ if !self.heading.is_empty() => self.heading.push(event),
            _ => self.hold(event),
        }
    }

    /// Holds a paragraph's start and its first image while the paragraph may be a figure.
    fn hold(&mut self, event: Event<'a>) {
        match (&event, self.held.len()) {
            (Event::Start(Tag::Paragraph), 0) => {
                self.figure = None;
                self.held.push(event);
            }
            (_, 0) => {
                self.figure = None;
                self.ready.push_back(event);
            }
            (Event::InlineHtml(_), 1) if self.figure.is_some() => self.held.push(event),
            (Event::End(TagEnd::Paragraph), 2) if self.figure.is_some() => {
                self.held.clear();
                let figure = self.figure.take().unwrap_or_default();
                self.ready.push_back(Event::Html(figure.into()));
            }
            _ => {
                self.figure = None;
                self.ready.extend(self.held.drain(..));
                self.ready.push_back(event);
            }
        }
    }
}

impl<'a> Collect<'a> {
    /// Notes what `event` shows, and returns whether it is written out.
    fn note(&mut self, event: &mut Event<'a>, range: Range<usize>) -> bool {
        if let Some(block) = self.video.as_mut() {
            match event {
                Event::Text(t) => block.push(t, range),
                Event::End(TagEnd::CodeBlock) => return self.close_video(event),
                _ => {}
            }
            return false;
        }
        if self.image.is_some() {
            self.note_in_image(event);
            return false;
        }
        if let (
            Event::Text(t) | Event::Code(t),
            Some(OpenLink {
                file: Some((i, _)), ..
            }),
        ) = (&*event, self.open_links.last())
        {
            self.files[*i].text.push_str(t);
        }
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) if info.trim() == "video" => {
                self.video = Some(VideoBlock::new(range.start));
                return false;
            }
            Event::Start(Tag::Heading { attrs, .. }) => {
                // `{#id .class}` is kept; any other attribute (`{onclick=…}`) would put script
                // in the page without raw HTML, so it is dropped.
                attrs.clear();
            }
            Event::Text(t) | Event::Code(t) => self.text.push_str(t),
            Event::SoftBreak | Event::HardBreak => self.text.push(' '),
            Event::End(
                TagEnd::Heading(_) | TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell,
            ) => self.text.push('\n'),
            Event::Start(tag @ (Tag::Link { .. } | Tag::Image { .. })) => {
                let image = matches!(tag, Tag::Image { .. });
                if let Some(written) = self.file_ref(tag, &range, image) {
                    return written;
                }
                let refused = match site_link(tag, self.source, &range) {
                    Some((link, refused)) => {
                        self.links.push(link);
                        refused
                    }
                    None => false,
                };
                if image {
                    self.open_images.push(refused);
                } else {
                    self.open_links.push(OpenLink {
                        refused,
                        file: None,
                    });
                }
                return !refused;
            }
            Event::End(TagEnd::Link) => {
                let Some(open) = self.open_links.pop() else {
                    return true;
                };
                if let Some((_, Some(file))) = open.file {
                    let meta = crate::escape::escape_html(&file.meta());
                    let span = format!(" <span class=\"file-meta\">({meta})</span>");
                    self.inserted.push(Event::InlineHtml(span.into()));
                }
                return !open.refused;
            }
            Event::End(TagEnd::Image) => return !self.open_images.pop().unwrap_or(false),
            Event::Start(Tag::HtmlBlock) => self.html_block = Some(Vec::new()),
            Event::Html(t) if self.html_block.is_some() => {
                if let Some(block) = self.html_block.as_mut() {
                    block.push((t.clone(), range));
                }
            }
            Event::End(TagEnd::HtmlBlock) => {
                let block = self.html_block.take().unwrap_or_default();
                self.scan_html(&block);
            }
            Event::Html(t) | Event::InlineHtml(t) => {
                let piece = [(t.clone(), range)];
                self.scan_html(&piece);
            }
            _ => {}
        }
        true
    }

    /// Renders the video block just read in place of its closing `event`, or records its
    /// problems and writes nothing.
    fn close_video(&mut self, event: &mut Event<'a>) -> bool {
        let Some(block) = self.video.take() else {
            return false;
        };
        let language = self.ctx.map_or("en", |c| c.files.language());
        let rendered = block.render(self.source, self.ctx, language);
        self.files.extend(rendered.files);
        match rendered.html {
            Ok(html) => {
                *event = Event::Html(CowStr::from(html));
                true
            }
            Err(problems) => {
                self.problems.extend(problems);
                false
            }
        }
    }

    /// Records the raw HTML findings of `pieces`, the lines of one piece of raw HTML.
    fn scan_html(&mut self, pieces: &[(CowStr<'a>, Range<usize>)]) {
        if pieces.is_empty() {
            return;
        }
        let texts: Vec<(&str, Range<usize>)> = pieces
            .iter()
            .map(|(t, range)| (t.as_ref(), range.clone()))
            .collect();
        self.raw_html.extend(raw_html::scan(&texts, self.source));
    }
}

/// Records a link or image that is not plainly to another website, and gives a site link its
/// `@/` marker form. Returns the link, and whether it is refused (to be written as its text).
/// An image's file is checked as a link's page is: one that is not there is found before the
/// page is published.
fn site_link(tag: &mut Tag, source: &str, range: &Range<usize>) -> Option<(Link, bool)> {
    let (Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) = tag else {
        return None;
    };
    let target = classify(dest_url);
    let refuse = matches!(target, LinkTarget::Refused(_));
    if target == LinkTarget::Elsewhere {
        return None;
    }
    let written = dest_url.to_string();
    let offset = offset_in(source, range, &written);
    *dest_url = CowStr::from(target.rendered(&written));
    Some((Link { written, offset }, refuse))
}

/// Where the destination `written` starts in the source of the link or image at `range`.
fn offset_in(source: &str, range: &Range<usize>, written: &str) -> usize {
    source
        .get(range.clone())
        .and_then(|s| s.find(written))
        .map_or(range.start, |i| range.start + i)
}
