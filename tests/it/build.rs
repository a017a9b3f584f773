//! End-to-end tests of `unitpress build`: a valid fixture site builds every page; each kind of
//! content fault stops the build with a positioned, helpful error and leaves the previous site
//! exactly as it was; the learner edition leaves out the teacher-facing material.

use std::fs;
use std::path::Path;

use crate::common::faults::*;
use crate::common::*;

const UNIT: &str = "units/demo-unit";

#[test]
fn minimal_site_builds_every_page_and_reports_a_summary() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    let run = build_ok(&fixture("minimal"), &out, &[]);

    let pages = html_files(&out);
    let expected = [
        "index.html".to_string(),
        format!("{UNIT}/index.html"),
        format!("{UNIT}/outcomes/1/index.html"),
        format!("{UNIT}/outcomes/2/index.html"),
        format!("{UNIT}/criteria/p1/index.html"),
        format!("{UNIT}/criteria/m1/index.html"),
        format!("{UNIT}/criteria/d1/index.html"),
        format!("{UNIT}/knowledge/demo-parts/index.html"),
        format!("{UNIT}/knowledge/how-demos-work/index.html"),
        format!("{UNIT}/progress/index.html"),
        format!("{UNIT}/briefs/index.html"),
        format!("{UNIT}/briefs/demo-report/index.html"),
        format!("{UNIT}/briefs/demo-judgement/index.html"),
        "search/index.html".to_string(),
        "progression/index.html".to_string(),
        "accessibility/index.html".to_string(),
        "404.html".to_string(),
    ];
    assert_eq!(
        pages.len(),
        expected.len(),
        "exactly these pages: {pages:#?}"
    );
    for page in &expected {
        assert!(pages.contains(page), "{page} is missing; built: {pages:#?}");
    }

    assert!(run.stdout.ends_with('\n'), "{}", run.show());
    let summary = run.stdout.lines().last().unwrap_or_default();
    let parsed = summary
        .strip_prefix("Built ")
        .and_then(|s| s.split_once(" pages in "))
        .and_then(|(n, s)| s.split_once(" ms into ").map(|(ms, into)| (n, ms, into)));
    let Some((count, ms, into)) = parsed else {
        panic!("the last line of stdout is not a build summary: {summary:?}");
    };
    assert_eq!(
        count.parse::<usize>().ok(),
        Some(pages.len()),
        "the summary should count the pages written: {summary:?}"
    );
    assert!(ms.parse::<u64>().is_ok(), "{summary:?}");
    assert_eq!(into, out.display().to_string(), "{summary:?}");

    let criterion = page(&out, &format!("{UNIT}/criteria/p1/index.html"));
    assert_eq!(
        text_of(elements(&criterion, "h1", None)[0]),
        "P1 Describe the parts of a demo"
    );
    let unit = text_of(&page(&out, &format!("{UNIT}/index.html")));
    assert!(unit.contains("Demo unit"), "{unit}");
    assert!(unit.contains("A local club has asked you to report on a demo."));
}

#[test]
fn unclosed_string_in_unit_front_matter_is_rejected() {
    assert_rejected(Fault {
        edit: (
            "units/demo-unit/unit.md",
            "title = \"Demo unit\"",
            // Accented letters: the column counts characters, not bytes.
            "title = \"Démo unité",
        ),
        spot: Spot::AfterEdit,
        message: &["string"],
        help: "quote",
    });
}

#[test]
fn misspelt_key_in_an_outcome_is_rejected() {
    assert_rejected(Fault {
        edit: ("units/demo-unit/outcomes/1.md", "title = ", "titel = "),
        spot: Spot::InEdit("titel"),
        message: &["`titel` is not a key this file can have"],
        help: "did you mean `title`?",
    });
}

#[test]
fn criterion_naming_a_missing_outcome_is_rejected() {
    assert_rejected(Fault {
        edit: (
            "units/demo-unit/criteria.toml",
            "band = \"distinction\"\noutcome = 2",
            "band = \"distinction\"\noutcome = 7",
        ),
        spot: Spot::InEdit("7"),
        message: &["no learning outcome 7"],
        help: "outcomes/7.md",
    });
}

#[test]
fn duplicate_criterion_id_is_rejected() {
    assert_rejected(Fault {
        edit: (
            "units/demo-unit/criteria.toml",
            "text = \"Evaluate a demo against its aim\"\n",
            "text = \"Evaluate a demo against its aim\"\n\n[[criterion]]\nid = \"M1\"\n\
             band = \"merit\"\noutcome = 2\ntext = \"Explain a demo\"\n",
        ),
        spot: Spot::InEdit("\"M1\""),
        message: &["`M1`", "twice"],
        help: "line 8",
    });
}

#[test]
fn missing_required_key_is_rejected() {
    assert_rejected(Fault {
        edit: (
            "units/demo-unit/unit.md",
            "aim = \"By the end of this unit learners will know the parts of a demo and how they \
             work.\"\n",
            "",
        ),
        // A missing key belongs to no line of its own: the error points at the front matter.
        spot: Spot::At(2, 1),
        message: &["missing", "`aim`"],
        help: "`aim`",
    });
}

#[test]
fn unclosed_front_matter_fence_is_rejected() {
    assert_rejected(Fault {
        edit: (
            "units/demo-unit/outcomes/2.md",
            "+++\nThis outcome",
            "This outcome",
        ),
        // The error points at the fence that was opened.
        spot: Spot::At(1, 1),
        message: &["never closed"],
        help: "+++",
    });
}

#[test]
fn knowledge_item_naming_an_unknown_criterion_is_rejected() {
    assert_rejected(Fault {
        edit: (
            "units/demo-unit/knowledge/demo-parts.md",
            "criteria = [\"P1\"]",
            "criteria = [\"P1\", \"P9\"]",
        ),
        spot: Spot::InEdit("\"P9\""),
        message: &["`P9`"],
        help: "criteria.toml",
    });
}

#[test]
fn failure_while_rendering_leaves_the_previous_site_and_no_staging_folder() {
    // A site template override that uses a variable no page has fails once pages are being
    // written into the staging folder.
    let tmp = fixture_with_failing_template();
    let run = rebuild_fails_and_keeps_previous_site(&tmp.path().join("content"), tmp.path());
    assert!(
        run.stderr.contains("criteria/p1/index.html"),
        "{}",
        run.show()
    );
    assert!(run.stderr.contains("no_such_variable"), "{}", run.show());
}

#[test]
fn output_folder_that_holds_the_content_is_refused() {
    let tmp = fixture_with(&[]);
    let content = tmp.path().join("content");
    let before = snapshot(&content);
    for out in [content.clone(), tmp.path().to_path_buf()] {
        let run = build(&content, &out, &[]);
        let why = format!("building into {} must not touch the content", out.display());
        assert_unchanged(&content, &before, &why);
        assert_eq!(run.code, Some(1), "{}", run.show());
        assert!(run.stderr.contains("error:"), "{}", run.show());
    }
}

/// The learning outcome pages of a built site.
fn outcome_pages(site: &Path) -> Vec<String> {
    html_files(site)
        .into_iter()
        .filter(|p| p.contains("/outcomes/"))
        .collect()
}

#[test]
fn the_default_learner_edition_has_no_teacher_material_and_the_teacher_edition_says_so() {
    let delivery = repo().join("content/units/unit-10/delivery");
    let first_sentences: Vec<String> = files_below(&delivery)
        .iter()
        .map(|f| {
            let text = normalise(&fs::read_to_string(delivery.join(f)).unwrap());
            text.split_inclusive(". ")
                .next()
                .unwrap()
                .trim()
                .to_string()
        })
        .collect();
    assert!(
        !first_sentences.is_empty(),
        "the bundled unit has delivery guidance"
    );

    let (_full_tmp, full) = build_bundled(&["--edition", "teacher"]);
    // Unit 10 has delivery guidance for each of its outcomes; the other units have none.
    let full_outcomes: Vec<String> = outcome_pages(&full)
        .into_iter()
        .filter(|p| p.starts_with("units/unit-10/"))
        .collect();
    assert_eq!(
        full_outcomes.len(),
        first_sentences.len(),
        "{full_outcomes:?}"
    );
    let full_text: String = full_outcomes.iter().map(|p| page(&full, p)).collect();
    for p in &full_outcomes {
        assert!(
            page(&full, p).contains("For teachers"),
            "{p}: the full edition shows teachers' notes on every learning outcome page"
        );
    }
    for s in &first_sentences {
        assert!(
            text_of(&full_text).contains(s.as_str()),
            "full edition lacks {s:?}"
        );
    }

    // The learner edition is what a plain `build` makes.
    let (_learner_tmp, learner) = build_bundled(&[]);
    // Search must not find what the pages leave out.
    let index = |site: &Path| search_index_text(site);
    assert!(index(&full).contains("Delivery guidance for learning outcome 1"));
    assert!(
        !index(&learner).contains("Delivery guidance for learning outcome"),
        "the learner edition's search index holds delivery guidance"
    );
    assert_eq!(
        outcome_pages(&learner),
        outcome_pages(&full),
        "both editions have every learning outcome page"
    );
    for p in html_files(&full) {
        let html = page(&full, &p);
        assert!(
            html.contains("<strong>Teacher edition</strong>"),
            "{p}: a teacher-edition page says so in a banner"
        );
        assert!(
            html.contains(r#"<meta name="robots" content="noindex">"#),
            "{p}: a teacher-edition page asks search engines not to index it"
        );
    }
    for p in html_files(&learner) {
        let html = page(&learner, &p);
        assert!(!html.contains("For teachers"), "{p} shows teachers' notes");
        assert!(
            !html.contains("Teacher edition"),
            "{p} has the teacher banner"
        );
        assert!(!html.contains("noindex"), "{p} keeps search engines out");
        assert!(
            !html.contains("What a response looks like"),
            "{p} shows response-level marking guidance"
        );
        let text = text_of(&html);
        for s in &first_sentences {
            assert!(
                !text.contains(s.as_str()),
                "{p} shows delivery guidance {s:?}"
            );
        }
    }
}

#[test]
fn an_outcome_file_with_a_padded_number_is_refused() {
    let tmp = fixture_with(&[]);
    let outcomes = tmp.path().join("content/units/demo-unit/outcomes");
    fs::copy(outcomes.join("1.md"), outcomes.join("01.md")).unwrap();
    let run = build(&tmp.path().join("content"), &tmp.path().join("out"), &[]);
    assert_eq!(run.code, Some(1), "{}", run.show());
    assert!(
        run.stderr
            .contains("`01.md` is not named by a learning outcome number"),
        "{}",
        run.show()
    );
}

#[test]
fn a_theme_that_forgets_the_edition_still_shows_learners_no_teacher_material() {
    let tmp = fixture_with(&[]);
    let templates = tmp.path().join("templates");
    fs::create_dir(&templates).unwrap();
    // An outcome page that shows delivery guidance whenever there is some, edition or not.
    fs::write(
        templates.join("outcome.html"),
        "{% if outcome.delivery %}<div>{{ outcome.delivery.html | safe }}</div>{% endif %}\n",
    )
    .unwrap();
    let delivery =
        fs::read_to_string(tmp.path().join("content/units/demo-unit/delivery/1.md")).unwrap();
    let sentence = delivery.lines().find(|l| l.len() > 20).unwrap().trim();
    let out = tmp.path().join("site");
    build_ok(&tmp.path().join("content"), &out, &[]);
    let learner = page(&out, "units/demo-unit/outcomes/1/index.html");
    assert!(!learner.contains(sentence), "{learner}");
    build_ok(&tmp.path().join("content"), &out, &["--edition", "teacher"]);
    let teacher = page(&out, "units/demo-unit/outcomes/1/index.html");
    assert!(teacher.contains(sentence), "{teacher}");
}
