//! A video file's captions: required, and WebVTT. Browsers load no captions file into a page
//! opened from disk (each file is a separate origin to them), and a course must work from a USB
//! stick: when the text can be read at build time, it is put in the page itself as a `data:`
//! address, which every browser loads from anywhere.

use super::{has_type, problem, resolved, Context, Entry, VideoProblem};

/// The captions' address for the `<track>` of the video whose `src` is `src`, or `None` after
/// noting the problem.
pub fn of_file(
    captions: Option<Entry>,
    src: &Entry,
    cx: &Context<'_>,
    problems: &mut Vec<VideoProblem>,
) -> Option<String> {
    let Some(c) = captions else {
        problems.push(problem(
            src.key.clone(),
            "this video file has no captions",
            "add a line captions = \"….vtt\" with the path of its WebVTT captions: learners who \
             cannot hear it need them",
        ));
        return None;
    };
    if !has_type(&c.text, &[".vtt"]) {
        problems.push(problem(
            c.value,
            format!("`{}` is not a WebVTT captions file (.vtt)", c.text.trim()),
            SRT_HELP,
        ));
        return None;
    }
    let address = resolved(cx, &c.text, &c.value, problems)?;
    let Some(read) = cx.read else {
        return Some(address);
    };
    match read(c.text.trim()) {
        Ok(text) if is_webvtt(&text) => Some(data_address(&text)),
        Ok(_) => {
            problems.push(problem(
                c.value,
                format!(
                    "`{}` is not WebVTT: its first line is not WEBVTT",
                    c.text.trim()
                ),
                SRT_HELP,
            ));
            None
        }
        Err(message) => {
            problems.push(problem(
                c.value,
                message,
                "write the path of a file of the course",
            ));
            None
        }
    }
}

const SRT_HELP: &str = "save the captions as WebVTT: most caption editors can; an .srt file \
                        becomes one by adding a first line WEBVTT and writing the times with a \
                        full stop (00:00:01.000) instead of a comma";

/// Whether `text` starts as a WebVTT file must: `WEBVTT`, then the end of the line, a space or
/// a tab (after an optional byte order mark).
fn is_webvtt(text: &str) -> bool {
    let rest = text.strip_prefix('\u{feff}').unwrap_or(text);
    rest.strip_prefix("WEBVTT")
        .is_some_and(|r| r.is_empty() || r.starts_with([' ', '\t', '\n', '\r']))
}

/// `text` as a `data:` address of WebVTT, in base64.
fn data_address(text: &str) -> String {
    const DIGITS: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::from("data:text/vtt;charset=utf-8;base64,");
    for chunk in text.as_bytes().chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(DIGITS[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_is_padded_as_data_addresses_need() {
        let data = |t: &str| data_address(t).rsplit(',').next().unwrap().to_string();
        assert_eq!(data(""), "");
        assert_eq!(data("W"), "Vw==");
        assert_eq!(data("WE"), "V0U=");
        assert_eq!(data("WEB"), "V0VC");
        assert_eq!(data("WEBVTT\n"), "V0VCVlRUCg==");
    }

    #[test]
    fn only_a_file_that_starts_with_webvtt_is_webvtt() {
        assert!(is_webvtt("WEBVTT\n\n00:00.000 --> 00:01.000\nHi"));
        assert!(is_webvtt("\u{feff}WEBVTT - captions\n"));
        assert!(is_webvtt("WEBVTT"));
        assert!(!is_webvtt("1\n00:00:01,000 --> 00:00:02,000\nHi"));
        assert!(!is_webvtt("WEBVTTX\n"));
    }
}
