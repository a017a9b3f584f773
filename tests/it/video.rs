//! The `video` block of teaching content: a course with YouTube, Vimeo and local videos builds
//! into players that load nothing from another site until pressed; a video without a title,
//! captions or transcript, or with a misspelt key, stops both `build` and `check` at its place.

use std::fs;

use crate::common::faults::*;
use crate::common::*;

const KNOWLEDGE: &str = "units/demo-unit/knowledge/demo-parts.md";
const BODY: &str = "A demo has an opening, a middle and a close.";
const PAGE: &str = "units/demo-unit/knowledge/demo-parts/index.html";

/// The minimal fixture with the video fixture's Markdown as the knowledge item's body.
fn course_with_videos() -> tempfile::TempDir {
    let body = fs::read_to_string(repo().join("tests/fixtures/video/knowledge.md")).unwrap();
    fixture_with(&[(KNOWLEDGE, BODY, &body)])
}

#[test]
fn a_course_with_youtube_vimeo_and_local_videos_builds_and_checks_clean() {
    let tmp = course_with_videos();
    let content = tmp.path().join("content");
    let out = tmp.path().join("public");
    build_ok(&content, &out, &[]);
    let html = page(&out, PAGE);
    assert_eq!(elements(&html, "figure", Some("video")).len(), 3, "{html}");
    assert!(
        !html.contains("<iframe"),
        "no player before it is pressed\n{html}"
    );
    assert!(!html.contains("youtube.com/embed") && !html.contains("i.ytimg.com"));
    assert!(html.contains(
        r#"data-video-player="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1""#
    ));
    assert!(html.contains(
        r#"data-video-player="https://player.vimeo.com/video/76979871?dnt=1&amp;autoplay=1""#
    ));
    assert!(html.contains("Play video: Opening a demo well"), "{html}");
    assert!(html.contains(r#"<a href="https://vimeo.com/76979871">Watch on Vimeo</a>"#));
    // Site addresses are made relative to the page, as links are.
    assert!(
        html.contains(
            r#"<source src="../../../../units/demo-unit/files/clip.webm" type="video/webm">"#
        ),
        "{html}"
    );
    assert!(html.contains(
        r#"<track kind="captions" src="../../../../units/demo-unit/files/clip.vtt" srclang="en" label="English" default>"#
    ), "{html}");
    assert!(html.contains(
        r#"<a href="../../../../units/demo-unit/knowledge/how-demos-work/index.html">Transcript: Closing a demo"#
    ), "{html}");
    assert!(html.contains("<p>Presenter: Good morning, and thank you for coming.<br>"));
    let checked = unitpress(&["check"], &content, &[]);
    assert_eq!(checked.code, Some(0), "{}", checked.show());
}

#[test]
fn a_video_without_a_title_stops_the_build_at_its_block() {
    assert_rejected(Fault {
        edit: (
            KNOWLEDGE,
            BODY,
            "Watch this.\n\n```video\nsrc = \"https://youtu.be/dQw4w9WgXcQ\"\n\
             transcript = \"#words\"\n```\n",
        ),
        spot: Spot::InEdit("```video"),
        message: &["video", "no title"],
        help: "title = ",
    });
}

#[test]
fn a_video_file_without_captions_stops_the_build_at_its_src() {
    assert_rejected(Fault {
        edit: (
            KNOWLEDGE,
            BODY,
            "Watch this.\n\n```video\ntitle = \"A complaint\"\n\
             src = \"@/units/demo-unit/files/clip.mp4\"\n```\n",
        ),
        spot: Spot::InEdit("src ="),
        message: &["no captions"],
        help: "WebVTT",
    });
}

#[test]
fn an_embed_without_a_transcript_stops_the_build_at_its_block() {
    assert_rejected(Fault {
        edit: (
            KNOWLEDGE,
            BODY,
            "Watch this.\n\n```video\ntitle = \"A complaint\"\n\
             src = \"https://vimeo.com/76979871\"\n```\n",
        ),
        spot: Spot::InEdit("```video"),
        message: &["on Vimeo", "no transcript"],
        help: "transcript = ",
    });
}

#[test]
fn a_misspelt_key_of_a_video_is_pointed_at_with_a_did_you_mean() {
    assert_rejected(Fault {
        edit: (
            KNOWLEDGE,
            BODY,
            "Watch this.\n\n```video\ntitle = \"A complaint\"\n\
             src = \"https://youtu.be/dQw4w9WgXcQ\"\ntransscript = \"#words\"\n```\n",
        ),
        spot: Spot::InEdit("transscript"),
        message: &["`transscript`", "not a key of a video block"],
        help: "did you mean `transcript`?",
    });
}

#[test]
fn a_video_that_is_no_video_file_or_known_site_is_pointed_at() {
    assert_rejected(Fault {
        edit: (
            KNOWLEDGE,
            BODY,
            "```video\ntitle = \"A complaint\"\nsrc = \"https://example.org/clip\"\n\
             transcript = \"#words\"\n```\n",
        ),
        spot: Spot::InEdit("\"https://example.org"),
        message: &["is not a video this site can show"],
        help: "YouTube or Vimeo",
    });
}
