//! Smaller copies made once: a copy's address holds its source's content hash (the `<version>`
//! folder), so a file at the same address in the previous site (the output folder a build
//! replaces, or serve's own site folder) was made from the same bytes, at the same width.

use std::path::PathBuf;

use crate::write::PreviousSite;

/// Where the smaller copies of a build come from: the previous site when it holds them, else
/// the decoder and encoder.
#[derive(Debug, Default)]
pub struct ImageCache {
    previous: Option<PreviousSite>,
}

/// One smaller copy of an image.
#[derive(Debug, PartialEq, Eq)]
pub enum SmallerCopy {
    /// The previous site holds it, at this path: place it with [`crate::sink::OnDisk::Previous`].
    Previous(PathBuf),
    /// Made now: write these bytes to the copy's address.
    Made(Vec<u8>),
}

impl ImageCache {
    /// A cache over the previous site `previous` (see [`PreviousSite::open`]: only a site
    /// unitpress built); `None` gives a cache that makes every copy.
    pub fn new(previous: Option<PreviousSite>) -> Self {
        ImageCache { previous }
    }

    /// The previous site's file at `address` (from the site root), if it has one: an image's
    /// own published copy, whose address holds its content hash too, can be placed from there.
    pub fn previous(&self, address: &str) -> Option<PathBuf> {
        self.previous.as_ref()?.file(address)
    }

    /// Whether the previous site's folder `folder` holds exactly the files `names` (paths from
    /// the site root) and nothing else, so that it can be kept whole.
    pub fn holds_exactly(&self, folder: &str, names: &[&str]) -> bool {
        let inside: Option<Vec<&str>> = names.iter().map(|n| n.strip_prefix(folder)).collect();
        match (&self.previous, inside) {
            (Some(previous), Some(inside)) => previous.holds_exactly(folder, &inside),
            _ => false,
        }
    }

    /// The smaller copies of one image, one for each `(address, width)` of `wanted`, in order:
    /// those the previous site holds, and the others made from the bytes `source` reads. It is
    /// called at most once, and only when a copy is missing, so a warm rebuild reads no image.
    /// When reading the previous site fails the copy is made, as if it were not there.
    pub fn copies(
        &self,
        wanted: &[(String, u32)],
        source: impl FnOnce() -> Result<Vec<u8>, String>,
    ) -> Result<Vec<SmallerCopy>, String> {
        let found: Vec<Option<PathBuf>> = wanted.iter().map(|(a, _)| self.previous(a)).collect();
        let missing: Vec<u32> = wanted
            .iter()
            .zip(&found)
            .filter(|(_, found)| found.is_none())
            .map(|((_, width), _)| *width)
            .collect();
        let mut made = if missing.is_empty() {
            Vec::new()
        } else {
            super::smaller_copies(&source()?, &missing)?
        }
        .into_iter();
        Ok(found
            .into_iter()
            .map(|found| match found {
                Some(path) => SmallerCopy::Previous(path),
                None => SmallerCopy::Made(made.next().unwrap_or_default()),
            })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::write::MARKER;
    use std::cell::Cell;
    use std::fs;

    fn photo() -> Vec<u8> {
        super::super::tests::jpeg(1200, 800)
    }

    fn wanted() -> Vec<(String, u32)> {
        vec![
            ("units/u/files/0123456789/p-480w.jpg".into(), 480),
            ("units/u/files/0123456789/p-960w.jpg".into(), 960),
        ]
    }

    /// A previous site holding the 480 copy, marked as a unitpress site or not.
    fn previous_site(marked: bool) -> tempfile::TempDir {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("units/u/files/0123456789");
        fs::create_dir_all(&dir).unwrap();
        fs::write(dir.join("p-480w.jpg"), b"the copy made last time").unwrap();
        if marked {
            fs::write(tmp.path().join(MARKER), "x").unwrap();
        }
        tmp
    }

    #[test]
    fn a_copy_in_the_previous_site_is_reused_and_only_the_missing_one_made() {
        let site = previous_site(true);
        let reads = Cell::new(0);
        let copies = ImageCache::new(PreviousSite::open(site.path()))
            .copies(&wanted(), || {
                reads.set(reads.get() + 1);
                Ok(photo())
            })
            .unwrap();
        assert_eq!(
            copies[0],
            SmallerCopy::Previous(
                fs::canonicalize(site.path())
                    .unwrap()
                    .join("units/u/files/0123456789/p-480w.jpg")
            )
        );
        let SmallerCopy::Made(bytes) = &copies[1] else {
            panic!("the 960 copy should be made: {copies:?}")
        };
        assert_eq!(image::load_from_memory(bytes).unwrap().width(), 960);
        assert_eq!(reads.get(), 1);
    }

    #[test]
    fn when_every_copy_is_there_the_image_is_not_read() {
        let site = previous_site(true);
        let cache = ImageCache::new(PreviousSite::open(site.path()));
        let only = &wanted()[..1];
        let copies = cache
            .copies(only, || panic!("the source must not be read"))
            .unwrap();
        assert!(matches!(copies[0], SmallerCopy::Previous(_)));
    }

    #[test]
    fn a_folder_without_the_marker_is_not_read() {
        let site = previous_site(false);
        let copies = ImageCache::new(PreviousSite::open(site.path()))
            .copies(&wanted()[..1], || Ok(photo()))
            .unwrap();
        assert!(matches!(copies[0], SmallerCopy::Made(_)), "{copies:?}");
    }

    #[test]
    fn without_a_previous_site_everything_is_made_and_errors_are_passed_on() {
        let cache = ImageCache::new(None);
        assert_eq!(cache.previous("units/u/files/0123456789/p-480w.jpg"), None);
        let copies = cache.copies(&wanted(), || Ok(photo())).unwrap();
        assert!(copies.iter().all(|c| matches!(c, SmallerCopy::Made(_))));
        let err = cache
            .copies(&wanted(), || Err("cannot read photo.jpg".into()))
            .unwrap_err();
        assert_eq!(err, "cannot read photo.jpg");
    }
}
