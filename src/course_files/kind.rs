//! The kinds of file a course publishes, by extension, and what a link to each calls it.

/// What a course file is, as the site treats it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FileKind {
    /// A PNG, JPEG, GIF or WebP picture, shown with its width and height.
    Raster,
    /// A vector drawing, shown as it is.
    Svg,
    /// A file to download: PDF, office documents, zip, CSV, plain text.
    Document,
    /// An MP4 or WebM video.
    Video,
    /// WebVTT captions for a video.
    Captions,
}

/// What files a course may publish, for the message on one it may not.
pub const KNOWN: &str = "a files/ folder holds images (png, jpg, gif, webp, svg), documents \
                         (pdf, docx, doc, pptx, ppt, xlsx, xls, odt, ods, odp, zip, csv, txt), \
                         video (mp4, webm) and captions (vtt); save it as one of these (a \
                         web page or a program cannot be published safely: put it on a \
                         website and link to its https:// address)";

/// Every extension, its kind, and what a link calls a file of it.
const EXTENSIONS: &[(&str, FileKind, &str)] = &[
    ("png", FileKind::Raster, "PNG image"),
    ("jpg", FileKind::Raster, "JPEG image"),
    ("jpeg", FileKind::Raster, "JPEG image"),
    ("gif", FileKind::Raster, "GIF image"),
    ("webp", FileKind::Raster, "WebP image"),
    ("svg", FileKind::Svg, "SVG image"),
    ("pdf", FileKind::Document, "PDF"),
    ("doc", FileKind::Document, "Word document"),
    ("docx", FileKind::Document, "Word document"),
    ("ppt", FileKind::Document, "PowerPoint presentation"),
    ("pptx", FileKind::Document, "PowerPoint presentation"),
    ("xls", FileKind::Document, "Excel spreadsheet"),
    ("xlsx", FileKind::Document, "Excel spreadsheet"),
    ("odt", FileKind::Document, "OpenDocument text"),
    ("ods", FileKind::Document, "OpenDocument spreadsheet"),
    ("odp", FileKind::Document, "OpenDocument presentation"),
    ("zip", FileKind::Document, "ZIP archive"),
    ("csv", FileKind::Document, "CSV spreadsheet"),
    ("txt", FileKind::Document, "Plain text"),
    ("mp4", FileKind::Video, "MP4 video"),
    ("webm", FileKind::Video, "WebM video"),
    ("vtt", FileKind::Captions, "WebVTT captions"),
];

impl FileKind {
    /// The kind of the file `name`, by its extension; `None` for one the site does not publish.
    pub fn of(name: &str) -> Option<FileKind> {
        entry(name).map(|(_, kind, _)| *kind)
    }

    /// What a link to the file `name` of this kind calls it: "PDF", "Word document".
    pub fn label(self, name: &str) -> &'static str {
        entry(name).map_or("file", |(_, _, label)| label)
    }

    /// Whether the file is shown as a picture.
    pub fn is_image(self) -> bool {
        matches!(self, FileKind::Raster | FileKind::Svg)
    }
}

fn entry(name: &str) -> Option<&'static (&'static str, FileKind, &'static str)> {
    let ext = name.rsplit_once('.')?.1;
    EXTENSIONS.iter().find(|(e, _, _)| *e == ext)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_and_labels_come_from_the_extension() {
        assert_eq!(FileKind::of("a/chain.svg"), Some(FileKind::Svg));
        assert_eq!(FileKind::of("w.docx"), Some(FileKind::Document));
        assert_eq!(FileKind::Document.label("w.docx"), "Word document");
        assert_eq!(FileKind::of("page.html"), None);
        assert_eq!(FileKind::of("noextension"), None);
    }
}
