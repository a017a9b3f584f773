//! The render stage: compiles the theme's tera templates once, then renders every page in
//! parallel straight into the output staging folder.

mod brief_view;
mod links;
mod pages;
mod quiz_view;
pub mod theme;
mod unit_links;
pub mod urls;
mod views;

use std::error::Error as _;

use rayon::prelude::*;
use tera::Tera;

use crate::diagnostic::Diagnostic;
use crate::model::Course;
use crate::write::Staging;
pub use theme::Theme;
pub use views::unit_label;

/// Which material a build includes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Edition {
    /// Everything, teacher-facing material included.
    #[default]
    Full,
    /// Leaves out every section meant for teachers.
    Learner,
}

/// Compiled templates and the theme's assets.
pub struct Renderer {
    tera: Tera,
    assets: Vec<(String, Vec<u8>)>,
}

impl Renderer {
    /// Compiles the theme's templates.
    pub fn new(theme: Theme) -> Result<Self, Diagnostic> {
        let mut tera = Tera::default();
        tera.autoescape_on(vec![".html"]);
        tera.add_raw_templates(theme.templates)
            .map_err(|e| template_error("the theme's templates do not compile", &e))?;
        Ok(Renderer {
            tera,
            assets: theme.assets,
        })
    }

    /// Renders every page of `course` and copies the theme assets into `out`. Returns the number
    /// of pages written.
    pub fn render(
        &self,
        course: &Course,
        edition: Edition,
        out: &Staging,
    ) -> Result<usize, Vec<Diagnostic>> {
        let all = pages::all(course);
        let links = links::CrossLinks::new(course);
        let errors: Vec<Diagnostic> = all
            .par_iter()
            .filter_map(|page| {
                let path = page.path(course);
                let html = self
                    .tera
                    .render(page.template(), &page.context(course, edition, &links))
                    .map_err(|e| template_error(&format!("cannot render {path}"), &e));
                html.and_then(|html| out.write(&path, html.as_bytes()))
                    .err()
            })
            .collect();
        let mut errors = errors;
        for (path, bytes) in &self.assets {
            if let Err(e) = out.write(&format!("assets/{path}"), bytes) {
                errors.push(e);
            }
        }
        if errors.is_empty() {
            Ok(all.len())
        } else {
            Err(errors)
        }
    }
}

/// A tera error with its whole chain of causes, which is where tera puts the useful part.
fn template_error(what: &str, e: &tera::Error) -> Diagnostic {
    let mut message = format!("{what}: {e}");
    let mut source = e.source();
    while let Some(s) = source {
        message.push_str(&format!("\n  caused by: {s}"));
        source = s.source();
    }
    Diagnostic::error(message).help("check the template named above in the theme or in templates/")
}
