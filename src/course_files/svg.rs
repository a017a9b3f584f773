//! What an SVG file is read for: its width and height, from the root element's `width` and
//! `height` or else its `viewBox`, and whether it holds script. A drawing is shown through
//! `<img>`, where script never runs, but a learner may open the file itself, where it would.

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

/// What was read of an SVG file.
#[derive(Debug, PartialEq, Eq)]
pub struct Svg {
    pub dimensions: Option<(u32, u32)>,
}

/// Why an SVG file is refused.
#[derive(Debug, PartialEq, Eq)]
pub enum Problem {
    /// It is not well-formed XML, or its root is not `<svg>`.
    NotSvg(String),
    /// It holds `<script>`, an event handler (`onload`) or a `javascript:` link.
    Script(String),
}

impl Problem {
    pub fn message(&self) -> String {
        match self {
            Problem::NotSvg(why) => format!("this is not an SVG drawing unitpress can read: {why}"),
            Problem::Script(what) => format!(
                "this SVG drawing holds script ({what}), which would run in the learner's \
                 browser when the file is opened"
            ),
        }
    }

    pub fn help(&self) -> &'static str {
        match self {
            Problem::NotSvg(_) => "export it again from your drawing program as plain SVG",
            Problem::Script(_) => {
                "remove the script: in Inkscape, save a copy as Plain SVG or Optimized SVG; \
                 an interactive drawing cannot be published"
            }
        }
    }
}

/// Reads `text`, an SVG file.
pub fn read(text: &str) -> Result<Svg, Problem> {
    let mut reader = Reader::from_str(text);
    let mut dimensions = None;
    let mut root = true;
    loop {
        let event = reader
            .read_event()
            .map_err(|e| Problem::NotSvg(e.to_string()))?;
        let element = match &event {
            Event::Start(e) | Event::Empty(e) => e,
            Event::Eof if root => return Err(Problem::NotSvg("it has no <svg> element".into())),
            Event::Eof => return Ok(Svg { dimensions }),
            _ => continue,
        };
        let name = String::from_utf8_lossy(element.local_name().as_ref()).to_lowercase();
        if root {
            if name != "svg" {
                return Err(Problem::NotSvg(format!("its first element is <{name}>")));
            }
            dimensions = size_of(element);
            root = false;
        }
        if name == "script" {
            return Err(Problem::Script("a <script> element".into()));
        }
        scripted_attribute(element)?;
    }
}

/// Refuses an event handler attribute (`onclick`) or a link that runs script.
fn scripted_attribute(element: &BytesStart) -> Result<(), Problem> {
    for attr in element.attributes().flatten() {
        let key = String::from_utf8_lossy(attr.key.local_name().as_ref()).to_lowercase();
        let value = String::from_utf8_lossy(&attr.value).into_owned();
        if key.starts_with("on") {
            return Err(Problem::Script(format!("the attribute {key}")));
        }
        let link = matches!(key.as_str(), "href" | "src" | "action" | "formaction");
        if link && crate::scheme::scheme_of(&value).is_some_and(|s| crate::scheme::runs_script(&s))
        {
            return Err(Problem::Script(format!("a {key} that runs script")));
        }
    }
    Ok(())
}

/// The root element's size: `width` and `height` in pixels, or the `viewBox`'s.
fn size_of(svg: &BytesStart) -> Option<(u32, u32)> {
    let attr = |name: &str| {
        svg.attributes()
            .flatten()
            .find(|a| a.key.local_name().as_ref() == name.as_bytes())
            .map(|a| String::from_utf8_lossy(&a.value).into_owned())
    };
    let pixels = |v: Option<String>| {
        let v = v?;
        let number = v.trim().strip_suffix("px").unwrap_or(v.trim());
        positive(number)
    };
    if let (Some(w), Some(h)) = (pixels(attr("width")), pixels(attr("height"))) {
        return Some((w, h));
    }
    let view_box = attr("viewBox")?;
    let numbers: Vec<&str> = view_box
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|s| !s.is_empty())
        .collect();
    match numbers.as_slice() {
        [_, _, w, h] => Some((positive(w)?, positive(h)?)),
        _ => None,
    }
}

/// A positive length in whole pixels, rounded.
fn positive(number: &str) -> Option<u32> {
    let n: f64 = number.parse().ok()?;
    (n.is_finite() && n >= 0.5 && n < f64::from(u32::MAX)).then(|| n.round() as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_size_comes_from_width_and_height_or_the_view_box() {
        let size = |t: &str| read(t).unwrap().dimensions;
        assert_eq!(
            size(r#"<svg width="300px" height="150"/>"#),
            Some((300, 150))
        );
        assert_eq!(
            size(
                r#"<?xml version="1.0"?><svg width="10cm" height="5cm" viewBox="0,0,400.4,200"></svg>"#
            ),
            Some((400, 200))
        );
        assert_eq!(size(r#"<svg width="100%"/>"#), None);
    }

    #[test]
    fn script_and_other_files_are_refused() {
        for scripted in [
            r#"<svg><script>alert(1)</script></svg>"#,
            r#"<svg onload="alert(1)"/>"#,
            r#"<svg><a href="javascript:alert(1)"><text>x</text></a></svg>"#,
            r#"<svg xmlns:xlink="http://www.w3.org/1999/xlink"><a xlink:href=" JavaScript:x">y</a></svg>"#,
        ] {
            assert!(
                matches!(read(scripted), Err(Problem::Script(_))),
                "{scripted}"
            );
        }
        assert!(matches!(read("<html></html>"), Err(Problem::NotSvg(_))));
        assert!(matches!(read("not xml"), Err(Problem::NotSvg(_))));
        assert!(read(r#"<svg><a href="https://example.org/">x</a></svg>"#).is_ok());
    }
}
