//! The `unitpress` command line.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use unitpress::diagnostic::Diagnostic;
use unitpress::render::Edition;
use unitpress::site::{self, BuildOptions};

/// Build a static course website from qualification-unit content.
#[derive(Parser)]
#[command(version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into the output folder.
    Build {
        /// The content folder.
        #[arg(long, default_value = "content")]
        content: PathBuf,
        /// Where the site is written; replaced only when the build succeeds.
        #[arg(long, default_value = "public")]
        out: PathBuf,
        /// `learner` leaves out all teacher-facing material.
        #[arg(long, value_enum, default_value_t = Edition::Full)]
        edition: Edition,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build {
            content,
            out,
            edition,
        } => {
            let options = BuildOptions {
                content,
                out,
                edition,
            };
            match site::build(&options) {
                Ok(report) => {
                    println!(
                        "Built {} pages in {} ms into {}",
                        report.pages,
                        report.total.as_millis(),
                        options.out.display()
                    );
                    ExitCode::SUCCESS
                }
                Err(errors) => fail(&errors),
            }
        }
    }
}

/// Prints every diagnostic and a count, and returns the failure exit code.
fn fail(errors: &[Diagnostic]) -> ExitCode {
    for e in errors {
        eprintln!("{e}");
    }
    eprintln!(
        "build failed: {} error{}; the previous output was left as it was",
        errors.len(),
        if errors.len() == 1 { "" } else { "s" }
    );
    ExitCode::from(1)
}
