//! Links and images that name a course file, resolved against the Markdown file that holds
//! them: ordinary relative paths (`../files/chain.svg`, as editors' previews show them) or `@/`
//! and the path from the content root (`@/units/u/files/chain.svg`, `@/files/logo.png`).

use std::borrow::Cow;

use crate::course_files::{CourseFile, CourseFiles};
use crate::scheme::{is_scheme_relative, scheme_of};

/// What the links and images of one Markdown text are resolved against: the path in the
/// content folder of the file that holds the text, and the course's files.
#[derive(Debug, Clone, Copy)]
pub struct FileContext<'a> {
    /// The Markdown (or TOML) file's path in the content folder, e.g.
    /// `units/u/knowledge/x.md`.
    pub at: &'a str,
    pub files: &'a CourseFiles,
}

/// A link or image of a Markdown text that names a course file, as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileRef {
    /// The destination as the teacher wrote it.
    pub written: String,
    /// Where the destination starts in the Markdown source, in bytes.
    pub offset: usize,
    /// The link's text, or the image's alt text, as written.
    pub text: String,
    /// Whether it is an image (`![…](…)`), shown in the page, rather than a link.
    pub image: bool,
    pub target: FileTarget,
}

/// What a file reference leads to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileTarget {
    /// The course file with this path in the content folder.
    Found(String),
    /// No course file has the path `path` (in the content folder); `instead` is the one the
    /// teacher probably meant, written as this text would link to it.
    Missing {
        path: String,
        instead: Option<String>,
    },
    /// A path that climbs out of the content folder.
    Outside,
}

/// The alt text that marks an image as decorative: it is given `alt=""`.
pub const DECORATIVE: &str = "decorative";

impl FileRef {
    /// Whether it is an image whose alt text is missing (not marked decorative).
    pub fn lacks_alt(&self) -> bool {
        self.image && self.text.trim().is_empty()
    }
}

/// What `dest` names, if it names a course file (or a file that should be one): its target and
/// its `#fragment`. `image` tells an image, whose every relative destination is a file, from a
/// link, whose relative destination is a file only when it has a file extension (others are
/// page links, which the link check judges).
pub fn resolve(ctx: &FileContext, dest: &str, image: bool) -> Option<(FileTarget, Option<String>)> {
    if scheme_of(dest).is_some() || is_scheme_relative(dest) || dest.starts_with(['#', '/']) {
        return None;
    }
    let (dest, fragment) = match dest.split_once('#') {
        Some((d, f)) => (d, Some(f.to_string())),
        None => (dest, None),
    };
    let decoded: Cow<str> = percent_encoding::percent_decode_str(dest).decode_utf8_lossy();
    let path = match decoded.strip_prefix("@/") {
        Some(from_root) => normal(from_root.split('/'))?,
        None => {
            let folder = ctx.at.rsplit_once('/').map_or("", |(f, _)| f);
            let Some(path) = normal(folder.split('/').chain(decoded.split('/'))) else {
                return Some((FileTarget::Outside, fragment));
            };
            path
        }
    };
    let from_root = decoded.starts_with("@/");
    if from_root && !in_files_folder(&path) {
        return None;
    }
    if !from_root && !image && !in_files_folder(&path) && !has_file_extension(&path) {
        return None;
    }
    if ctx.files.get(&path).is_some() {
        return Some((FileTarget::Found(path), fragment));
    }
    let instead = closest(ctx, &path).map(|f| written_as(ctx, &f.content_path(), from_root));
    Some((FileTarget::Missing { path, instead }, fragment))
}

/// The path in `segments` with `.` and `..` worked out; `None` if it climbs above the root.
fn normal<'a>(segments: impl Iterator<Item = &'a str>) -> Option<String> {
    let mut out: Vec<&str> = Vec::new();
    for s in segments {
        match s {
            "" | "." => {}
            ".." => {
                out.pop()?;
            }
            s => out.push(s),
        }
    }
    Some(out.join("/"))
}

/// Whether `path` (in the content folder) is inside a `files/` folder.
pub fn in_files_folder(path: &str) -> bool {
    let parts: Vec<&str> = path.split('/').collect();
    matches!(
        parts.as_slice(),
        ["files", _, ..] | ["units", _, "files", _, ..]
    )
}

fn has_file_extension(path: &str) -> bool {
    let last = path.rsplit('/').next().unwrap_or(path);
    last.rsplit_once('.')
        .is_some_and(|(stem, ext)| !stem.is_empty() && !matches!(ext, "md" | "html" | "toml"))
}

/// The course file whose path is nearest `path`: one of the same folder first.
fn closest<'a>(ctx: &FileContext<'a>, path: &str) -> Option<&'a CourseFile> {
    let paths: Vec<(String, &CourseFile)> =
        ctx.files.iter().map(|f| (f.content_path(), f)).collect();
    let best = crate::suggest::closest(path, paths.iter().map(|(p, _)| p.as_str()))?;
    paths.iter().find(|(p, _)| p == best).map(|(_, f)| *f)
}

/// How the text at `ctx` links to the file at `target` (a path in the content folder): in the
/// same form the teacher used.
pub fn written_as(ctx: &FileContext, target: &str, from_root: bool) -> String {
    if from_root {
        return format!("@/{target}");
    }
    let here: Vec<&str> = ctx.at.split('/').collect();
    let here = &here[..here.len().saturating_sub(1)];
    let there: Vec<&str> = target.split('/').collect();
    let common = here.iter().zip(&there).take_while(|(a, b)| a == b).count();
    let mut out: Vec<&str> = vec![".."; here.len() - common];
    out.extend(&there[common..]);
    out.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx_files() -> CourseFiles {
        let tmp = tempfile::tempdir().unwrap();
        let content = tmp.path();
        std::fs::create_dir_all(content.join("units/u/files")).unwrap();
        std::fs::write(
            content.join("units/u/files/chain.svg"),
            "<svg width='2' height='1'/>",
        )
        .unwrap();
        let found = crate::course_files::FoundFile {
            unit: Some("u".into()),
            name: "chain.svg".into(),
            path: content.join("units/u/files/chain.svg"),
        };
        crate::course_files::read(content, vec![found], &Default::default()).0
    }

    #[test]
    fn paths_resolve_from_the_file_that_holds_them() {
        let files = ctx_files();
        let knowledge = FileContext {
            at: "units/u/knowledge/x.md",
            files: &files,
        };
        let unit = FileContext {
            at: "units/u/unit.md",
            files: &files,
        };
        let found = |ctx: &FileContext, d: &str| resolve(ctx, d, true).map(|(t, _)| t);
        let chain = Some(FileTarget::Found("units/u/files/chain.svg".into()));
        assert_eq!(found(&knowledge, "../files/chain.svg"), chain);
        assert_eq!(found(&unit, "files/chain.svg"), chain);
        assert_eq!(found(&unit, "./files/ch%61in.svg"), chain);
        assert_eq!(found(&knowledge, "@/units/u/files/chain.svg"), chain);
        assert_eq!(
            found(&knowledge, "../../../../x.png"),
            Some(FileTarget::Outside)
        );
        assert_eq!(
            found(&knowledge, "../files/chian.svg"),
            Some(FileTarget::Missing {
                path: "units/u/files/chian.svg".into(),
                instead: Some("../files/chain.svg".into())
            })
        );
        assert_eq!(found(&knowledge, "https://example.org/a.png"), None);
        assert_eq!(found(&knowledge, "@/units/u/criteria/p1/"), None);
        // A relative link without a file extension is a page link, judged by the link check.
        assert_eq!(resolve(&knowledge, "../criteria/p1/", false), None);
        assert_eq!(resolve(&knowledge, "x.md", false), None);
        assert!(resolve(&knowledge, "sheet.pdf", false).is_some());
    }

    #[test]
    fn images_and_downloads_render_with_what_the_file_says_of_itself() {
        let files = ctx_files();
        let ctx = FileContext {
            at: "units/u/unit.md",
            files: &files,
        };
        let md = super::super::render_in(
            "![The chain](files/chain.svg \"How service flows\")\n\n\
             Text ![decorative](files/chain.svg) and [the chain](files/chain.svg#top).\n\n\
             ![](files/nothing.png)\n",
            &ctx,
        );
        let version = &files.get("units/u/files/chain.svg").unwrap().version;
        let src = format!("@/units/u/files/{version}/chain.svg");
        assert!(
            md.html.starts_with(&format!(
                "<figure><img src=\"{src}\" alt=\"The chain\" width=\"2\" height=\"1\" \
             decoding=\"async\"><figcaption>How service flows</figcaption></figure>\n<p>Text \
             <img src=\"{src}\" alt=\"\" width=\"2\" height=\"1\" loading=\"lazy\""
            )),
            "{}",
            md.html
        );
        assert!(
            md.html.contains(&format!(
            "<a href=\"{src}#top\">the chain <span class=\"file-meta\">(SVG image, 1 KB)</span></a>"
        )),
            "{}",
            md.html
        );
        let texts: Vec<(&str, bool)> = md
            .files
            .iter()
            .map(|f| (f.text.as_str(), f.image))
            .collect();
        assert_eq!(
            texts,
            [
                ("The chain", true),
                ("decorative", true),
                ("the chain", false),
                ("", true)
            ]
        );
        assert!(md.files[3].lacks_alt());
        assert!(matches!(md.files[3].target, FileTarget::Missing { .. }));
        assert!(!md.html.contains("nothing.png"), "{}", md.html);
        assert!(md.links.is_empty(), "file references are not page links");
    }

    #[test]
    fn a_suggestion_is_written_relative_to_the_text() {
        let files = CourseFiles::default();
        let ctx = FileContext {
            at: "units/u/knowledge/x.md",
            files: &files,
        };
        assert_eq!(
            written_as(&ctx, "units/u/files/a.png", false),
            "../files/a.png"
        );
        assert_eq!(
            written_as(&ctx, "files/logo.png", false),
            "../../../files/logo.png"
        );
        assert_eq!(written_as(&ctx, "files/logo.png", true), "@/files/logo.png");
    }
}
