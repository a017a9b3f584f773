//! The `video` block of teaching content: a fenced code block whose info string is `video`,
//! holding TOML keys (`title`, `src`, `captions`, `poster`, `transcript`). A video file of the
//! course plays in the page with its WebVTT captions; a YouTube or Vimeo video is shown as a
//! button that loads the player only when the learner presses it (see `html`). Every problem
//! is pointed at the key it is about, in the block's own bytes, for the caller to place in the
//! file.

mod address;
mod captions;
mod html;

use std::ops::Range;

use toml::de::{DeTable, DeValue};
use toml::Spanned;

use super::Context;
use address::Source;

/// A problem of a video block: where it is (bytes within the block's text; an empty range at
/// 0 for the block as a whole), what is wrong and how to put it right.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VideoProblem {
    pub range: Range<usize>,
    pub message: String,
    pub help: String,
}

/// The keys a video block may have.
const KEYS: [&str; 5] = ["title", "src", "captions", "poster", "transcript"];

/// What a poster may be: an image every browser shows.
const POSTER_TYPES: [&str; 5] = [".jpg", ".jpeg", ".png", ".webp", ".avif"];

/// A video block's keys, read and checked, with every address resolved.
struct Video {
    title: String,
    source: Source,
    /// The video file's site address (for a file).
    file: Option<String>,
    captions: Option<String>,
    poster: Option<String>,
    transcript: Option<Transcript>,
}

/// A transcript: a link to it, or its words.
enum Transcript {
    Link(String),
    Text(String),
}

/// Renders the video block `block` (the text between its fences) as HTML, in `cx`: its
/// `resolve` gives each file's site address, its `read` the captions' text, and its language
/// is the captions'. Returns every problem of the block, or its HTML.
pub fn render_video(block: &str, cx: &Context<'_>) -> Result<String, Vec<VideoProblem>> {
    let mut problems = Vec::new();
    let video = read(block, cx, &mut problems);
    // The keys are read in name order; the teacher reads them in the file's.
    problems.sort_by_key(|p| (p.range.start, p.range.end));
    match video {
        Some(v) if problems.is_empty() => Ok(html::render(&v, cx.language)),
        _ => Err(problems),
    }
}

/// A key as written: its text, where the key is and where its value is.
struct Entry {
    text: String,
    key: Range<usize>,
    value: Range<usize>,
}

/// Reads and checks the keys of `block`, noting each problem.
fn read(block: &str, cx: &Context<'_>, problems: &mut Vec<VideoProblem>) -> Option<Video> {
    let (found, written) = entries(block, problems)?;
    let [title, src, captions, poster, transcript] = found;
    // A key written with a value of the wrong kind is reported as that, not also as missing.
    let [title_written, src_written, _, _, transcript_written] = written;
    let title = match title {
        Some(t) if t.text.trim().is_empty() => {
            problems.push(problem(
                t.value,
                "this video's title is empty",
                "write what the video shows, e.g. title = \"A complaint handled well\"",
            ));
            None
        }
        Some(t) => Some(t.text.trim().to_string()),
        None if title_written => None,
        None => {
            problems.push(problem(
                0..0,
                "this video has no title",
                "add a line title = \"…\" saying what the video shows: it names the player for \
                 learners who use a screen reader",
            ));
            None
        }
    };
    let Some(src) = src else {
        if src_written {
            return None;
        }
        problems.push(problem(
            0..0,
            "this video has no src",
            "add a line src = \"…\" with the video file's path (.mp4 or .webm) or the address \
             of the video on YouTube or Vimeo",
        ));
        return None;
    };
    let source = match address::classify(&src.text) {
        Ok(s) => s,
        Err((message, help)) => {
            problems.push(problem(src.value, message, &help));
            return None;
        }
    };
    let (file, captions, poster) = match &source {
        Source::File { path, .. } => {
            let file = resolved(cx, path, &src.value, problems);
            let captions = captions::of_file(captions, &src, cx, problems);
            let poster = match poster {
                Some(p) if !has_type(&p.text, &POSTER_TYPES) => {
                    problems.push(problem(
                        p.value,
                        format!("`{}` is not a picture this site can show", p.text.trim()),
                        "the poster is a .jpg, .png, .webp or .avif picture",
                    ));
                    None
                }
                Some(p) => resolved(cx, &p.text, &p.value, problems),
                None => None,
            };
            (file, captions, poster)
        }
        embed => {
            embed_keys(
                block,
                embed,
                [captions, poster],
                transcript_written,
                problems,
            );
            (None, None, None)
        }
    };
    let transcript = transcript.and_then(|t| {
        let written = t.text.trim();
        if !is_link(written) {
            return Some(Transcript::Text(written.to_string()));
        }
        transcript_link(written, &t.value, cx, problems).map(Transcript::Link)
    });
    Some(Video {
        title: title?,
        source,
        file,
        captions,
        poster,
        transcript,
    })
}

/// A block's keys, in the order of [`KEYS`], and whether each key is written at all.
type Entries = ([Option<Entry>; 5], [bool; 5]);

/// The keys of `block`, each string value with where it is; a block that is not TOML gives
/// `None`.
fn entries(block: &str, problems: &mut Vec<VideoProblem>) -> Option<Entries> {
    let table = match DeTable::parse(block) {
        Ok(t) => t.into_inner(),
        Err(e) => {
            let first = e.message().lines().next().unwrap_or("").trim().to_string();
            problems.push(problem(
                e.span().unwrap_or(0..0),
                format!("this video block is not written as TOML keys: {first}"),
                "write one key a line, as `title = \"…\"`, with the text in straight quotes \
                 (\"\"\"…\"\"\" for text of several lines)",
            ));
            return None;
        }
    };
    let mut found: [Option<Entry>; 5] = Default::default();
    let mut written = [false; 5];
    for (key, value) in &table {
        let name = key.get_ref().as_ref();
        let Some(i) = KEYS.iter().position(|k| *k == name) else {
            let help = match crate::suggest::closest(name, KEYS) {
                Some(k) => {
                    // The key it stands for is then written, only misspelt: not also missing.
                    if let Some(j) = KEYS.iter().position(|x| *x == k) {
                        written[j] = true;
                    }
                    format!("did you mean `{k}`?")
                }
                None => format!("a video block has the keys {}", KEYS.join(", ")),
            };
            problems.push(problem(
                key.span(),
                format!("`{name}` is not a key of a video block"),
                &help,
            ));
            continue;
        };
        written[i] = true;
        match text_of(value) {
            Some(text) => {
                found[i] = Some(Entry {
                    text,
                    key: key.span(),
                    value: value.span(),
                })
            }
            None => problems.push(problem(
                value.span(),
                format!("`{name}` is text in quotes"),
                &format!("write {name} = \"…\""),
            )),
        }
    }
    Some((found, written))
}

/// The keys an embedded video may not have (captions, poster), and its required transcript.
fn embed_keys(
    block: &str,
    embed: &Source,
    file_only: [Option<Entry>; 2],
    has_transcript: bool,
    problems: &mut Vec<VideoProblem>,
) {
    let host = embed.host_name().unwrap_or("the video's site");
    let [captions, poster] = file_only;
    let helps = [
        format!(
            "remove `captions`: a video on {host} shows the captions it has there, so add them \
             on {host}"
        ),
        format!(
            "remove `poster`: an embedded video shows no picture before it is played, so that \
             nothing is loaded from {host} until then"
        ),
    ];
    for (entry, help) in [captions, poster].into_iter().zip(helps) {
        if let Some(e) = entry {
            let name = block.get(e.key.clone()).unwrap_or("this key");
            let message = format!("`{name}` is for a video file, not a video on {host}");
            problems.push(problem(e.key, message, &help));
        }
    }
    if !has_transcript {
        problems.push(problem(
            0..0,
            format!("this video on {host} has no transcript"),
            "add transcript = \"…\" with the path or address of its transcript, or \
             transcript = \"\"\"the words of the video\"\"\": learners who cannot hear or play \
             it need them",
        ));
    }
}

/// The site address of the file or page `written`, or a problem at `at`.
fn resolved(
    cx: &Context<'_>,
    written: &str,
    at: &Range<usize>,
    problems: &mut Vec<VideoProblem>,
) -> Option<String> {
    match (cx.resolve)(written.trim()) {
        Ok(address) => Some(address),
        Err(message) => {
            problems.push(problem(
                at.clone(),
                message,
                "write the path of a file of the course",
            ));
            None
        }
    }
}

/// A transcript link's address: another website's as written, a page's or file's resolved.
fn transcript_link(
    written: &str,
    at: &Range<usize>,
    cx: &Context<'_>,
    problems: &mut Vec<VideoProblem>,
) -> Option<String> {
    use super::{classify, LinkTarget};
    let (message, help) = match classify(written) {
        LinkTarget::Elsewhere => return Some(written.to_string()),
        LinkTarget::Site { .. } | LinkTarget::Relative => {
            return resolved(cx, written, at, problems)
        }
        LinkTarget::Insecure => (
            format!("`{written}` is a plain http: address, which can be tampered with"),
            format!(
                "write https:{}",
                written.split_once(':').map_or("", |(_, r)| r)
            ),
        ),
        LinkTarget::Refused(_) => (
            format!("`{written}` is not an address a transcript can have"),
            "give the path of the transcript's file, a page of this site (@/…) or an https:// \
             address"
                .to_string(),
        ),
    };
    problems.push(problem(at.clone(), message, &help));
    None
}

/// A string value's text.
fn text_of(value: &Spanned<DeValue<'_>>) -> Option<String> {
    value.get_ref().as_str().map(str::to_string)
}

/// Whether a transcript is a link rather than the words themselves: one word with no spaces
/// that is an address, a path or a file name (words of a video have spaces between them).
fn is_link(text: &str) -> bool {
    let t = text.trim();
    if t.is_empty() || t.contains(char::is_whitespace) {
        return false;
    }
    let named_file = t
        .rsplit_once('.')
        .is_some_and(|(stem, ext)| !stem.is_empty() && (2..=4).contains(&ext.len()));
    t.contains(':') || t.contains('/') || t.starts_with('#') || named_file
}

/// Whether `path` (before any `?` or `#`) ends in one of `types`, in any case.
fn has_type(path: &str, types: &[&str]) -> bool {
    let path = path.trim().split(['?', '#']).next().unwrap_or("");
    let lower = path.to_ascii_lowercase();
    types.iter().any(|t| lower.ends_with(t))
}

fn problem(range: Range<usize>, message: impl Into<String>, help: &str) -> VideoProblem {
    VideoProblem {
        range,
        message: message.into(),
        help: help.to_string(),
    }
}

/// The site address of a file or page written from the site root (`@/units/u/files/a.mp4`):
/// a page's as a link to it gets, a file's as written. A path written relative to the text is
/// refused, as links are: the text may be shown on pages at different depths.
pub(super) fn site_address(path: &str) -> Result<String, String> {
    let Some(rest) = path.strip_prefix("@/") else {
        return Err(format!(
            "`{path}` is not written from the site root: write the file's address starting \
             with @/ (e.g. @/units/unit-10/files/clip.mp4)"
        ));
    };
    let file = rest
        .rsplit('/')
        .next()
        .and_then(|name| name.rsplit_once('.'))
        .is_some_and(|(_, ext)| !matches!(ext, "md" | "html"));
    match super::classify(path) {
        super::LinkTarget::Site { .. } if file => Ok(path.to_string()),
        target @ super::LinkTarget::Site { .. } => Ok(target.rendered(path)),
        _ => Err(format!("`{path}` is not an address of this site")),
    }
}

#[cfg(test)]
mod tests;
