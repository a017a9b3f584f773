//! The parser's events on their way to the HTML writer. As they pass, the plain text, the
//! headings, the links and the raw HTML are noted, each heading is given its id, a refused
//! link or image loses its tags, and a `video` block becomes its player (or its problems).
//!
//! The events stream: only a heading's events wait, until its text gives it an id, and the lines
//! of an HTML block, until the block ends. Holding every event of a long page at once took many
//! times the page's size in memory, and finding where each refused link ends took time growing
//! with the page's length times its number of such links.

use std::collections::{HashMap, HashSet, VecDeque};
use std::ops::Range;

use pulldown_cmark::{
    CodeBlockKind, CowStr, DefaultBrokenLinkCallback, Event, OffsetIter, Tag, TagEnd,
};

use super::{classify, raw_html, video, Context, Heading, Link, LinkTarget, Problem, RawHtml};

/// The events of one body, passed on one by one, with what was noted of them.
pub struct Collect<'a> {
    source: &'a str,
    parser: OffsetIter<'a, DefaultBrokenLinkCallback>,
    /// The events of the heading being read, from its start; empty outside a heading.
    heading: Vec<Event<'a>>,
    /// Where the open heading starts in `text`.
    heading_starts_at: usize,
    /// Events to hand on before reading more: a heading's, once its id is set.
    ready: VecDeque<Event<'a>>,
    /// For each link, then each image, still open: whether its tags are dropped.
    open_links: Vec<bool>,
    open_images: Vec<bool>,
    /// The lines of the HTML block being read, with where each is in the source.
    html_block: Option<Vec<(CowStr<'a>, Range<usize>)>>,
    /// The video block being read.
    video: Option<VideoBlock>,
    context: &'a Context<'a>,
    ids: Ids,
    pub text: String,
    pub headings: Vec<Heading>,
    pub links: Vec<Link>,
    pub raw_html: Vec<RawHtml>,
    pub problems: Vec<Problem>,
}

/// A `video` block as it is read: its text, and where each piece of it is in the source.
struct VideoBlock {
    /// Where the block (its opening fence) starts in the source.
    start: usize,
    text: String,
    /// Each piece's start in `text`, and its bytes in the source.
    pieces: Vec<(usize, Range<usize>)>,
}

impl VideoBlock {
    /// The bytes in the source of `range`, bytes of the block's text; an empty range at 0, the
    /// block as a whole, is its opening fence. A piece whose text differs from its source (a
    /// block indented in a list) is pointed at by its start.
    fn in_source(&self, source: &str, range: &Range<usize>) -> Range<usize> {
        if range.is_empty() && range.start == 0 {
            let fence = source.get(self.start..).unwrap_or("");
            let end = fence.find('\n').unwrap_or(fence.len());
            return self.start..self.start + end;
        }
        let at = |offset: usize| {
            let i = self
                .pieces
                .partition_point(|(s, _)| *s <= offset)
                .saturating_sub(1);
            match self.pieces.get(i) {
                Some((start, r))
                    if self.text.get(*start..*start + r.len()) == source.get(r.clone()) =>
                {
                    (r.start + (offset - start)).min(r.end)
                }
                Some((_, r)) => r.start,
                None => self.start,
            }
        };
        let start = at(range.start);
        start..at(range.end).max(start)
    }
}

impl<'a> Collect<'a> {
    pub fn new(
        source: &'a str,
        parser: OffsetIter<'a, DefaultBrokenLinkCallback>,
        context: &'a Context<'a>,
    ) -> Self {
        Collect {
            source,
            parser,
            heading: Vec::new(),
            heading_starts_at: 0,
            ready: VecDeque::new(),
            open_links: Vec::new(),
            open_images: Vec::new(),
            html_block: None,
            video: None,
            context,
            ids: Ids::default(),
            text: String::new(),
            headings: Vec::new(),
            links: Vec::new(),
            raw_html: Vec::new(),
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
            let (mut event, range) = self.parser.next()?;
            if !self.note(&mut event, range) {
                continue;
            }
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
                _ => return Some(event),
            }
        }
    }
}

impl<'a> Collect<'a> {
    /// Notes what `event` shows, and returns whether it is written out.
    fn note(&mut self, event: &mut Event<'a>, range: Range<usize>) -> bool {
        if let Some(block) = self.video.as_mut() {
            match event {
                Event::Text(t) => {
                    block.pieces.push((block.text.len(), range));
                    block.text.push_str(t);
                    return false;
                }
                Event::End(TagEnd::CodeBlock) => return self.close_video(event),
                _ => return false,
            }
        }
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) if info.trim() == "video" => {
                self.video = Some(VideoBlock {
                    start: range.start,
                    text: String::new(),
                    pieces: Vec::new(),
                });
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
                let refused = match site_link(tag, self.source, &range) {
                    Some((link, refused)) => {
                        self.links.push(link);
                        refused
                    }
                    None => false,
                };
                let open = if image {
                    &mut self.open_images
                } else {
                    &mut self.open_links
                };
                open.push(refused);
                return !refused;
            }
            Event::End(TagEnd::Link) => return !self.open_links.pop().unwrap_or(false),
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
    /// problems and writes nothing for it. Returns whether anything is written.
    fn close_video(&mut self, event: &mut Event<'a>) -> bool {
        let Some(block) = self.video.take() else {
            return false;
        };
        match video::render_video(&block.text, self.context) {
            Ok(html) => {
                *event = Event::Html(CowStr::from(html));
                true
            }
            Err(problems) => {
                self.problems.extend(problems.into_iter().map(|p| Problem {
                    range: block.in_source(self.source, &p.range),
                    message: p.message,
                    help: p.help,
                }));
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

    /// Gives the heading just read its id, records it, and hands its events on.
    fn close_heading(&mut self) {
        let text: String = self
            .heading
            .iter()
            .filter_map(|e| match e {
                Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
                _ => None,
            })
            .collect();
        if let Some(Event::Start(Tag::Heading { level, id, .. })) = self.heading.first_mut() {
            // An id the author gave (`## Title {#id}`) wins over the generated one.
            let id = match id {
                Some(given) => given.to_string(),
                None => {
                    let made = self.ids.make(&text);
                    *id = Some(CowStr::from(made.clone()));
                    made
                }
            };
            self.ids.taken.insert(id.clone());
            self.headings.push(Heading {
                level: *level as u8,
                text,
                id,
                starts_at: self.heading_starts_at,
            });
        }
        self.ready.extend(self.heading.drain(..));
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
    let offset = source
        .get(range.clone())
        .and_then(|s| s.find(written.as_str()))
        .map_or(range.start, |i| range.start + i);
    *dest_url = CowStr::from(target.rendered(&written));
    Some((Link { written, offset }, refuse))
}

/// The heading ids given so far in one body, to keep each new one unique.
#[derive(Default)]
struct Ids {
    taken: HashSet<String>,
    /// For each id made from a heading's words, the number to try next when they repeat: a page
    /// of many equal headings would otherwise try every number below each one's.
    next: HashMap<String, usize>,
}

impl Ids {
    /// An id for a heading: its words in lower case joined by dashes, numbered when repeated.
    fn make(&mut self, heading: &str) -> String {
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
        let n = self.next.entry(base.clone()).or_insert(1);
        let mut id = base.clone();
        while self.taken.contains(&id) {
            *n += 1;
            id = format!("{base}-{n}");
        }
        id
    }
}
