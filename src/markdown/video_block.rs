//! A `video` block met while the events stream by ([`super::collect`]): its text is gathered
//! piece by piece, then rendered by [`super::render_video`] with the course files of the text
//! that holds it, so that `../files/clip.mp4` is found as an image's path is.

use std::cell::RefCell;
use std::ops::Range;

use super::files::{self, FileContext, FileRef, FileTarget};
use super::{video, Context, FileLookup, Problem};

/// A `video` block as it is read: its text, and where each piece of it is in the source.
pub(super) struct VideoBlock {
    /// Where the block (its opening fence) starts in the source.
    start: usize,
    text: String,
    /// Each piece's start in `text`, and its bytes in the source.
    pieces: Vec<(usize, Range<usize>)>,
}

/// What a video block became: its HTML or its problems, and the course files it uses.
pub(super) struct Rendered {
    pub html: Result<String, Vec<Problem>>,
    pub files: Vec<FileRef>,
}

impl VideoBlock {
    /// A block whose opening fence starts at `start` in the source.
    pub fn new(start: usize) -> Self {
        VideoBlock {
            start,
            text: String::new(),
            pieces: Vec::new(),
        }
    }

    /// Adds a piece of the block's text, found at `range` in the source.
    pub fn push(&mut self, text: &str, range: Range<usize>) {
        self.pieces.push((self.text.len(), range));
        self.text.push_str(text);
    }

    /// Renders the block, its files resolved against `ctx` (or, for a text that names no
    /// course file, written from the site root only), in the site's `language`.
    pub fn render(&self, source: &str, ctx: Option<FileContext>, language: &str) -> Rendered {
        let used: RefCell<Vec<(String, String)>> = RefCell::new(Vec::new());
        let resolve = |written: &str| -> Result<String, String> {
            let Some(ctx) = ctx else {
                return video::site_address(written);
            };
            match files::resolve(&ctx, written, false) {
                None => video::site_address(written),
                Some((FileTarget::Found(path), _)) => {
                    let address = ctx.files.get(&path).map(|f| f.site_path());
                    used.borrow_mut().push((written.to_string(), path));
                    address
                        .map(|a| format!("@/{a}"))
                        .ok_or_else(|| format!("`{written}` is not a file of the course"))
                }
                Some((FileTarget::Missing { path, instead }, _)) => Err(match instead {
                    Some(i) => format!("there is no file `{path}`: did you mean `{i}`?"),
                    None => format!("there is no file `{path}` in the content folder"),
                }),
                Some((FileTarget::Outside, _)) => Err(format!(
                    "`{written}` leads out of the content folder, which is all the site may use"
                )),
            }
        };
        // The captions' text, put in the page so that they work from disk too.
        let read = |written: &str| -> Result<String, String> {
            let ctx = ctx.ok_or_else(|| "the captions are not a file of the course".to_string())?;
            match files::resolve(&ctx, written, false) {
                Some((FileTarget::Found(path), _)) => {
                    let file = ctx
                        .files
                        .get(&path)
                        .ok_or_else(|| format!("`{written}` is not a file of the course"))?;
                    std::fs::read_to_string(&file.path)
                        .map_err(|e| format!("cannot read `{written}`: {e}"))
                }
                _ => Err(format!("`{written}` is not a file of the course")),
            }
        };
        let context = Context {
            language,
            resolve: &resolve,
            read: ctx.is_some().then_some(&read as FileLookup),
        };
        let html = video::render_video(&self.text, &context).map_err(|problems| {
            problems
                .into_iter()
                .map(|p| Problem {
                    range: self.in_source(source, &p.range),
                    message: p.message,
                    help: p.help,
                })
                .collect()
        });
        let files = used
            .into_inner()
            .into_iter()
            .map(|(written, path)| {
                let offset = self.text.find(&written).unwrap_or(0);
                FileRef {
                    offset: self.in_source(source, &(offset..offset)).start,
                    written,
                    text: String::new(),
                    image: false,
                    target: FileTarget::Found(path),
                }
            })
            .collect();
        Rendered { html, files }
    }

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
