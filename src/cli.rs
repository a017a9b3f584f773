//! The command line's words, as clap reads them: the commands, their options and what each
//! means (what `unitpress help` prints). Part of the `unitpress` binary (main.rs), not of the
//! library.

use std::net::{IpAddr, Ipv4Addr};
use std::path::PathBuf;

use clap::{Parser, Subcommand};
use unitpress::check::report::Format;
use unitpress::export;
use unitpress::model::Edition;
use unitpress::scaffold::{self, StarterShape};

/// Build a static course website from qualification-unit content.
#[derive(Parser)]
#[command(version, about, after_help = QUICK_START)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// What `unitpress` alone prints: the whole quick start, in three lines.
pub const QUICK_START: &str = "Start a course:  unitpress new site my-course   then   cd my-course
See it:          unitpress serve   (open the address it prints; edit files in content/, pages reload)
Then:            unitpress check, unitpress build (or build --zip course.zip); unitpress help COMMAND";

#[derive(Subcommand)]
pub enum Command {
    /// Build the site into the output folder.
    Build {
        /// The content folder.
        #[arg(long, default_value = "content")]
        content: PathBuf,
        /// Where the site is written; replaced only when the build succeeds.
        #[arg(long, default_value = "public")]
        out: PathBuf,
        /// `teacher` adds the material meant for teachers (delivery and marking guidance).
        #[arg(long, value_enum, default_value_t = EditionArg::Learner)]
        edition: EditionArg,
        /// Also print how long each stage of the build took.
        #[arg(long)]
        timings: bool,
        /// Also write the built site as one zip file, to open from disk (USB stick, SharePoint,
        /// Teams): unzipped anywhere, its index.html opens in a browser.
        #[arg(long, value_name = "FILE")]
        zip: Option<PathBuf>,
    },
    /// Build and serve the site, rebuilding and reloading open pages on every change.
    Serve {
        /// The content folder.
        #[arg(long, default_value = "content")]
        content: PathBuf,
        /// The port to listen on; 0 picks a free one.
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// The address to listen on. Only this computer can reach the default; 0.0.0.0 lets
        /// every computer on the network in.
        #[arg(long, default_value_t = IpAddr::V4(Ipv4Addr::LOCALHOST))]
        bind: IpAddr,
        /// `teacher` adds the material meant for teachers (delivery and marking guidance).
        #[arg(long, value_enum, default_value_t = EditionArg::Learner)]
        edition: EditionArg,
        /// Also print how long each stage of every rebuild took.
        #[arg(long)]
        timings: bool,
    },
    /// Check the content without writing anything: errors, broken links, gaps, placeholders.
    Check {
        /// The content folder.
        #[arg(long, default_value = "content")]
        content: PathBuf,
        /// Fail (exit status 1) on warnings too.
        #[arg(long)]
        deny_warnings: bool,
        /// `json` prints one JSON object, for CI.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Export the course for Moodle: a question bank (moodle-xml, gift) or a SCORM 1.2 package.
    Export {
        /// moodle-xml and gift hold the quizzes' questions; scorm the learner edition, one SCO per
        /// unit reporting quiz scores to the LMS.
        #[arg(value_enum)]
        format: export::Format,
        /// The content folder.
        #[arg(long, default_value = "content")]
        content: PathBuf,
        /// The file to write [default: course-moodle.xml, course-gift.txt or course-scorm.zip,
        /// named after the unit with --unit].
        #[arg(long)]
        out: Option<PathBuf>,
        /// Only this unit (its folder name under units/).
        #[arg(long)]
        unit: Option<String>,
        /// How ordering questions are written: `matching` pairs each position with its item, for
        /// Moodle before 4.4 and for GIFT, which has no ordering type.
        #[arg(long, value_enum, default_value_t = export::Ordering::Ordering)]
        ordering: export::Ordering,
    },
    /// Create something new from a commented example.
    New {
        #[command(subcommand)]
        what: New,
    },
}

/// The editions a build can make (see [`Edition`]).
#[derive(Clone, Copy, clap::ValueEnum)]
pub enum EditionArg {
    /// Leaves out every section meant for teachers: the one to publish.
    Learner,
    /// Adds delivery and marking guidance, each page marked as the teacher edition.
    #[value(alias = "full")]
    Teacher,
}

impl From<EditionArg> for Edition {
    fn from(arg: EditionArg) -> Self {
        match arg {
            EditionArg::Learner => Edition::Learner,
            EditionArg::Teacher => Edition::Teacher,
        }
    }
}

#[derive(Subcommand)]
pub enum New {
    /// A course folder: site.toml, command verbs, an example unit, a README and publishing files
    /// for GitHub Pages and GitLab Pages. It builds and passes `check` as it is.
    Site {
        /// The folder to create; it must not exist yet, or be empty.
        dir: PathBuf,
        /// The kind of unit the example is.
        #[arg(long, value_enum, default_value_t = StarterShape::Graded)]
        shape: StarterShape,
    },
    /// A unit folder with an example of every kind of file, its placeholders marked TODO.
    Unit {
        /// The unit's folder name, used in its web addresses: lower-case letters, digits, dashes.
        /// A number in it (unit-12, r064) becomes the unit's number.
        slug: String,
        /// The content folder.
        #[arg(long, default_value = "content")]
        content: PathBuf,
        /// The shape of unit to start from.
        #[arg(long, value_enum, default_value_t = ShapeArg::Graded)]
        shape: ShapeArg,
    },
}

/// The shapes `new unit` scaffolds (see [`scaffold::Shape`]).
#[derive(Clone, Copy, clap::ValueEnum)]
pub enum ShapeArg {
    /// Pass, merit and distinction under numbered learning outcomes (Cambridge Technicals).
    Graded,
    /// Learning aims A, B with criteria A.P1 … AB.D1 (BTEC Nationals).
    Aims,
    /// Criteria met or not yet met (NVQ units).
    Competence,
    /// Performance criteria and knowledge of an occupational standard.
    Standard,
    /// Marking criteria in mark bands, summed to a total (Cambridge Nationals).
    Marks,
}

impl From<ShapeArg> for scaffold::Shape {
    fn from(arg: ShapeArg) -> Self {
        match arg {
            ShapeArg::Graded => scaffold::Shape::Graded,
            ShapeArg::Aims => scaffold::Shape::Aims,
            ShapeArg::Competence => scaffold::Shape::Competence,
            ShapeArg::Standard => scaffold::Shape::Standard,
            ShapeArg::Marks => scaffold::Shape::Marks,
        }
    }
}
