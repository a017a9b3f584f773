use super::*;

#[test]
fn every_route_parses_back_from_its_path() {
    let routes = [
        Route::Home,
        Route::NotFound,
        Route::Search,
        Route::Progression,
        Route::Accessibility,
        Route::Unit("u"),
        Route::Outcome("u", "3"),
        Route::Outcome("u", "ab"),
        Route::Criterion("u", "1-1"),
        Route::Knowledge("u", "k"),
        Route::Progress("u"),
        Route::Brief("u", "b"),
        Route::BriefPack("u"),
        Route::Asset("style.css"),
        Route::SearchPart(SearchPart::Terms, 0),
        Route::SearchPart(SearchPart::Lengths, 3),
        Route::SearchPart(SearchPart::Docs, 12),
        Route::SearchPart(SearchPart::Criterion, 7),
        Route::SearchManifest,
        Route::SearchWords,
        Route::SearchVocabulary,
        Route::ScormLaunch("u"),
        Route::File(FileAt {
            unit: Some("u"),
            version: "0123456789",
            name: "chain.svg",
        }),
        Route::File(FileAt {
            unit: None,
            version: "abcdef0123",
            name: "diagrams/logo.png",
        }),
        FileAt {
            unit: Some("u"),
            version: "0123456789",
            name: "shop-front.jpg",
        }
        .smaller(480),
    ];
    for r in routes {
        let path = r.path();
        assert_eq!(Route::parse(&path), Some(r), "{path}");
    }
    assert_eq!(Route::parse("units/u/outcomes/x/y/index.html"), None);
    assert_eq!(Route::parse("units/u/other/index.html"), None);
    assert_eq!(Route::Criterion("u", "p1").unit(), Some("u"));
    assert_eq!(Route::Search.unit(), None);
    assert_eq!(Route::parse("search/terms/x.js"), None);
}

#[test]
fn a_parts_template_with_its_number_is_its_address() {
    for part in SearchPart::ALL {
        assert_eq!(
            part.template().replace(PART_NUMBER, "42"),
            Route::SearchPart(part, 42).path()
        );
    }
}

#[test]
fn root_prefix_climbs_one_level_per_folder() {
    assert_eq!(root_prefix("index.html"), "");
    assert_eq!(root_prefix("units/unit-10/index.html"), "../../");
    assert_eq!(
        root_prefix("units/unit-10/criteria/p1/index.html"),
        "../../../../"
    );
}

#[test]
fn site_links_name_pages_or_the_files_that_make_them() {
    let page = |p: &str| site_link(p, None);
    assert_eq!(
        page("units/u/criteria/P4/").0,
        "units/u/criteria/p4/index.html"
    );
    assert_eq!(
        page("units/u/criteria/AB.D1").0,
        "units/u/criteria/ab-d1/index.html"
    );
    assert_eq!(
        page("units/u/outcomes/A.md").0,
        "units/u/outcomes/a/index.html"
    );
    assert_eq!(
        page("units/u/outcomes/LO3/").0,
        "units/u/outcomes/lo3/index.html"
    );
    assert_eq!(page("units/u/unit.md").0, "units/u/index.html");
    assert_eq!(
        page("units/u/knowledge/k.md").0,
        "units/u/knowledge/k/index.html"
    );
    assert_eq!(
        page("units/u/assessment/s.md"),
        ("units/u/index.html".into(), Some("scenario-s".into()))
    );
}
