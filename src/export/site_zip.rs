//! `unitpress build --zip FILE`: the built site as one zip file, to hand out on a USB stick or
//! put in SharePoint, Teams or Google Classroom. Unzipped anywhere, its index.html opens from
//! disk, because every link of the site is relative and names its file.

use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use walkdir::WalkDir;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

use crate::diagnostic::Diagnostic;

/// What went into a zip file.
#[derive(Debug, PartialEq, Eq)]
pub struct ZipReport {
    /// Files in the zip (folders not counted).
    pub files: usize,
    /// The size of the zip file in bytes.
    pub bytes: u64,
}

/// Writes every file under `site` into the zip file `zip`, index.html at the top level, so that
/// "Extract all" on Windows (which makes a folder named after the zip) gives a folder with
/// index.html in it. The zip is written beside its final name and renamed into place, so a
/// failure never leaves half a zip where the old one was.
pub fn zip_site(site: &Path, zip: &Path) -> Result<ZipReport, Diagnostic> {
    refuse_inside(zip, site)?;
    let partial = partial_name(zip);
    let written = write_zip(site, &partial).and_then(|files| {
        fs::rename(&partial, zip)?;
        Ok(ZipReport {
            files,
            bytes: fs::metadata(zip)?.len(),
        })
    });
    written.map_err(|e| {
        let _ = fs::remove_file(&partial);
        Diagnostic::error(format!("cannot write the zip file: {e}"))
            .in_file(zip)
            .help("check that its folder exists and that you may write there")
    })
}

/// Refuses a zip file that would be written inside the site folder: the next build would
/// delete it, and it would end up holding part of itself.
pub fn refuse_inside(zip: &Path, site: &Path) -> Result<(), Diagnostic> {
    if inside(zip, site) {
        return Err(
            Diagnostic::error("the zip file would be inside the site's output folder")
                .in_file(zip)
                .help("write it outside the output folder, e.g. --zip course.zip"),
        );
    }
    Ok(())
}

fn write_zip(site: &Path, to: &Path) -> io::Result<usize> {
    let mut zip = ZipWriter::new(BufWriter::new(File::create(to)?));
    let file_options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .unix_permissions(0o644);
    let folder_options = SimpleFileOptions::default().unix_permissions(0o755);
    let mut files = 0;
    // Sorted, so that the same site always makes the same zip.
    for entry in WalkDir::new(site).min_depth(1).sort_by_file_name() {
        let entry = entry.map_err(io::Error::other)?;
        let name = entry_name(entry.path().strip_prefix(site).map_err(io::Error::other)?);
        if entry.file_type().is_dir() {
            zip.add_directory(name, folder_options)?;
        } else {
            zip.start_file(name, file_options)?;
            io::copy(&mut File::open(entry.path())?, &mut zip)?;
            files += 1;
        }
    }
    zip.finish()?.flush()?;
    Ok(files)
}

/// A path inside the site as a zip names it: parts joined by `/` on every system.
fn entry_name(relative: &Path) -> String {
    relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// `course.zip` → `.course.zip.partial-<pid>`, in the same folder so the rename stays on one disk.
fn partial_name(zip: &Path) -> PathBuf {
    let name = zip
        .file_name()
        .map_or("site.zip".into(), |n| n.to_string_lossy());
    zip.with_file_name(format!(".{name}.partial-{}", std::process::id()))
}

/// Whether `file` would be written inside the folder `dir`.
fn inside(file: &Path, dir: &Path) -> bool {
    let absolute = |p: &Path| std::path::absolute(p).ok();
    let parent = file.parent().filter(|p| !p.as_os_str().is_empty());
    let folder = parent.map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    match (absolute(&folder), absolute(dir)) {
        (Some(folder), Some(dir)) => {
            let real = |p: PathBuf| p.canonicalize().unwrap_or(p);
            real(folder).starts_with(real(dir))
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn zips_every_file_with_forward_slashes_and_index_at_the_top() {
        let tmp = tempfile::tempdir().unwrap();
        let site = tmp.path().join("public");
        fs::create_dir_all(site.join("units/u1")).unwrap();
        fs::write(site.join("index.html"), "<p>home</p>").unwrap();
        fs::write(site.join("units/u1/index.html"), "<p>unit</p>").unwrap();
        let zip_path = tmp.path().join("course.zip");

        let report = zip_site(&site, &zip_path).unwrap();
        assert_eq!(report.files, 2);
        assert_eq!(report.bytes, fs::metadata(&zip_path).unwrap().len());
        let mut archive = zip::ZipArchive::new(File::open(&zip_path).unwrap()).unwrap();
        let names: Vec<String> = archive.file_names().map(String::from).collect();
        assert_eq!(
            names,
            ["index.html", "units/", "units/u1/", "units/u1/index.html"]
        );
        let mut text = String::new();
        archive
            .by_name("units/u1/index.html")
            .unwrap()
            .read_to_string(&mut text)
            .unwrap();
        assert_eq!(text, "<p>unit</p>");
        // Nothing is left beside the zip.
        assert_eq!(fs::read_dir(tmp.path()).unwrap().count(), 2);
    }

    #[test]
    fn refuses_a_zip_inside_the_site_and_an_unwritable_place() {
        let tmp = tempfile::tempdir().unwrap();
        let site = tmp.path().join("public");
        fs::create_dir_all(&site).unwrap();
        fs::write(site.join("index.html"), "x").unwrap();
        let e = zip_site(&site, &site.join("site.zip")).unwrap_err();
        assert!(e.message.contains("inside the site's output folder"), "{e}");
        assert!(!site.join("site.zip").exists());
        let e = zip_site(&site, &tmp.path().join("no/such/folder/site.zip")).unwrap_err();
        assert!(e.message.contains("cannot write the zip file"), "{e}");
    }
}
