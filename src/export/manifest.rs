//! imsmanifest.xml for a SCORM 1.2 package (IMS Content Packaging 1.1.2 with ADL's SCORM 1.2
//! extensions): one organization whose items each launch a SCO, every SCO depending on one
//! shared resource that lists every file of the site.

use std::io;

use quick_xml::events::{BytesDecl, BytesText, Event};
use quick_xml::Writer;

use super::xml_chars;

/// One SCO: an item of the organization and the resource it launches.
pub struct Sco {
    /// Unique within the manifest; letters, digits and dashes, starting with a letter.
    pub identifier: String,
    pub title: String,
    /// The launch file, relative to the package root.
    pub href: String,
}

const CP: &str = "http://www.imsproject.org/xsd/imscp_rootv1p1p2";
const ADLCP: &str = "http://www.adlnet.org/xsd/adlcp_rootv1p2";
const SCHEMA_LOCATIONS: &str = "http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd";

/// The manifest of a package called `title` whose SCOs are `scos` and whose other files are
/// `files` (paths relative to the package root, with forward slashes).
pub fn write(identifier: &str, title: &str, scos: &[Sco], files: &[String]) -> io::Result<Vec<u8>> {
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    w.create_element("manifest")
        .with_attributes([
            ("identifier", identifier),
            ("version", "1"),
            ("xmlns", CP),
            ("xmlns:adlcp", ADLCP),
            ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
            ("xsi:schemaLocation", SCHEMA_LOCATIONS),
        ])
        .write_inner_content(|w| {
            w.create_element("metadata").write_inner_content(|w| {
                text(w, "schema", "ADL SCORM")?;
                text(w, "schemaversion", "1.2")
            })?;
            w.create_element("organizations")
                .with_attribute(("default", "course"))
                .write_inner_content(|w| {
                    w.create_element("organization")
                        .with_attribute(("identifier", "course"))
                        .write_inner_content(|w| {
                            text(w, "title", title)?;
                            for sco in scos {
                                let item = format!("item-{}", sco.identifier);
                                w.create_element("item")
                                    .with_attributes([
                                        ("identifier", item.as_str()),
                                        ("identifierref", sco.identifier.as_str()),
                                        ("isvisible", "true"),
                                    ])
                                    .write_inner_content(|w| text(w, "title", &sco.title))?;
                            }
                            Ok(())
                        })?;
                    Ok(())
                })?;
            w.create_element("resources").write_inner_content(|w| {
                for sco in scos {
                    let href = uri(&sco.href);
                    w.create_element("resource")
                        .with_attributes([
                            ("identifier", sco.identifier.as_str()),
                            ("type", "webcontent"),
                            ("adlcp:scormtype", "sco"),
                            ("href", href.as_str()),
                        ])
                        .write_inner_content(|w| {
                            w.create_element("file")
                                .with_attribute(("href", href.as_str()))
                                .write_empty()?;
                            w.create_element("dependency")
                                .with_attribute(("identifierref", "site"))
                                .write_empty()?;
                            Ok(())
                        })?;
                }
                w.create_element("resource")
                    .with_attributes([
                        ("identifier", "site"),
                        ("type", "webcontent"),
                        ("adlcp:scormtype", "asset"),
                    ])
                    .write_inner_content(|w| {
                        for file in files {
                            w.create_element("file")
                                .with_attribute(("href", uri(file).as_str()))
                                .write_empty()?;
                        }
                        Ok(())
                    })?;
                Ok(())
            })?;
            Ok(())
        })?;
    let mut bytes = w.into_inner();
    bytes.push(b'\n');
    Ok(bytes)
}

fn text(w: &mut Writer<Vec<u8>>, name: &str, value: &str) -> io::Result<()> {
    w.create_element(name)
        .write_text_content(BytesText::new(&xml_chars(value)))?;
    Ok(())
}

/// A path as a URI reference: every byte but unreserved characters and slashes is
/// percent-encoded, so a file name with a space or `#` still names its file.
fn uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_percent_encoded() {
        assert_eq!(uri("assets/a b#1é.png"), "assets/a%20b%231%C3%A9.png");
        assert_eq!(uri("units/unit-5/index.html"), "units/unit-5/index.html");
    }

    #[test]
    fn each_sco_is_an_item_and_a_resource_depending_on_the_site() {
        let scos = [Sco {
            identifier: "sco-unit-5".into(),
            title: "Unit 5 & more".into(),
            href: "scorm/unit-5.html".into(),
        }];
        let xml = String::from_utf8(
            write("unitpress-x", "Course", &scos, &["index.html".into()]).unwrap(),
        )
        .unwrap();
        assert!(
            xml.contains(
                r#"<item identifier="item-sco-unit-5" identifierref="sco-unit-5" isvisible="true">"#
            ),
            "{xml}"
        );
        assert!(xml.contains("<title>Unit 5 &amp; more</title>"), "{xml}");
        assert!(
            xml.contains(r#"adlcp:scormtype="sco" href="scorm/unit-5.html""#),
            "{xml}"
        );
        assert!(
            xml.contains(r#"<dependency identifierref="site"/>"#),
            "{xml}"
        );
        assert!(xml.contains(r#"<file href="index.html"/>"#), "{xml}");
        assert!(xml.contains("<schemaversion>1.2</schemaversion>"), "{xml}");
    }
}
