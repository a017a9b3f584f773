//! The end-to-end tests, in one binary with a module per feature: each builds, checks or
//! serves fixture sites (valid and deliberately broken) with the `unitpress` binary, and the
//! browser module drives Debian's Chromium through the Node scripts in tests/browser/.

mod common;
mod serve_support;

mod brief_errors;
mod browser;
mod build;
mod build_safety;
mod bundled_course;
mod check;
mod content_links;
mod content_text;
mod course_files;
mod course_units;
mod export;
mod fuzz_content;
mod gift;
mod injection;
mod link_safety;
mod moodle_xml;
mod new_site;
mod new_unit;
mod output;
mod publishing;
mod quickstart;
mod quiz_errors;
mod quiz_quality;
mod serve;
mod serve_incremental;
mod serve_limits;
mod shape_errors;
mod site_pages;
mod snapshots;
mod spec_wording;
mod unit_shapes;
mod video;
