//! The command line: clap derive, one function per subcommand. It writes to
//! the writers it is given and never touches the terminal's modes.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use crate::plan::{self, ImportError, LoadError, Plan};

#[derive(Debug, Parser)]
#[command(
    name = "plan-explorer",
    version,
    about = "Explore a city government's annual work plan: a tree, targets and pinyin fuzzy search.",
    after_help = "With no command, opens the terminal app on the plan.\n\nExamples:\n  plan-explorer                       open the app on the embedded plan\n  plan-explorer --plan other.json     open the app on another plan"
)]
pub struct Cli {
    /// Plan file to load instead of the embedded Luzhou 2026 plan.
    #[arg(long, global = true, value_name = "FILE")]
    pub plan: Option<PathBuf>,

    /// Draw borders and tree symbols in plain ASCII.
    #[arg(long)]
    pub ascii: bool,

    /// Open the app on the overview charts.
    #[arg(long)]
    pub overview: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build a plan from a report's text and print it as JSON.
    #[command(
        after_help = "Example:\n  plan-explorer import seeds/luzhou-2026-work-report.txt -o data/luzhou-2026.json"
    )]
    Import {
        /// The report, a UTF-8 text file.
        report: PathBuf,
        /// Write the plan here instead of to stdout.
        #[arg(short, long, value_name = "OUT.json")]
        output: Option<PathBuf>,
    },
    /// Print the loaded plan.
    #[command(after_help = "Example:\n  plan-explorer export --format json | jq '.areas[].title'")]
    Export {
        #[arg(long, value_enum, default_value_t = ExportFormat::Json)]
        format: ExportFormat,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Json,
}

/// What a command found, for the exit status: 0 found, 1 nothing found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Found,
    NothingFound,
}

#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error(transparent)]
    Import(#[from] ImportError),
    #[error(transparent)]
    Load(#[from] LoadError),
    #[error("cannot write {path}: {source}")]
    Write { path: String, source: io::Error },
    #[error(transparent)]
    Tui(#[from] crate::tui::TuiError),
    #[error(transparent)]
    Io(#[from] io::Error),
}

/// True when the NO_COLOR convention asks for no colour.
pub fn no_color() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

/// Parses arguments, runs the command and turns the result into an exit status:
/// 0 found, 1 nothing found, 2 error. A closed pipe ends quietly.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let stdout = io::stdout();
    let mut out = stdout.lock();
    match run(cli, &mut out) {
        Ok(Outcome::Found) => ExitCode::SUCCESS,
        Ok(Outcome::NothingFound) => ExitCode::from(1),
        Err(CliError::Io(e)) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            let _ = writeln!(io::stderr(), "plan-explorer: {e}");
            ExitCode::from(2)
        }
    }
}

/// Loads the plan named by `--plan`, or the embedded one.
pub fn load_plan(path: Option<&Path>) -> Result<Plan, LoadError> {
    match path {
        Some(path) => plan::load::load_file(path),
        None => plan::load::load_embedded(),
    }
}

pub fn run(cli: Cli, out: &mut dyn Write) -> Result<Outcome, CliError> {
    match cli.command {
        Some(Command::Import { report, output }) => import(&report, output.as_deref(), out),
        Some(Command::Export { format }) => {
            let plan = load_plan(cli.plan.as_deref())?;
            match format {
                ExportFormat::Json => write_json(&plan, out)?,
            }
            Ok(Outcome::Found)
        }
        None => {
            let plan = load_plan(cli.plan.as_deref())?;
            let options = crate::tui::app::Options {
                ascii: cli.ascii,
                no_color: no_color(),
            };
            crate::tui::run(
                plan,
                crate::tui::StartOptions {
                    options,
                    overview: cli.overview,
                },
            )?;
            Ok(Outcome::Found)
        }
    }
}

/// The plan as pretty JSON with a final newline: the exact bytes of data/*.json.
pub fn plan_json(plan: &Plan) -> String {
    let mut json = serde_json::to_string_pretty(plan).unwrap_or_default();
    json.push('\n');
    json
}

fn write_json(plan: &Plan, out: &mut dyn Write) -> io::Result<()> {
    out.write_all(plan_json(plan).as_bytes())
}

fn import(report: &Path, output: Option<&Path>, out: &mut dyn Write) -> Result<Outcome, CliError> {
    let plan = plan::import::import_file(report)?;
    match output {
        Some(path) => std::fs::write(path, plan_json(&plan)).map_err(|source| CliError::Write {
            path: path.display().to_string(),
            source,
        })?,
        None => write_json(&plan, out)?,
    }
    Ok(Outcome::Found)
}
