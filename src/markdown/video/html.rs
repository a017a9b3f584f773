//! A checked video block as HTML. Every text and address is escaped: the title and transcript
//! are teacher content and must never become markup or script. The title is the figure's
//! caption, first (a caption is a figure's first or last child). An embedded video holds a
//! real button; the theme's script (site.js) puts the player in its place when it is pressed,
//! so nothing is loaded from YouTube or Vimeo before then. Without script the button is hidden
//! and the link to the video's own page stays.

use crate::escape::escape_html as escape;
use std::fmt::Write;

use super::address::Source;
use super::{Transcript, Video};

/// The HTML of `video`, whose captions are in `language`.
pub fn render(video: &Video, language: &str) -> String {
    let mut out = String::with_capacity(1024);
    let title = escape(&video.title);
    match &video.source {
        Source::File { mime, .. } => {
            let _ = write!(
                out,
                "<figure class=\"video\">\n<figcaption>{title}</figcaption>\n\
                 <video controls preload=\"metadata\""
            );
            if let Some(poster) = &video.poster {
                let _ = write!(out, " poster=\"{}\"", escape(poster));
            }
            let src = escape(video.file.as_deref().unwrap_or(""));
            let _ = write!(out, "><source src=\"{src}\" type=\"{mime}\">");
            if let Some(captions) = &video.captions {
                let _ = write!(
                    out,
                    "<track kind=\"captions\" src=\"{}\" srclang=\"{}\" label=\"{}\" default>",
                    escape(captions),
                    escape(language),
                    escape(language_name(language)),
                );
            }
            // Shown only by a browser that plays no video at all.
            let _ = writeln!(
                out,
                "<a href=\"{src}\">Download the video: {title}</a></video>"
            );
        }
        embed => {
            let host = embed.host_name().unwrap_or("");
            let player = escape(&embed.player().unwrap_or_default());
            let page = escape(&embed.page().unwrap_or_default());
            let _ = write!(
                out,
                "<figure class=\"video video-embed\" data-video-player=\"{player}\" \
                 data-video-title=\"{title}\">\n<figcaption>{title}</figcaption>\n\
                 <div class=\"video-frame\">\
                 <button type=\"button\" class=\"video-play\">Play video: {title} \
                 <span class=\"video-from\">(from {host})</span></button></div>\n\
                 <p class=\"video-note\">Playing the video loads it from {host}, which may set \
                 cookies. <a href=\"{page}\">Watch on {host}</a></p>\n"
            );
        }
    }
    match &video.transcript {
        Some(Transcript::Link(address)) => {
            let _ = writeln!(
                out,
                "<p class=\"video-transcript\"><a href=\"{}\">Transcript: {title}</a></p>",
                escape(address)
            );
        }
        Some(Transcript::Text(text)) => {
            out.push_str(
                "<details class=\"disclosure video-transcript\"><summary>Transcript</summary>\n",
            );
            for paragraph in text.split("\n\n").map(str::trim).filter(|p| !p.is_empty()) {
                let lines: Vec<String> = paragraph.lines().map(|l| escape(l.trim())).collect();
                let _ = writeln!(out, "<p>{}</p>", lines.join("<br>\n"));
            }
            out.push_str("</details>\n");
        }
        None => {}
    }
    out.push_str("</figure>\n");
    out
}

/// The name of a language in that language, for the captions menu; the tag itself when it is
/// not one of the languages of the nations' colleges.
fn language_name(tag: &str) -> &str {
    let primary = tag.split(['-', '_']).next().unwrap_or("");
    match primary.to_ascii_lowercase().as_str() {
        "en" => "English",
        "cy" => "Cymraeg",
        "ga" => "Gaeilge",
        "gd" => "Gàidhlig",
        _ => tag,
    }
}
