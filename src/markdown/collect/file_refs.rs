//! Links and images that name a course file: each is recorded, a found file's link gets its
//! site address (and, at its end, the file's type and size), and an image's alt text is read
//! to the end before its `<img>` (or `<figure>`) takes its place.

use std::ops::Range;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::{offset_in, Collect, OpenLink};
use crate::course_files::CourseFile;
use crate::markdown::figure::ImageHtml;
use crate::markdown::files::{self, FileRef, FileTarget};

/// An image of a course file being read.
pub(super) struct OpenImage<'a> {
    file: Option<&'a CourseFile>,
    title: String,
    alt: String,
    /// Images nested in its alt text, still open.
    depth: usize,
    /// Its index in `files`.
    index: usize,
}

impl<'a> Collect<'a> {
    /// Reads an event of the alt text of an image of a course file, closing the image at its
    /// end.
    pub(super) fn note_in_image(&mut self, event: &Event<'a>) {
        let Some(open) = self.image.as_mut() else {
            return;
        };
        match event {
            Event::Start(Tag::Image { .. }) => open.depth += 1,
            Event::End(TagEnd::Image) if open.depth > 0 => open.depth -= 1,
            Event::End(TagEnd::Image) => self.close_image(),
            Event::Text(t) | Event::Code(t) => {
                open.alt.push_str(t);
                self.text.push_str(t);
            }
            Event::SoftBreak | Event::HardBreak => open.alt.push(' '),
            _ => {}
        }
    }

    /// Records a link or image that names a course file (or a file that is not there), and
    /// gives a found file its site address. Returns whether the event is written out, or
    /// `None` when the destination names no file.
    pub(super) fn file_ref(
        &mut self,
        tag: &mut Tag<'a>,
        range: &Range<usize>,
        image: bool,
    ) -> Option<bool> {
        let ctx = self.ctx?;
        let (Tag::Link {
            dest_url, title, ..
        }
        | Tag::Image {
            dest_url, title, ..
        }) = tag
        else {
            return None;
        };
        let (target, fragment) = files::resolve(&ctx, dest_url, image)?;
        let file = match &target {
            FileTarget::Found(path) => ctx.files.get(path),
            _ => None,
        };
        let written = dest_url.to_string();
        self.files.push(FileRef {
            offset: offset_in(self.source, range, &written),
            written,
            text: String::new(),
            image,
            target,
        });
        let index = self.files.len() - 1;
        if image {
            self.image = Some(OpenImage {
                file,
                title: title.to_string(),
                alt: String::new(),
                depth: 0,
                index,
            });
            return Some(false);
        }
        if let Some(file) = file {
            let fragment = fragment.map(|f| format!("#{f}")).unwrap_or_default();
            *dest_url = CowStr::from(format!("@/{}{fragment}", file.site_path()));
        }
        self.open_links.push(OpenLink {
            refused: false,
            file: Some((index, file)),
        });
        Some(true)
    }

    /// Ends the image of a course file: its markup goes out in its place (nothing, for a file
    /// that is not there: the build stops on it).
    fn close_image(&mut self) {
        let Some(open) = self.image.take() else {
            return;
        };
        self.files[open.index].text = open.alt.clone();
        let Some(file) = open.file else {
            return;
        };
        let smaller = file.smaller_widths();
        let html = ImageHtml {
            file,
            alt: &open.alt,
            first: self.images_shown == 0,
            smaller: &smaller,
        };
        self.images_shown += 1;
        if !open.title.is_empty() {
            self.figure = Some(html.figure(&open.title));
        }
        self.inserted.push(Event::InlineHtml(html.img().into()));
    }
}
