//! The question bank in GIFT, Moodle's plain-text question format. GIFT holds single and
//! select-all choice (with weights), true/false, matching and essay questions, per-answer (`#`)
//! and general (`####`) feedback, categories (`$CATEGORY:`) and, in a comment Moodle reads,
//! each question's id number and tags. It has no ordering question: those are left out and
//! each is reported, unless `--ordering matching` writes them as matching questions.

use std::fmt::Write as _;

use super::bank::{self, Entry, Filed};
use super::{fractions, html, xml_chars, Ordering, Written};
use crate::diagnostic::Diagnostic;
use crate::model::{Course, QuestionKind, Unit};

/// Writes the bank of `units` as a GIFT file.
pub(crate) fn write(
    course: &Course,
    units: &[&Unit],
    ordering: Ordering,
) -> Result<Written, Vec<Diagnostic>> {
    let mut out = String::from("// Written by unitpress: import into Moodle as GIFT format.\n\n");
    let mut left_out = Vec::new();
    let mut errors = Vec::new();
    let (mut questions, mut categories) = (0, 0);
    for entry in bank::entries(course, units) {
        match entry {
            Entry::Category(c) => {
                categories += 1;
                // Moodle reads a category path as written: no escapes, one line.
                let path = one_line(&c.path);
                let _ = writeln!(out, "$CATEGORY: {path}\n");
            }
            Entry::Question(f) => match question(&f, ordering) {
                Ok(Some(text)) => {
                    questions += 1;
                    out.push_str(&text);
                }
                Ok(None) => left_out.push(format!(
                    "    unit `{}`, {} quiz: `{}`",
                    f.unit.slug, f.criterion.id, f.question.id
                )),
                Err(e) => errors.push(e),
            },
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut summary = format!("{questions} questions in {categories} categories");
    let mut warnings = Vec::new();
    if !left_out.is_empty() {
        let _ = write!(summary, "; {} ordering questions left out", left_out.len());
        warnings.push(
            Diagnostic::error(format!(
                "GIFT has no ordering question, so {} were left out:\n{}",
                left_out.len(),
                left_out.join("\n")
            ))
            .help("export moodle-xml to keep them, or add --ordering matching to write them as matching questions")
            .warning(),
        );
    }
    Ok(Written {
        bytes: out.into_bytes(),
        summary,
        warnings,
    })
}

/// One question with its id and tags comment and a blank line after it; `None` for an
/// ordering question written as such, which GIFT cannot hold.
fn question(f: &Filed, ordering: Ordering) -> Result<Option<String>, Diagnostic> {
    let q = f.question;
    let mut out = String::from("//");
    if let Some(id) = &f.idnumber {
        let _ = write!(out, " [id:{}]", bracketed(id));
    }
    for tag in &f.tags {
        let _ = write!(out, " [tag:{}]", bracketed(tag));
    }
    let mut stem = format!("<p>{}</p>", html(&q.prompt));
    let answers = match &q.kind {
        QuestionKind::Single { options } => options
            .iter()
            .map(|o| {
                let mark = if o.correct { "=" } else { "~" };
                format!("\t{mark}{}", answer(&o.text, &o.feedback))
            })
            .collect::<Vec<_>>()
            .join("\n"),
        QuestionKind::Multiple { options } => {
            let correct: Vec<bool> = options.iter().map(|o| o.correct).collect();
            let grades = fractions::select_all(&correct).map_err(|e| f.about(e))?;
            options
                .iter()
                .zip(grades)
                .map(|(o, g)| format!("\t~%{}%{}", g.0, answer(&o.text, &o.feedback)))
                .collect::<Vec<_>>()
                .join("\n")
        }
        QuestionKind::TrueFalse { answer } => (if *answer { "TRUE" } else { "FALSE" }).into(),
        QuestionKind::Match { pairs } => pairs
            .iter()
            .map(|p| pair(&p.left, &p.right))
            .collect::<Vec<_>>()
            .join("\n"),
        QuestionKind::Order { items } => match ordering {
            Ordering::Ordering => return Ok(None),
            Ordering::Matching => {
                stem.push_str("<p>Choose the item that belongs in each position, 1 first.</p>");
                items
                    .iter()
                    .enumerate()
                    .map(|(i, item)| pair(&format!("Position {}", i + 1), item))
                    .collect::<Vec<_>>()
                    .join("\n")
            }
        },
        QuestionKind::Written { .. } => String::new(),
    };
    let general = f.general_feedback();
    let _ = write!(out, "\n::{}::[html]{}{{", escape(&f.name), escape(&stem));
    let block = !answers.is_empty() && answers.starts_with('\t');
    if block {
        let _ = write!(out, "\n{answers}\n");
    } else {
        out.push_str(&answers);
    }
    if !general.is_empty() {
        let _ = write!(
            out,
            "{}####{}",
            if block { "\t" } else { "" },
            escape(&general)
        );
        if block {
            out.push('\n');
        }
    }
    out.push_str("}\n\n");
    Ok(Some(out))
}

/// `text#feedback`, both HTML, escaped for GIFT.
fn answer(text: &str, feedback: &str) -> String {
    let mut out = escape(&leading(&html(text)));
    if !feedback.trim().is_empty() {
        let _ = write!(out, "#{}", escape(&leading(&html(feedback))));
    }
    out
}

/// `=left -> right`: the left side is HTML, so an arrow in it is written `-&gt;` and the pair
/// is split at the arrow between the sides; the right side is plain text.
fn pair(left: &str, right: &str) -> String {
    let left = leading(&html(left));
    format!("\t={} -> {}", escape(&left), escape(&one_line(right)))
}

/// HTML that begins with `[` or `%` would be read as a text format or a weight: those first
/// characters are written as entities.
fn leading(html: &str) -> String {
    let html = html.trim_start();
    match html.chars().next() {
        Some('[') => format!("&#91;{}", &html[1..]),
        Some('%') => format!("&#37;{}", &html[1..]),
        _ => html.to_string(),
    }
}

/// Escapes GIFT's special characters, and writes line breaks as `\n` so that a text never
/// holds the blank line that ends a question.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in xml_chars(text).chars() {
        match c {
            '\\' | '~' | '=' | '#' | '{' | '}' | ':' => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Within `[id:…]` and `[tag:…]` a closing bracket is escaped.
fn bracketed(text: &str) -> String {
    one_line(text).replace(']', "\\]")
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn special_characters_are_escaped_and_lines_joined() {
        assert_eq!(
            escape("a=b ~c #d {e} f: g\\h\nnext\r"),
            "a\\=b \\~c \\#d \\{e\\} f\\: g\\\\h\\nnext"
        );
    }

    #[test]
    fn a_leading_bracket_or_percent_is_not_read_as_format_or_weight() {
        assert_eq!(leading("[x] box"), "&#91;x] box");
        assert_eq!(leading("%50 off"), "&#37;50 off");
        assert_eq!(leading("plain"), "plain");
    }

    #[test]
    fn an_arrow_on_the_left_of_a_pair_does_not_split_it() {
        assert_eq!(pair("a -> b", "c -> d"), "\t=a -&gt; b -> c -> d");
    }
}
