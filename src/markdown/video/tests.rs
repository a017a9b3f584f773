use super::*;

/// A resolver that knows the files `@/units/u/files/…` and nothing written relative.
fn resolve(path: &str) -> Result<String, String> {
    match path.strip_prefix("@/units/u/files/") {
        Some(name) => Ok(format!("@/units/u/files/ab12/{name}")),
        None if path.starts_with("@/") => Ok(path.to_string()),
        None => Err(format!("there is no file `{path}`")),
    }
}

fn render(block: &str) -> Result<String, Vec<VideoProblem>> {
    render_in(block, "en-GB", None)
}

fn render_in(
    block: &str,
    language: &str,
    read: Option<crate::markdown::FileLookup<'_>>,
) -> Result<String, Vec<VideoProblem>> {
    let cx = Context {
        language,
        resolve: &resolve,
        read,
    };
    render_video(block, &cx)
}

/// Each problem as (the text it points at, its message).
fn problems(block: &str) -> Vec<(String, String)> {
    render(block)
        .expect_err("the block has problems")
        .into_iter()
        .map(|p| (block[p.range].to_string(), p.message))
        .collect()
}

fn at(text: &str, message: &str) -> (String, String) {
    (text.to_string(), message.to_string())
}

const LOCAL: &str = "title = \"A complaint handled well\"\nsrc = \"@/units/u/files/clip.mp4\"\n\
                     captions = \"@/units/u/files/clip.vtt\"\n";

const YOUTUBE: &str = "title = \"Dealing with an angry customer\"\n\
                       src = \"https://www.youtube.com/watch?v=dQw4w9WgXcQ\"\n\
                       transcript = \"@/units/u/files/angry.pdf\"\n";

#[test]
fn a_local_video_plays_in_the_page_with_its_captions() {
    let html = render(&format!("{LOCAL}poster = \"@/units/u/files/clip.jpg\"\n")).unwrap();
    assert!(
        html.starts_with(
            "<figure class=\"video\">\n<figcaption>A complaint handled well</figcaption>"
        ),
        "{html}"
    );
    assert!(
        html.contains(
            "<video controls preload=\"metadata\" poster=\"@/units/u/files/ab12/clip.jpg\">\
         <source src=\"@/units/u/files/ab12/clip.mp4\" type=\"video/mp4\">\
         <track kind=\"captions\" src=\"@/units/u/files/ab12/clip.vtt\" srclang=\"en-GB\" \
         label=\"English\" default>"
        ),
        "{html}"
    );
    assert!(
        !html.contains("<details"),
        "no transcript was given: {html}"
    );
}

#[test]
fn an_embed_is_a_button_and_loads_nothing_before_it_is_pressed() {
    let html = render(YOUTUBE).unwrap();
    assert!(!html.contains("<iframe"), "{html}");
    assert!(!html.contains("<img"), "no thumbnail is fetched: {html}");
    assert!(
        html.contains(
            "data-video-player=\"https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1\""
        ),
        "{html}"
    );
    assert!(
        html.contains(
            "<button type=\"button\" class=\"video-play\">Play video: Dealing with an angry \
         customer <span class=\"video-from\">(from YouTube)</span></button>"
        ),
        "{html}"
    );
    assert!(html.contains("which may set cookies"), "{html}");
    assert!(
        html.contains(
            "<a href=\"https://www.youtube.com/watch?v=dQw4w9WgXcQ\">Watch on YouTube</a>"
        ),
        "{html}"
    );
    assert!(
        html.contains("<a href=\"@/units/u/files/ab12/angry.pdf\">Transcript: Dealing"),
        "{html}"
    );
}

#[test]
fn a_transcript_in_words_is_shown_in_a_details_element() {
    let block = YOUTUBE.replace(
        "\"@/units/u/files/angry.pdf\"",
        "\"\"\"Customer: I want a refund.\nAssistant: Of course.\n\nThey agree.\"\"\"",
    );
    let html = render(&block).unwrap();
    assert!(
        html.contains(
            "<details class=\"disclosure video-transcript\"><summary>Transcript</summary>\n\
         <p>Customer: I want a refund.<br>\nAssistant: Of course.</p>\n<p>They agree.</p>\n\
         </details>"
        ),
        "{html}"
    );
}

#[test]
fn titles_and_transcripts_never_become_markup() {
    let block = "title = \"<script>alert(1)</script> & \\\"q\\\"\"\n\
                 src = \"https://youtu.be/dQw4w9WgXcQ\"\n\
                 transcript = \"\"\"<img src=x onerror=alert(1)> said it\"\"\"\n";
    let html = render(block).unwrap();
    assert!(!html.contains("<script"), "{html}");
    assert!(!html.contains("<img"), "{html}");
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;q&quot;"),
        "{html}"
    );
    assert!(html.contains("data-video-title=\"&lt;script&gt;"), "{html}");
}

#[test]
fn a_missing_title_is_the_blocks_problem() {
    let found = problems("src = \"https://vimeo.com/123\"\ntranscript = \"#words\"\n");
    assert_eq!(found, [at("", "this video has no title")]);
    let found = problems(&YOUTUBE.replace("Dealing with an angry customer", " "));
    assert_eq!(found, [at("\" \"", "this video's title is empty")]);
}

#[test]
fn a_local_video_without_captions_is_pointed_at_its_src() {
    let found = problems("title = \"t\"\nsrc = \"@/units/u/files/clip.webm\"\n");
    assert_eq!(found, [at("src", "this video file has no captions")]);
}

#[test]
fn captions_that_are_not_webvtt_are_refused() {
    let found = problems(&LOCAL.replace("clip.vtt", "clip.srt"));
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].0, "\"@/units/u/files/clip.srt\"");
    assert!(
        found[0].1.contains("not a WebVTT captions file"),
        "{found:?}"
    );
}

#[test]
fn an_embed_needs_a_transcript_and_takes_no_captions_or_poster() {
    let block = "title = \"t\"\nsrc = \"https://youtu.be/dQw4w9WgXcQ\"\n\
                 captions = \"@/units/u/files/c.vtt\"\nposter = \"@/units/u/files/p.jpg\"\n";
    let found = problems(block);
    let places: Vec<&str> = found.iter().map(|(at, _)| at.as_str()).collect();
    assert_eq!(places, ["", "captions", "poster"], "{found:?}");
    assert_eq!(found[0].1, "this video on YouTube has no transcript");
    assert!(found[1].1.contains("not a video on YouTube"), "{found:?}");
}

#[test]
fn unknown_keys_are_pointed_at_with_a_did_you_mean() {
    let block = LOCAL.replace("title", "titel") + "colour = \"red\"\n";
    let errors = render(&block).unwrap_err();
    assert_eq!(&block[errors[0].range.clone()], "titel");
    assert_eq!(errors[0].message, "`titel` is not a key of a video block");
    assert_eq!(errors[0].help, "did you mean `title`?");
    assert_eq!(&block[errors[1].range.clone()], "colour");
    assert!(errors[1]
        .help
        .contains("title, src, captions, poster, transcript"));
}

#[test]
fn a_src_that_is_no_video_is_pointed_at() {
    let found = problems("title = \"t\"\nsrc = \"https://example.org/v\"\ntranscript = \"#t\"\n");
    assert_eq!(found[0].0, "\"https://example.org/v\"");
    let found = problems("title = \"t\"\nsrc = 3\n");
    assert_eq!(found[0], at("3", "`src` is text in quotes"));
    assert_eq!(found.len(), 1, "src is not also missing: {found:?}");
}

#[test]
fn a_file_the_resolver_does_not_know_is_its_problem() {
    let found = problems(&LOCAL.replace("@/units/u/files/clip.vtt", "../files/clip.vtt"));
    assert_eq!(
        found,
        [at(
            "\"../files/clip.vtt\"",
            "there is no file `../files/clip.vtt`"
        )]
    );
}

#[test]
fn a_transcript_link_that_runs_script_or_is_plain_http_is_refused() {
    for (link, words) in [
        ("javascript:alert(1)", "not an address"),
        ("http://x.org/t.pdf", "plain http"),
    ] {
        let found = problems(&YOUTUBE.replace("@/units/u/files/angry.pdf", link));
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].1.contains(words), "{link}: {found:?}");
    }
}

#[test]
fn text_that_is_not_toml_is_one_problem() {
    let found = problems("title = A complaint\n");
    assert_eq!(found.len(), 1);
    assert!(found[0].1.contains("not written as TOML keys"), "{found:?}");
}

#[test]
fn a_transcript_is_a_link_only_when_it_is_one_word_that_looks_like_one() {
    for link in [
        "t.pdf",
        "../files/t.docx",
        "@/units/u/",
        "https://x.org",
        "#words",
    ] {
        assert!(is_link(link), "{link}");
    }
    for words in ["They agree.", "Silence.", "Hello", "A: yes\nB: no"] {
        assert!(!is_link(words), "{words}");
    }
}

#[test]
fn the_captions_are_labelled_in_their_language() {
    let html = render_in(LOCAL, "cy", None).unwrap();
    assert!(html.contains("srclang=\"cy\" label=\"Cymraeg\""), "{html}");
}

#[test]
fn captions_that_can_be_read_are_put_in_the_page_so_they_work_from_disk() {
    let read = |path: &str| match path {
        "@/units/u/files/clip.vtt" => Ok("WEBVTT\n\n00:00.000 --> 00:01.000\nHi\n".to_string()),
        _ => Ok("1\n00:00:01,000 --> 00:00:02,000\nHi\n".to_string()),
    };
    let html = render_in(LOCAL, "en", Some(&read)).unwrap();
    assert!(
        html.contains("<track kind=\"captions\" src=\"data:text/vtt;charset=utf-8;base64,V0VCVlRU"),
        "{html}"
    );
    let srt = LOCAL.replace("clip.vtt", "renamed.vtt");
    let errors = render_in(&srt, "en", Some(&read)).unwrap_err();
    assert_eq!(
        &srt[errors[0].range.clone()],
        "\"@/units/u/files/renamed.vtt\""
    );
    assert!(
        errors[0].message.contains("its first line is not WEBVTT"),
        "{errors:?}"
    );
}
