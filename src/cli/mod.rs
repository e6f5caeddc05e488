//! The command line: clap derive, one function per subcommand. It writes to
//! the writer it is given and never touches the terminal's modes. Exit
//! statuses follow grep: 0 found, 1 nothing found, 2 error.

mod compare;
mod error;
mod escape;
pub mod exit;
mod export;
mod library;
mod outcome;
mod output;
mod style;
mod targets;

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use clap::{CommandFactory, Parser, Subcommand, ValueEnum};

pub use error::CliError;
pub use outcome::Outcome;
pub use style::{Style, no_color};

use crate::files::{DEFAULT_MAX_SIZE_TEXT, parse_size};
use crate::library::{Library, LibraryError, Location};
use crate::plan::{self, Plan};
use crate::search::SearchIndex;

#[derive(Debug, Parser)]
#[command(
    name = "plan-explorer",
    version,
    about = "Explore a city government's annual work plan: a tree, targets and pinyin fuzzy search.",
    after_help = "With no command, opens the terminal app on the plan.\n\nExamples:\n  plan-explorer                        open the app on the embedded Luzhou 2026 plan\n  plan-explorer --overview             open the app on the overview charts\n  plan-explorer --query lugugaosu      open the app searching for 泸古高速\n  plan-explorer --select 3.2.3         open the app on item 3.2.3\n  plan-explorer search lugugaosu       find 泸古高速 from the command line\n  plan-explorer --plan other.json tree another plan's outline"
)]
pub struct Cli {
    /// Plan to load instead of the embedded Luzhou 2026 plan: a name in the
    /// library (see `plans`) or a plan file.
    #[arg(long, global = true, value_name = "NAME|FILE")]
    pub plan: Option<String>,

    /// The library folder [default: plan-explorer/plans in your data folder,
    /// or $PLAN_EXPLORER_LIBRARY].
    #[arg(long, global = true, value_name = "DIR")]
    pub library: Option<PathBuf>,

    /// Refuse a report or plan file larger than this (K, M or G for KiB, MiB, GiB).
    #[arg(long, global = true, value_name = "SIZE", default_value = DEFAULT_MAX_SIZE_TEXT, value_parser = parse_size)]
    pub max_size: u64,

    /// Draw borders and tree symbols in plain ASCII.
    #[arg(long)]
    pub ascii: bool,

    /// Open the app on the overview charts.
    #[arg(long)]
    pub overview: bool,

    /// Open the app with the search overlay on this query, as fzf's --query does.
    #[arg(long, value_name = "TEXT", conflicts_with = "overview")]
    pub query: Option<String>,

    /// Open the app with this item selected, by its id (3, 3.2 or 3.2.1).
    #[arg(long, value_name = "ID")]
    pub select: Option<String>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build a plan from a report's text and print it as JSON, or save it in the library.
    #[command(
        after_help = "Examples:\n  plan-explorer import seeds/luzhou-2026-work-report.txt -o data/luzhou-2026.json\n  plan-explorer import report-2027.txt --save --name lincheng-2027"
    )]
    Import {
        /// The report: a text file in UTF-8, UTF-16 with a byte order mark, or GB18030 (GBK);
        /// `-` reads it from stdin.
        report: PathBuf,
        /// Write the plan here instead of to stdout (`-` is stdout). The file
        /// is replaced whole or not at all, and never the report itself.
        #[arg(short, long, value_name = "OUT.json", conflicts_with = "save")]
        output: Option<PathBuf>,
        /// The year the plan is for, when the report does not say it.
        #[arg(long, value_name = "N", value_parser = year)]
        year: Option<u32>,
        /// Print every source line with the role it was given and the rules that
        /// decided it, instead of the plan.
        #[arg(long)]
        explain: bool,
        /// Save the plan in the library (replacing a plan of the same name).
        #[arg(long, conflicts_with = "explain")]
        save: bool,
        /// The name to save under [default: place and year, such as lincheng-2027].
        #[arg(long, value_name = "NAME", requires = "save")]
        name: Option<String>,
    },
    /// List the plans in the library: name, year, counts, title and file.
    #[command(
        after_help = "Examples:\n  plan-explorer plans\n  plan-explorer plans --json | jq '.[].name'"
    )]
    Plans {
        #[arg(long)]
        json: bool,
    },
    /// What changed from plan A to plan B: targets, commitments and projects.
    #[command(
        after_help = "Each of A and B is a library name (see `plans`) or a plan file.\nTargets pair by unit and by how alike their subjects and sentences are;\ncommitments pair when their sentences are close (see the README).\nExits 0 when the plans differ, 1 when they match.\n\nExamples:\n  plan-explorer compare lincheng-2026 lincheng-2027\n  plan-explorer compare a.json b.json --json | jq '.targets[] | select(.status == \"changed\")'"
    )]
    Compare {
        /// The earlier plan.
        #[arg(value_name = "A")]
        a: String,
        /// The later plan.
        #[arg(value_name = "B")]
        b: String,
        #[arg(long)]
        json: bool,
    },
    /// Print the loaded plan as JSON, CSV (one row per commitment) or Markdown.
    #[command(
        after_help = "Examples:\n  plan-explorer export --format json | jq '.areas[].title'\n  plan-explorer export --format csv --excel > plan.csv\n  plan-explorer export --format md > plan.md"
    )]
    Export {
        #[arg(long, value_enum, default_value_t = ExportFormat::Json)]
        format: ExportFormat,
        /// CSV only: start with a UTF-8 byte order mark, so Excel reads Chinese right.
        #[arg(long)]
        excel: bool,
    },
    /// Show an area, task or commitment in full, with its targets, projects and source line.
    #[command(
        after_help = "Examples:\n  plan-explorer show 3.3\n  plan-explorer show 2.1.1 --json | jq '.targets'"
    )]
    Show {
        /// An id such as 3, 3.2 or 3.2.1.
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// Print an indented outline of ids and titles.
    #[command(
        after_help = "Examples:\n  plan-explorer tree --depth 1\n  plan-explorer tree --depth 3 | grep 项目"
    )]
    Tree {
        /// 1 areas, 2 tasks, 3 commitments.
        #[arg(long, default_value_t = 2, value_parser = clap::value_parser!(u8).range(1..=3))]
        depth: u8,
        #[arg(long)]
        json: bool,
    },
    /// Fuzzy-search areas, tasks, commitments and projects, in Chinese or pinyin.
    #[command(
        after_help = "Query syntax: terms separated by spaces must all match; 'exact, ^prefix,\nsuffix$ and !negation as in fzf. Pinyin may be full (lugugaosu) or initials (lggs).\n\nExamples:\n  plan-explorer search 泸古高速\n  plan-explorer search xianhe --json | jq '.[0].id'\n  plan-explorer search '医院 !中医' --limit 5\n  plan-explorer search --all-plans 低空经济"
    )]
    Search {
        /// The query; several words are joined with spaces.
        #[arg(required = true, num_args = 1..)]
        query: Vec<String>,
        #[arg(long)]
        json: bool,
        /// Print at most this many hits (1 or more).
        #[arg(long, value_name = "N", allow_negative_numbers = true, value_parser = at_least_one)]
        limit: Option<usize>,
        /// Mark matched characters with [ ] even when stdout is not a terminal.
        #[arg(long)]
        mark: bool,
        /// Search every plan in the library; each hit names its plan.
        #[arg(long)]
        all_plans: bool,
    },
    /// List this year's quantitative targets with their commitment and source line.
    #[command(
        after_help = "Examples:\n  plan-explorer targets --unit 亿元 --sort value\n  plan-explorer targets --area 3\n  plan-explorer targets --csv --excel > targets.csv\n  plan-explorer targets --json | jq 'map(select(.qualifier != null))'\n  plan-explorer targets --all    also last year's results and multi-year goals"
    )]
    Targets {
        #[arg(long, conflicts_with_all = ["csv", "excel"])]
        json: bool,
        #[arg(long)]
        csv: bool,
        /// CSV for Excel: a byte order mark first, so Excel reads Chinese
        /// right, and no cell that Excel would run as a formula (implies --csv).
        #[arg(long)]
        excel: bool,
        /// Only targets in this unit, such as 亿元, 个 or 家.
        #[arg(long, value_name = "U")]
        unit: Option<String>,
        /// Only targets under this area (such as 3) or task (such as 3.2).
        #[arg(long, value_name = "ID")]
        area: Option<String>,
        /// Document order (line), or largest first within each unit (value).
        #[arg(long, value_enum, default_value_t = TargetSort::Line)]
        sort: TargetSort,
        /// Also list the numbers of review and outlook areas (last year's
        /// results, multi-year goals), which are not this year's targets.
        #[arg(long)]
        all: bool,
    },
    /// List every named project with its commitment and source line.
    #[command(after_help = "Example:\n  plan-explorer projects | grep 高速")]
    Projects {
        #[arg(long)]
        json: bool,
    },
    /// Per-area counts of tasks, commitments, targets and projects, for this year's plan.
    #[command(
        after_help = "Example:\n  plan-explorer stats --json | jq '.[] | select(.targets > 5)'"
    )]
    Stats {
        #[arg(long)]
        json: bool,
        /// Also count review and outlook areas.
        #[arg(long)]
        all: bool,
    },
    /// Print shell completions.
    #[command(
        after_help = "Example:\n  plan-explorer completions bash > ~/.local/share/bash-completion/completions/plan-explorer"
    )]
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TargetSort {
    Line,
    Value,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Json,
    Csv,
    Md,
}

/// `--year`: a year a plan can be for.
fn year(text: &str) -> Result<u32, String> {
    let years = plan::import::YEARS;
    match text.parse::<u32>() {
        Ok(year) if years.contains(&year) => Ok(year),
        _ => Err(format!("a year from {} to {}", years.start(), years.end())),
    }
}

/// A count of 1 or more: `--limit 0` would hide every hit and report none.
fn at_least_one(text: &str) -> Result<usize, String> {
    match text.parse::<i128>() {
        Ok(n) if n >= 1 => usize::try_from(n).map_err(|_| format!("{n} is too large")),
        Ok(n) => Err(format!("{n} is not a count: give 1 or more")),
        Err(_) => Err(format!("`{text}` is not a whole number")),
    }
}

/// The library folder `--library` or the environment names, or the
/// default, reading files of at most `--max-size`.
pub fn library(cli: &Cli) -> Result<Library, LibraryError> {
    Ok(Library::locate(cli.library.as_deref())?.with_max_size(cli.max_size))
}

/// Where `spec` (a library name or a plan file) is.
fn locate(cli: &Cli, spec: &str) -> Result<Location, LibraryError> {
    crate::library::resolve(spec, || library(cli))
}

/// Where the plan named by `--plan` is, or the embedded plan without it.
pub fn plan_location(cli: &Cli) -> Result<Location, LibraryError> {
    match cli.plan.as_deref() {
        None => Ok(Location::Embedded),
        Some(spec) => locate(cli, spec),
    }
}

/// Loads the plan named by `--plan`, or the embedded one.
pub fn load_plan(cli: &Cli) -> Result<Plan, CliError> {
    Ok(plan_location(cli)?.load(cli.max_size)?)
}

/// The search index of the plan named by `--plan`, or of the embedded one,
/// built while the file is parsed (same checks, same errors as
/// [`load_plan`]).
pub fn index_plan(cli: &Cli) -> Result<SearchIndex, CliError> {
    let (bytes, name) = plan_location(cli)?.read(cli.max_size)?;
    Ok(crate::search::from_plan_json(bytes, &name)?)
}

pub fn run(mut cli: Cli, out: &mut dyn Write, style: Style) -> Result<Outcome, CliError> {
    let max_size = cli.max_size;
    let Some(command) = cli.command.take() else {
        return open_app(&cli);
    };
    match command {
        Command::Import {
            report,
            save: true,
            name,
            year,
            ..
        } => {
            let options = plan::import::Options { year, max_size };
            let library = library(&cli)?;
            library::import_and_save(&report, name.as_deref(), &options, &library, out)
        }
        Command::Import {
            report,
            output,
            year,
            explain,
            ..
        } => {
            let options = plan::import::Options { year, max_size };
            import(&report, output.as_deref(), &options, explain, out)
        }
        Command::Plans { json } => {
            library::plans(&library(&cli)?, json, style, out)?;
            Ok(Outcome::Found)
        }
        Command::Compare { a, b, json } => {
            let plan_a = locate(&cli, &a)?.load(max_size)?;
            let plan_b = locate(&cli, &b)?.load(max_size)?;
            let comparison = crate::compare::compare(&plan_a, &plan_b);
            let differ = compare::compare((&a, &b), &comparison, json, out)?;
            Ok(Outcome::found_if(differ))
        }
        Command::Completions { shell } => {
            // clap_complete panics when its writer fails (a closed pipe, a
            // full disk), so the script is made in memory and written here.
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "plan-explorer", &mut script);
            out.write_all(&script)?;
            Ok(Outcome::Found)
        }
        Command::Search {
            query,
            json,
            limit,
            mark,
            all_plans,
        } => {
            let marks = match (style.color, style.terminal() || mark) {
                (true, _) => output::Marks::Color,
                (false, true) => output::Marks::Brackets,
                (false, false) => output::Marks::None,
            };
            let query = query.join(" ");
            if all_plans {
                if cli.plan.is_some() {
                    return Err(CliError::Usage(
                        "--all-plans searches every plan in the library: leave out --plan",
                    ));
                }
                let library = library(&cli)?;
                let found = library::search_all(&library, &query, limit, json, marks, style, out)?;
                return Ok(Outcome::found_if(found));
            }
            // A one-shot search reads every title and sentence once: it
            // indexes a borrowed view of the file rather than building the
            // whole plan.
            let index = index_plan(&cli)?;
            let found = output::search(index, &query, limit, json, marks, style, out)?;
            Ok(Outcome::found_if(found))
        }
        Command::Export { format, excel } => {
            let plan = load_plan(&cli)?;
            match format {
                ExportFormat::Json => write_json(&plan, out)?,
                ExportFormat::Csv => export::csv(&plan, excel, out)?,
                ExportFormat::Md => export::markdown(&plan, out)?,
            }
            Ok(Outcome::Found)
        }
        Command::Show { id, json } => {
            let plan = load_plan(&cli)?;
            let item = plan.find(&id).ok_or(CliError::UnknownId(id))?;
            output::show(&plan, item, json, out)?;
            Ok(Outcome::Found)
        }
        Command::Tree { depth, json } => {
            output::tree(&load_plan(&cli)?, depth, json, style, out)?;
            Ok(Outcome::Found)
        }
        Command::Targets {
            json,
            csv,
            excel,
            unit,
            area,
            sort,
            all,
        } => {
            let plan = load_plan(&cli)?;
            let within = match area.as_deref() {
                Some(id) => match plan.find(id) {
                    Some(item) => Some((item, id)),
                    None => return Err(CliError::UnknownId(id.to_string())),
                },
                None => None,
            };
            let query = targets::TargetQuery {
                unit: unit.as_deref(),
                within,
                by_value: sort == TargetSort::Value,
                scope: plan::stats::Scope::from_all(all),
            };
            let format = match (json, csv || excel) {
                (true, _) => targets::TargetFormat::Json,
                (false, true) => targets::TargetFormat::Csv { excel },
                (false, false) => targets::TargetFormat::Table,
            };
            Ok(targets::targets(&plan, query, format, style, out)?)
        }
        Command::Projects { json } => {
            let found = output::projects(&load_plan(&cli)?, json, style, out)?;
            Ok(Outcome::found_if(found))
        }
        Command::Stats { json, all } => {
            let scope = plan::stats::Scope::from_all(all);
            output::stats(&load_plan(&cli)?, scope, json, out)?;
            Ok(Outcome::Found)
        }
    }
}

/// Opens the terminal app on a plan.
fn open_app(cli: &Cli) -> Result<Outcome, CliError> {
    let location = plan_location(cli)?;
    let plan = std::sync::Arc::new(location.load(cli.max_size)?);
    if let Some(id) = &cli.select
        && plan.find(id).is_none()
    {
        return Err(CliError::UnknownId(id.clone()));
    }
    let start = crate::tui::StartOptions {
        options: crate::tui::theme::Options {
            ascii: cli.ascii,
            no_color: no_color(),
        },
        overview: cli.overview,
        query: cli.query.clone(),
        select: cli.select.clone(),
        // The plan as the user named it: its library name, or its file.
        name: cli.plan.clone().filter(|_| location != Location::Embedded),
        location,
        // Without a library folder, the app still opens its plan.
        library: library(cli).ok(),
    };
    crate::tui::run(plan, start)?;
    Ok(Outcome::Found)
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

/// `import REPORT [-o OUT]`: the plan goes to stdout, or replaces OUT whole
/// (see [`crate::files::write_atomic`]); `-o -` is stdout too. OUT is never
/// the report itself, which the write would destroy.
fn import(
    report: &Path,
    output: Option<&Path>,
    options: &plan::import::Options,
    explain: bool,
    out: &mut dyn Write,
) -> Result<Outcome, CliError> {
    let output = output.filter(|path| *path != Path::new("-"));
    if let Some(path) = output
        && crate::files::same_file(report, path)
    {
        return Err(CliError::OutputIsInput {
            path: path.display().to_string(),
        });
    }
    let imported = plan::import::import_file_with(report, options)?;
    let mut stderr = io::stderr();
    if imported.encoding != "UTF-8" {
        let _ = writeln!(
            stderr,
            "plan-explorer: read {} as {}",
            escape::printable(&report.display().to_string()),
            imported.encoding
        );
    }
    for note in &imported.notes {
        let _ = writeln!(stderr, "plan-explorer: note: {}", escape::printable(note));
    }
    if explain {
        // Report text is data: each line is printed through `printable`.
        for row in plan::import::explain(&imported).lines() {
            writeln!(out, "{}", escape::printable(row))?;
        }
        if output.is_none() {
            return Ok(Outcome::Found);
        }
    }
    let plan = imported.plan;
    match output {
        Some(path) => {
            crate::files::write_atomic(path, |w| w.write_all(plan_json(&plan).as_bytes())).map_err(
                |source| CliError::Write {
                    path: path.display().to_string(),
                    source,
                },
            )?
        }
        None if explain => {}
        None => write_json(&plan, out)?,
    }
    Ok(Outcome::Found)
}
