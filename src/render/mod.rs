//! The render stage: compiles the theme's tera templates once, then renders every page in
//! parallel, handed to a sink (the staging folder of a build, or serve's site folder).

mod brief_view;
pub mod course_files;
mod css;
mod grid;
mod nav;
mod pages;
mod quiz_view;
pub mod resize;
pub mod theme;
mod unit_links;
mod unit_page;
mod views;

use std::error::Error as _;
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;
use tera::Tera;

use crate::diagnostic::Diagnostic;
use crate::model::{Course, Edition};
use crate::routes::Route;
pub use theme::Theme;
pub use views::{unit_heading, unit_label};

pub(crate) use crate::escape::escape_html;
pub use course_files::Publish;

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
        tera.set_escape_fn(escape_html);
        tera.register_filter("css_string", css::filter);
        tera.add_raw_templates(theme.templates)
            .map_err(|e| template_error("the theme's templates do not compile", &e))?;
        Ok(Renderer {
            tera,
            assets: theme.assets,
        })
    }

    /// Renders every page of `course` and copies the theme assets and the course files it uses
    /// (with their smaller copies) to `to`, calling `on_page` after each page is written.
    /// Returns the number of pages written.
    pub fn render(
        &self,
        course: &Course,
        edition: Edition,
        to: &Publish,
        on_page: &(dyn Fn() + Sync),
    ) -> Result<usize, Vec<Diagnostic>> {
        let out = to.out;
        let written = self.render_each(course, edition, &|_| true, &|path, html| {
            out(path, html.as_bytes())?;
            on_page();
            Ok(())
        });
        let mut errors = written.as_ref().err().cloned().unwrap_or_default();
        for (path, bytes) in &self.assets {
            if let Err(e) = out(&Route::Asset(path).path(), bytes) {
                errors.push(e);
            }
        }
        errors.extend(course_files::write_files(course, to));
        match written {
            Ok(pages) if errors.is_empty() => Ok(pages),
            _ => Err(errors),
        }
    }

    /// Renders, in parallel, the pages of `course` whose output path `wanted` accepts, and hands
    /// each to `sink` as (path from the site root, HTML). Returns how many were rendered, or every
    /// error of the rendering and of the sink.
    pub fn render_each(
        &self,
        course: &Course,
        edition: Edition,
        wanted: &(dyn Fn(&str) -> bool + Sync),
        sink: &(dyn Fn(&str, &str) -> Result<(), Diagnostic> + Sync),
    ) -> Result<usize, Vec<Diagnostic>> {
        let chosen: Vec<(pages::Page, String)> = pages::all(course)
            .into_iter()
            .map(|page| (page, page.path(course)))
            .filter(|(_, path)| wanted(path))
            .collect();
        let errors: Vec<Diagnostic> = chosen
            .par_iter()
            .filter_map(|(page, path)| self.render_page(*page, path, course, edition, sink).err())
            .collect();
        if errors.is_empty() {
            Ok(chosen.len())
        } else {
            Err(errors)
        }
    }

    /// Renders, in parallel, the pages of the units `scope` accepts (by slug; `None` stands for
    /// the site-wide pages), handing each to `sink` as [`Renderer::render_each`] does, while
    /// `go_on` says so: asked before each page, it can cut the work short. Returns how many
    /// pages were rendered. Pages are chosen before their paths are made, which matters when a
    /// few units' pages of thousands are wanted.
    pub fn render_scoped(
        &self,
        course: &Course,
        edition: Edition,
        scope: &(dyn Fn(Option<&str>) -> bool + Sync),
        go_on: &(dyn Fn() -> bool + Sync),
        sink: &(dyn Fn(&str, &str) -> Result<(), Diagnostic> + Sync),
    ) -> Result<usize, Vec<Diagnostic>> {
        let chosen: Vec<pages::Page> = pages::all(course)
            .into_iter()
            .filter(|page| scope(page.unit().map(|u| course.units[u].slug.as_str())))
            .collect();
        let rendered = AtomicUsize::new(0);
        let errors: Vec<Diagnostic> = chosen
            .par_iter()
            .filter(|_| go_on())
            .filter_map(|page| {
                let path = page.path(course);
                let done = self.render_page(*page, &path, course, edition, sink);
                rendered.fetch_add(1, Ordering::Relaxed);
                done.err()
            })
            .collect();
        if errors.is_empty() {
            Ok(rendered.into_inner())
        } else {
            Err(errors)
        }
    }

    /// Renders one page, whose output path is `path`, and hands it to `sink`.
    fn render_page(
        &self,
        page: pages::Page,
        path: &str,
        course: &Course,
        edition: Edition,
        sink: &(dyn Fn(&str, &str) -> Result<(), Diagnostic> + Sync),
    ) -> Result<(), Diagnostic> {
        if crate::interrupt::requested() {
            return Err(crate::interrupt::stopped());
        }
        let context = page.context(path, course, edition, &course.links);
        let html = self
            .tera
            .render(page.template(), &context)
            .map_err(|e| template_error(&format!("cannot render {path}"), &e))?;
        let html = crate::markdown::resolve_site_links(&html, &crate::routes::root_prefix(path));
        sink(path, &html)
    }

    /// The theme's static files, as (path under the site's assets/ folder, bytes).
    pub fn assets(&self) -> &[(String, Vec<u8>)] {
        &self.assets
    }
}

/// How many pages `course` has, without working out where each goes.
pub fn page_count(course: &Course) -> usize {
    pages::all(course).len()
}

/// The output path, from the site root, of every page of `course`.
pub fn page_paths(course: &Course) -> Vec<String> {
    pages::all(course)
        .into_iter()
        .map(|page| page.path(course))
        .collect()
}

/// The output path, from the site root, of every page of the units of `course` that `scope`
/// accepts (by slug; `None` stands for the site-wide pages).
pub fn page_paths_where(course: &Course, scope: impl Fn(Option<&str>) -> bool) -> Vec<String> {
    pages::all(course)
        .into_iter()
        .filter(|page| scope(page.unit().map(|u| course.units[u].slug.as_str())))
        .map(|page| page.path(course))
        .collect()
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_covers_markup_and_quotes_but_leaves_slashes() {
        assert_eq!(
            escape_html(r#"<a href="x/y">'Q&A'</a>"#),
            "&lt;a href=&quot;x/y&quot;&gt;&#39;Q&amp;A&#39;&lt;/a&gt;"
        );
    }

    #[test]
    fn escaping_leaves_out_nul_characters() {
        assert_eq!(escape_html("Which\0 part"), "Which part");
    }
}
