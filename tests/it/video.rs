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
    let tmp = fixture_with(&[(KNOWLEDGE, BODY, &body)]);
    add_video_files(&tmp.path().join("content"));
    tmp
}

/// Puts the video fixture's WebM and its captions in the demo unit's files/ folder.
fn add_video_files(content: &std::path::Path) {
    let files = content.join("units/demo-unit/files");
    fs::create_dir_all(&files).unwrap();
    for name in ["clip.webm", "clip.vtt"] {
        fs::copy(
            repo().join("tests/fixtures/video").join(name),
            files.join(name),
        )
        .unwrap();
    }
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
    // The video file is published under its versioned address, made relative to the page.
    let source = html
        .split(r#"<source src=""#)
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap_or_default();
    assert!(
        source.starts_with("../../../../units/demo-unit/files/") && source.ends_with("/clip.webm"),
        "{html}"
    );
    assert!(
        out.join("units/demo-unit/knowledge/demo-parts")
            .join(source)
            .is_file(),
        "the video file is in the site at {source}"
    );
    // The captions are in the page, so that they work from disk too.
    assert!(
        html.contains(r#"<track kind="captions" src="data:text/vtt;charset=utf-8;base64,"#),
        "{html}"
    );
    assert!(
        html.contains(r#"srclang="en-GB" label="English" default>"#),
        "{html}"
    );
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
fn a_video_file_without_captions_stops_build_and_check_at_its_src() {
    let tmp = course_with_videos();
    let content = tmp.path().join("content");
    let knowledge = content.join(KNOWLEDGE);
    let text = fs::read_to_string(&knowledge).unwrap();
    fs::write(
        &knowledge,
        text.replace("  captions = \"../files/clip.vtt\"\n", ""),
    )
    .unwrap();
    let src_line = fs::read_to_string(&knowledge)
        .unwrap()
        .lines()
        .position(|l| l.contains("src = \"../files/clip.webm\""))
        .unwrap()
        + 1;
    for command in ["check", "build"] {
        let run = unitpress(&[command], &content, &[]);
        assert_ne!(run.code, Some(0), "{}", run.show());
        let shown = run.show();
        assert!(
            shown.contains(&format!("demo-parts.md:{src_line}:")),
            "{command}: {shown}"
        );
        assert!(shown.contains("no captions"), "{command}: {shown}");
        assert!(shown.contains("WebVTT"), "{command}: {shown}");
    }
}

#[test]
fn a_video_file_that_is_not_there_is_pointed_at_with_a_did_you_mean() {
    let tmp = course_with_videos();
    let content = tmp.path().join("content");
    let knowledge = content.join(KNOWLEDGE);
    let text = fs::read_to_string(&knowledge).unwrap();
    fs::write(
        &knowledge,
        text.replace("../files/clip.webm", "../files/clips.webm"),
    )
    .unwrap();
    let checked = unitpress(&["check"], &content, &[]);
    assert_ne!(checked.code, Some(0), "{}", checked.show());
    let shown = checked.show();
    assert!(shown.contains("demo-parts.md:"), "{shown}");
    assert!(shown.contains("clips.webm"), "{shown}");
    assert!(
        shown.contains("did you mean `../files/clip.webm`?"),
        "{shown}"
    );
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
