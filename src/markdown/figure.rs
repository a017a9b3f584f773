//! The markup of an image that is a course file: its width and height from the file, so that
//! the page does not jump as it loads; lazy loading for all but a text's first image; the
//! smaller copies of a large photo for small screens; and a caption from the image's title.

use crate::course_files::LARGEST;
use crate::course_files::{CourseFile, FileKind};
use crate::escape::escape_html;

/// How wide the theme shows an image at most (its text measure, 46rem), for `sizes`.
const SIZES: &str = "(min-width: 48rem) 46rem, 100vw";

/// How one image is shown.
pub struct ImageHtml<'a> {
    pub file: &'a CourseFile,
    /// The alt text as written; [`super::files::DECORATIVE`] gives `alt=""`.
    pub alt: &'a str,
    /// Whether it is the first image of its text, loaded at once (it may be in view).
    pub first: bool,
    /// The widths of the smaller copies made of it, narrowest first.
    pub smaller: &'a [u32],
}

impl ImageHtml<'_> {
    /// The `<img>` element, its address kept as a site link (`@/…`) for each page to resolve.
    pub fn img(&self) -> String {
        let f = self.file;
        let alt = if self
            .alt
            .trim()
            .eq_ignore_ascii_case(super::files::DECORATIVE)
        {
            ""
        } else {
            self.alt
        };
        let mut src = f.site_path();
        let mut out = String::from("<img");
        let mut size = f.dimensions;
        if f.kind == FileKind::Raster && !self.smaller.is_empty() {
            let copy = |w: u32| format!("@/{} {w}w", f.at().smaller(w).path());
            let mut candidates: Vec<String> = self.smaller.iter().map(|&w| copy(w)).collect();
            match size {
                Some((w, h)) if w > LARGEST => {
                    // The original is larger than any screen needs: the widest copy stands in.
                    let widest = *self.smaller.last().unwrap_or(&LARGEST);
                    src = f.at().smaller(widest).path();
                    size = Some((widest, scaled(h, widest, w)));
                }
                Some((w, _)) => candidates.push(format!("@/{src} {w}w")),
                None => {}
            }
            out.push_str(&format!(
                " srcset=\"{}\" sizes=\"{SIZES}\"",
                candidates.join(", ")
            ));
        }
        out.push_str(&format!(" src=\"@/{src}\" alt=\"{}\"", escape_html(alt)));
        if let Some((w, h)) = size {
            out.push_str(&format!(" width=\"{w}\" height=\"{h}\""));
        }
        if !self.first {
            out.push_str(" loading=\"lazy\"");
        }
        out.push_str(" decoding=\"async\">");
        out
    }

    /// The image as a figure with `caption` under it.
    pub fn figure(&self, caption: &str) -> String {
        format!(
            "<figure>{}<figcaption>{}</figcaption></figure>\n",
            self.img(),
            escape_html(caption)
        )
    }
}

/// `h` scaled as `w` becomes `to`, rounded.
fn scaled(h: u32, to: u32, w: u32) -> u32 {
    ((u64::from(h) * u64::from(to) + u64::from(w) / 2) / u64::from(w.max(1))) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    fn photo(width: u32, height: u32) -> CourseFile {
        CourseFile {
            unit: Some("u".into()),
            name: "shop.jpg".into(),
            path: "x".into(),
            version: "0123456789".into(),
            bytes: 10,
            kind: FileKind::Raster,
            dimensions: Some((width, height)),
            stamp: None,
        }
    }

    #[test]
    fn an_image_has_its_size_alt_and_lazy_loading() {
        let f = photo(400, 300);
        let img = ImageHtml {
            file: &f,
            alt: "A \"good\" shop front",
            first: false,
            smaller: &[],
        };
        assert_eq!(
            img.img(),
            "<img src=\"@/units/u/files/0123456789/shop.jpg\" alt=\"A &quot;good&quot; shop \
             front\" width=\"400\" height=\"300\" loading=\"lazy\" decoding=\"async\">"
        );
        let decorative = ImageHtml {
            alt: "Decorative",
            first: true,
            ..img
        };
        assert!(decorative.img().contains("alt=\"\""));
        assert!(!decorative.img().contains("loading"));
        assert!(decorative
            .figure("Caption <b>")
            .ends_with("<figcaption>Caption &lt;b&gt;</figcaption></figure>\n"));
    }

    #[test]
    fn a_large_photo_offers_its_smaller_copies() {
        let f = photo(1200, 900);
        let img = ImageHtml {
            file: &f,
            alt: "x",
            first: true,
            smaller: &[480, 960],
        };
        let html = img.img();
        assert!(
            html.contains(
                "srcset=\"@/units/u/files/0123456789/shop-480w.jpg 480w, \
             @/units/u/files/0123456789/shop-960w.jpg 960w, \
             @/units/u/files/0123456789/shop.jpg 1200w\""
            ),
            "{html}"
        );
        let huge = photo(4000, 3000);
        let html = ImageHtml {
            file: &huge,
            smaller: &[480, 960, 1600],
            ..img
        }
        .img();
        assert!(
            html.contains("src=\"@/units/u/files/0123456789/shop-1600w.jpg\""),
            "{html}"
        );
        assert!(html.contains("width=\"1600\" height=\"1200\""), "{html}");
        assert!(!html.contains("shop.jpg 4000w"), "{html}");
    }
}
