//! What a video block's `src` names: a video file of the course, or a video on YouTube or
//! Vimeo, read from the address a teacher copies from the browser or the Share button. Only the
//! video's id is kept, checked to be letters, digits, `-` and `_`, so that the addresses the
//! page is given are made here and no written text reaches them.

use crate::scheme::{is_scheme_relative, scheme_of};

/// A video a block names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A video file (.mp4 or .webm), as written, and its type.
    File { path: String, mime: &'static str },
    /// A YouTube video, by its 11-character id.
    YouTube(String),
    /// A Vimeo video, by its number, and the key of an unlisted video, if any.
    Vimeo { id: String, hash: Option<String> },
}

/// What is wrong with a `src`: the message and the help.
pub type Wrong = (String, String);

const FILE_TYPES: &str = "a video file (.mp4 or .webm) or the address of a YouTube or Vimeo video";

impl Source {
    /// The site that plays an embedded video, as learners know it.
    pub fn host_name(&self) -> Option<&'static str> {
        match self {
            Source::File { .. } => None,
            Source::YouTube(_) => Some("YouTube"),
            Source::Vimeo { .. } => Some("Vimeo"),
        }
    }

    /// The address the player is loaded from once the learner presses play: the privacy
    /// domain, which sets no cookie until the video plays.
    pub fn player(&self) -> Option<String> {
        match self {
            Source::File { .. } => None,
            Source::YouTube(id) => Some(format!(
                "https://www.youtube-nocookie.com/embed/{id}?autoplay=1"
            )),
            Source::Vimeo { id, hash } => Some(match hash {
                Some(h) => format!("https://player.vimeo.com/video/{id}?h={h}&dnt=1&autoplay=1"),
                None => format!("https://player.vimeo.com/video/{id}?dnt=1&autoplay=1"),
            }),
        }
    }

    /// The video's own page on its site, for the link that works without script.
    pub fn page(&self) -> Option<String> {
        match self {
            Source::File { .. } => None,
            Source::YouTube(id) => Some(format!("https://www.youtube.com/watch?v={id}")),
            Source::Vimeo { id, hash: Some(h) } => Some(format!("https://vimeo.com/{id}/{h}")),
            Source::Vimeo { id, hash: None } => Some(format!("https://vimeo.com/{id}")),
        }
    }
}

/// Reads a `src` as written.
pub fn classify(src: &str) -> Result<Source, Wrong> {
    let src = src.trim();
    let lower = src.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"));
    let Some(rest) = rest else {
        if [
            "youtube.com",
            "www.youtube.com",
            "youtu.be",
            "vimeo.com",
            "www.vimeo.com",
        ]
        .iter()
        .any(|h| lower.starts_with(&format!("{h}/")))
        {
            return Err((
                format!("`{src}` is missing https:// at its start"),
                format!("write src = \"https://{src}\""),
            ));
        }
        return file(src, &lower);
    };
    // The host, then the path and query as written (ids are case-sensitive).
    let after_scheme = &src[src.len() - rest.len()..];
    let (host, tail) = after_scheme
        .split_once('/')
        .map_or((after_scheme, ""), |(h, t)| (h, t));
    let host = host.to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    let host = host.strip_prefix("m.").unwrap_or(host);
    match host {
        "youtube.com" | "youtube-nocookie.com" | "youtu.be" => youtube(src, host, tail),
        "vimeo.com" | "player.vimeo.com" => vimeo(src, tail),
        _ => Err((
            format!("`{src}` is not a video this site can show: it is neither {FILE_TYPES}"),
            "give the address of the video on YouTube or Vimeo, or put the video file in the \
             course's files and write its path"
                .into(),
        )),
    }
}

/// A path to a video file: it must be one that every browser plays.
fn file(src: &str, lower: &str) -> Result<Source, Wrong> {
    if scheme_of(src).is_some() || is_scheme_relative(src) {
        return Err((
            format!("`{src}` is not an address this site can show: src is {FILE_TYPES}"),
            "give the address of the video on YouTube or Vimeo (https://…), or the path of \
             the video file"
                .into(),
        ));
    }
    let path = lower.split(['?', '#']).next().unwrap_or("");
    let mime = if path.ends_with(".mp4") {
        "video/mp4"
    } else if path.ends_with(".webm") {
        "video/webm"
    } else {
        return Err((
            format!("`{src}` is not a video file every browser plays: src is {FILE_TYPES}"),
            "save the video as MP4 (H.264) or WebM, or put it on YouTube or Vimeo and give its \
             address"
                .into(),
        ));
    };
    Ok(Source::File {
        path: src.to_string(),
        mime,
    })
}

/// youtube.com/watch?v=ID, youtu.be/ID, and the /embed/, /shorts/, /live/ and /v/ forms.
fn youtube(src: &str, host: &str, tail: &str) -> Result<Source, Wrong> {
    let (path, query) = tail.split_once('?').unwrap_or((tail, ""));
    let path = path.split('#').next().unwrap_or("");
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let id = match (host, segments.as_slice()) {
        ("youtu.be", [id, ..]) => Some(*id),
        (_, ["watch"]) => query
            .split(['&', '#'])
            .find_map(|pair| pair.strip_prefix("v=")),
        (_, ["embed" | "shorts" | "live" | "v", id, ..]) => Some(*id),
        _ => None,
    };
    match id {
        Some(id) if is_youtube_id(id) => Ok(Source::YouTube(id.to_string())),
        _ => Err((
            format!("`{src}` names no YouTube video this site can read"),
            "copy the video's address from YouTube's Share button: it looks like \
             https://youtu.be/ followed by 11 letters, digits, - or _"
                .into(),
        )),
    }
}

/// vimeo.com/ID, vimeo.com/ID/KEY (unlisted), vimeo.com/channels/…/ID and
/// player.vimeo.com/video/ID?h=KEY.
fn vimeo(src: &str, tail: &str) -> Result<Source, Wrong> {
    let (path, query) = tail.split_once('?').unwrap_or((tail, ""));
    let path = path.split('#').next().unwrap_or("");
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let at = segments
        .iter()
        .rposition(|s| !s.is_empty() && s.len() <= 12 && s.bytes().all(|b| b.is_ascii_digit()));
    let Some(at) = at else {
        return Err((
            format!("`{src}` names no Vimeo video this site can read"),
            "copy the video's address from Vimeo's Share button: it looks like \
             https://vimeo.com/ followed by the video's number"
                .into(),
        ));
    };
    let key =
        |s: &str| !s.is_empty() && s.len() <= 32 && s.bytes().all(|b| b.is_ascii_alphanumeric());
    let hash = segments
        .get(at + 1)
        .copied()
        .or_else(|| query.split(['&', '#']).find_map(|p| p.strip_prefix("h=")))
        .filter(|h| key(h));
    Ok(Source::Vimeo {
        id: segments[at].to_string(),
        hash: hash.map(str::to_string),
    })
}

/// Whether `id` is a YouTube video id: 11 letters, digits, `-` or `_`.
fn is_youtube_id(id: &str) -> bool {
    id.len() == 11
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn youtube_id(src: &str) -> String {
        match classify(src) {
            Ok(Source::YouTube(id)) => id,
            other => panic!("{src}: {other:?}"),
        }
    }

    #[test]
    fn youtube_ids_are_read_from_every_address_form() {
        for src in [
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
            "https://youtube.com/watch?feature=share&v=dQw4w9WgXcQ&t=42",
            "https://m.youtube.com/watch?v=dQw4w9WgXcQ",
            "https://youtu.be/dQw4w9WgXcQ?si=abc",
            "https://www.youtube.com/embed/dQw4w9WgXcQ",
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?rel=0",
            "https://www.youtube.com/shorts/dQw4w9WgXcQ",
            "HTTPS://WWW.YOUTUBE.COM/watch?v=dQw4w9WgXcQ",
        ] {
            assert_eq!(youtube_id(src), "dQw4w9WgXcQ", "{src}");
        }
    }

    #[test]
    fn a_youtube_address_without_a_clean_id_is_refused() {
        for src in [
            "https://www.youtube.com/watch?v=dQw4w9\"><script>",
            "https://www.youtube.com/watch?v=short",
            "https://youtu.be/",
            "https://www.youtube.com/channel/UCabcdefghijk",
            "https://www.youtube.com/watch?list=PL123",
        ] {
            let (message, help) = classify(src).unwrap_err();
            assert!(message.contains("no YouTube video"), "{src}: {message}");
            assert!(help.contains("Share"), "{help}");
        }
    }

    #[test]
    fn vimeo_numbers_and_unlisted_keys_are_read() {
        let v = |id: &str, hash: Option<&str>| Source::Vimeo {
            id: id.into(),
            hash: hash.map(Into::into),
        };
        assert_eq!(
            classify("https://vimeo.com/123456789"),
            Ok(v("123456789", None))
        );
        assert_eq!(
            classify("https://vimeo.com/channels/staffpicks/76979871"),
            Ok(v("76979871", None))
        );
        assert_eq!(
            classify("https://vimeo.com/123/abc123def"),
            Ok(v("123", Some("abc123def")))
        );
        assert_eq!(
            classify("https://player.vimeo.com/video/123?h=ff00&badge=0"),
            Ok(v("123", Some("ff00")))
        );
        let player = classify("https://vimeo.com/123").unwrap().player().unwrap();
        assert_eq!(
            player,
            "https://player.vimeo.com/video/123?dnt=1&autoplay=1"
        );
        assert!(classify("https://vimeo.com/about").is_err());
    }

    #[test]
    fn the_player_is_on_the_privacy_domain() {
        let s = classify("https://youtu.be/dQw4w9WgXcQ").unwrap();
        assert_eq!(
            s.player().unwrap(),
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"
        );
        assert_eq!(
            s.page().unwrap(),
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
        );
    }

    #[test]
    fn files_must_be_mp4_or_webm_and_other_sites_are_refused() {
        assert_eq!(
            classify("../files/clip.MP4"),
            Ok(Source::File {
                path: "../files/clip.MP4".into(),
                mime: "video/mp4"
            })
        );
        assert!(matches!(
            classify("@/units/u/files/c.webm"),
            Ok(Source::File {
                mime: "video/webm",
                ..
            })
        ));
        let (message, help) = classify("../files/clip.mov").unwrap_err();
        assert!(message.contains("every browser plays"), "{message}");
        assert!(help.contains("MP4"), "{help}");
        let (message, _) = classify("https://example.org/clip").unwrap_err();
        assert!(message.contains("neither"), "{message}");
        let (message, help) = classify("www.youtube.com/watch?v=dQw4w9WgXcQ").unwrap_err();
        assert!(message.contains("https://"), "{message}");
        assert!(help.contains("src = \"https://www.youtube.com/"), "{help}");
        assert!(classify("javascript:alert(1)//.mp4").is_err());
    }
}
