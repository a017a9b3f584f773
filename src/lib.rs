//! unitpress turns a folder of qualification-unit content (Markdown with TOML front matter)
//! into a static course website.
//!
//! The data flows one way: [`load`] reads and parses the files, [`model`] validates them into
//! plain data, [`render`] turns that into pages with the theme's templates, and [`write`](mod@write) swaps
//! the finished site into place. [`site::build`] runs the pipeline; [`export`] writes the same
//! checked model as Moodle question banks and a SCORM package.

pub mod check;
pub mod console;
pub mod course_files;
pub mod diagnostic;
pub mod escape;
pub mod export;
pub mod ids;
pub mod interrupt;
pub mod load;
pub mod markdown;
pub mod model;
pub mod progress;
pub mod render;
pub mod routes;
pub mod scaffold;
pub mod scheme;
pub mod search;
pub mod serve;
pub mod sink;
pub mod site;
pub mod suggest;
pub mod write;
