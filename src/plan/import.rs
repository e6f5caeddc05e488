//! The importer: report text to a structured [`Plan`], by layout rules that do
//! not depend on any one report. It reads in three steps:
//!
//! 1. **Classify** ([`classify`]): every non-blank line gets a role (title,
//!    meeting line, part, section, heading, paragraph, target-list item,
//!    aside, closing …) from small named rules that look only at the line
//!    and its neighbours. Blank lines and indentation are never looked at.
//! 2. **Build** ([`build`]): a state machine turns the roles into parts →
//!    areas → tasks → commitments and gives each area its kind.
//! 3. **Extract** ([`crate::plan::extract`]): targets and projects are read
//!    from each commitment's sentence.
//!
//! Every line's role and the rules that decided it are kept, for
//! `import --explain`.

mod build;
mod classify;
mod decode;
mod kinds;
mod lines;
mod marker;

use std::fmt::Write as _;
use std::path::Path;

pub use build::{LineExplanation, LineRole};
pub use kinds::YEARS;

use super::error::ImportError;
use super::model::Plan;
use crate::files::{DEFAULT_MAX_SIZE, read_limited, read_to_limit};

/// Choices the user makes on import.
#[derive(Debug, Clone)]
pub struct Options {
    /// The plan's year, instead of the one the report names.
    pub year: Option<u32>,
    /// A report file larger than this many bytes is refused.
    pub max_size: u64,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            year: None,
            max_size: DEFAULT_MAX_SIZE,
        }
    }
}

/// A plan as imported, with what the importer has to say about it.
#[derive(Debug, Clone)]
pub struct Imported {
    pub plan: Plan,
    /// The encoding the report was read in: UTF-8, UTF-16LE, UTF-16BE or gb18030.
    pub encoding: &'static str,
    /// Notes for the user, such as a report with no headings.
    pub notes: Vec<String>,
    /// The plan's year and the rule that gave it.
    pub year_rule: Option<&'static str>,
    /// Every non-blank line: what it became, and why.
    pub explanations: Vec<LineExplanation>,
    /// The report's lines, trimmed, as the explanations number them.
    pub lines: Vec<String>,
}

/// Reads a report file of at most [`DEFAULT_MAX_SIZE`] bytes and imports it.
pub fn import_file(path: &Path) -> Result<Plan, ImportError> {
    import_file_with(path, &Options::default()).map(|i| i.plan)
}

/// Reads a report file of at most `max_size` bytes and imports it.
pub fn import_file_limited(path: &Path, max_size: u64) -> Result<Plan, ImportError> {
    let options = Options {
        max_size,
        ..Options::default()
    };
    import_file_with(path, &options).map(|i| i.plan)
}

/// [`import_file`], with options, keeping what the importer has to say;
/// errors name the file. A plan file given by mistake is refused, not
/// imported.
pub fn import_file_with(path: &Path, options: &Options) -> Result<Imported, ImportError> {
    if path == Path::new(STDIN) {
        let bytes =
            read_to_limit(std::io::stdin().lock(), options.max_size, 0).map_err(|source| {
                ImportError::Read {
                    path: STDIN_NAME.to_string(),
                    source,
                }
            })?;
        if super::load::looks_like_plan(&bytes) {
            return Err(ImportError::PlanOnStdin);
        }
        return import_read(&bytes, Path::new(STDIN_NAME), options);
    }
    let bytes = read_limited(path, options.max_size).map_err(|source| ImportError::Read {
        path: path.display().to_string(),
        source,
    })?;
    import_read(&bytes, path, options)
}

/// The report path that stands for stdin, as `-o -` does for stdout.
const STDIN: &str = "-";

/// What a report read from stdin is called: its source and, with no title,
/// its title.
const STDIN_NAME: &str = "stdin";

fn import_read(bytes: &[u8], path: &Path, options: &Options) -> Result<Imported, ImportError> {
    if super::load::looks_like_plan(bytes) {
        return Err(ImportError::PlanGiven {
            path: path.display().to_string(),
        });
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    import_bytes_with(bytes, &name, options).map_err(|e| e.with_path(&path.display().to_string()))
}

/// Imports report bytes: UTF-8, UTF-16 with a byte order mark, or GB18030.
pub fn import_bytes(bytes: &[u8], source: &str) -> Result<Plan, ImportError> {
    import_bytes_with(bytes, source, &Options::default()).map(|i| i.plan)
}

/// [`import_bytes`], with options, keeping what the importer has to say.
pub fn import_bytes_with(
    bytes: &[u8],
    source: &str,
    options: &Options,
) -> Result<Imported, ImportError> {
    let (text, encoding) = decode::decode(bytes, source)?;
    let mut imported = import_text_with(&text, source, options)?;
    imported.encoding = encoding;
    Ok(imported)
}

/// Imports report text. `source` is the report's file name, kept in the plan.
pub fn import_text(text: &str, source: &str) -> Result<Plan, ImportError> {
    import_text_with(text, source, &Options::default()).map(|i| i.plan)
}

/// [`import_text`], with options, keeping what the importer has to say.
pub fn import_text_with(
    text: &str,
    source: &str,
    options: &Options,
) -> Result<Imported, ImportError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(ImportError::Empty {
            path: source.to_string(),
        });
    }
    let lines = lines::split_lines(text);
    let classified = classify::classify(&lines);
    let (year, year_rule) = match options.year {
        Some(year) => (Some(year), Some("--year")),
        None => match infer_year(&classified, source) {
            Some((year, rule)) => (Some(year), Some(rule)),
            None => (None, None),
        },
    };
    let stem = Path::new(source)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| source.to_string());
    let built = build::build(&classified, year, &stem);
    drop(classified);
    let mut notes = Vec::new();
    if built.areas.is_empty() && built.no_headings {
        notes.push(format!(
            "{source}: the report has no paragraphs, only a title block, a closing or page furniture; the plan has no areas"
        ));
    } else if built.no_headings {
        let reviews = built
            .areas
            .iter()
            .filter(|a| a.kind == super::model::AreaKind::Review)
            .count();
        let also = match reviews {
            0 => String::new(),
            1 => ", besides 1 paragraph on past results".to_string(),
            n => format!(", besides {n} paragraphs on past results"),
        };
        notes.push(format!(
            "{source}: the report has no headings; its paragraphs make one area{also}"
        ));
    }
    let plan = Plan {
        title: built.title.unwrap_or(stem),
        source: source.to_string(),
        year,
        source_lines: lines.len(),
        intro: built.intro,
        areas: built.areas,
        closing: built.closing,
        asides: built.asides,
    };
    Ok(Imported {
        plan,
        encoding: "UTF-8",
        notes,
        year_rule,
        explanations: built.explanations,
        lines,
    })
}

/// The year the plan is for: named by the title, the meeting line, a line
/// that names the report, a part or heading, or else the file name.
fn infer_year(lines: &[classify::Classified], source: &str) -> Option<(u32, &'static str)> {
    use classify::Role;
    let first = |role: Role| lines.iter().find(|c| c.role == role);
    if let Some(year) = first(Role::Title).and_then(|c| kinds::report_year(c.text)) {
        return Some((year, "title-year"));
    }
    if let Some(year) = first(Role::Meeting).and_then(|c| kinds::report_year(c.text)) {
        return Some((year, "meeting-year"));
    }
    let structure = lines
        .iter()
        .position(|c| matches!(c.role, Role::Part | Role::Section | Role::Heading { .. }))
        .unwrap_or(lines.len());
    let named = lines[..structure]
        .iter()
        .filter_map(|c| report_named_year(c.text))
        .next();
    if let Some(year) = named {
        return Some((year, "report-named-year"));
    }
    for c in lines
        .iter()
        .filter(|c| matches!(c.role, Role::Part | Role::Heading { .. }))
    {
        match kinds::heading_kind(c.body, None) {
            Some((super::model::AreaKind::Plan, _)) => {
                if let Some(&year) = kinds::years_in(c.body).first() {
                    return Some((year, "plan-heading-year"));
                }
            }
            Some((super::model::AreaKind::Review, _)) => {
                if let Some(&year) = kinds::years_in(c.body).last() {
                    return Some((year + 1, "review-heading-year"));
                }
            }
            _ => {}
        }
    }
    file_name_year(source).map(|year| (year, "file-name-year"))
}

/// 2026年政府工作报告 in a sentence: the year of the report it names.
fn report_named_year(text: &str) -> Option<u32> {
    let at = text.find("工作报告")?;
    let before = &text[..at];
    let years = kinds::years_in(before);
    let year = *years.last()?;
    let gap = before.rsplit_once(&format!("{year}年"))?.1;
    (gap.chars().count() <= 8).then_some(year)
}

/// A year in a file name: luzhou-2026-work-report.txt.
fn file_name_year(source: &str) -> Option<u32> {
    let bytes = source.as_bytes();
    (0..bytes.len().saturating_sub(3)).find_map(|i| {
        let four = bytes.get(i..i + 4)?;
        let alone = |k: Option<&u8>| !k.is_some_and(u8::is_ascii_digit);
        let year = std::str::from_utf8(four).ok()?.parse::<u32>().ok()?;
        (four.iter().all(u8::is_ascii_digit)
            && alone(i.checked_sub(1).and_then(|k| bytes.get(k)))
            && alone(bytes.get(i + 4))
            && kinds::YEARS.contains(&year))
        .then_some(year)
    })
}

/// Every non-blank line with the role it was given and the rules that
/// decided it, one line each, after a header naming the year and encoding.
pub fn explain(imported: &Imported) -> String {
    let mut out = String::new();
    let year = match (imported.plan.year, imported.year_rule) {
        (Some(year), Some(rule)) => format!("{year} ({rule})"),
        (Some(year), None) => year.to_string(),
        _ => "unknown".to_string(),
    };
    let _ = writeln!(
        out,
        "{}: read as {}; year {year}",
        imported.plan.source, imported.encoding
    );
    for e in &imported.explanations {
        let role = match e.kind {
            Some(kind) => format!("{} ({})", e.role.as_str(), kind.as_str()),
            None => e.role.as_str().to_string(),
        };
        let text = imported
            .lines
            .get(e.line - 1)
            .map(String::as_str)
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "{:>5}  {:<18} {:<48} {}",
            e.line,
            role,
            e.rules.join(" > "),
            crate::width::truncate(text, 40)
        );
    }
    out
}
