//! The library's commands: `import --save`, `plans` and `search --all-plans`.

use std::collections::HashMap;
use std::io::{self, Write};
use std::path::Path;

use serde_json::json;

use super::error::CliError;
use super::escape::printable;
use super::outcome::Outcome;
use super::output::{Marks, hit_line, json_line, line};
use super::style::Style;
use crate::library::{Library, Location, PlanEntry, PlanName, default_name, search_plans};
use crate::width::{pad_left, pad_right, str_width};

/// Imports `report` and saves it in the library under `name`, or under its
/// default name (place and year). A bad name is refused before anything is
/// read.
pub fn import_and_save(
    report: &Path,
    name: Option<&str>,
    options: &crate::plan::import::Options,
    library: &Library,
    out: &mut dyn Write,
) -> Result<Outcome, CliError> {
    let name = name
        .map(PlanName::new)
        .transpose()
        .map_err(crate::library::LibraryError::from)?;
    let plan = crate::plan::import::import_file_with(report, options)?.plan;
    let name = name.unwrap_or_else(|| default_name(&plan));
    let path = library.save(&name, &plan)?;
    writeln!(out, "saved {name} to {}", path.display())?;
    Ok(Outcome::Found)
}

/// Prints each warning as one line on stderr, control characters escaped.
pub fn warn(warnings: &[String]) {
    let mut err = io::stderr().lock();
    for warning in warnings {
        let _ = writeln!(err, "plan-explorer: warning: {}", printable(warning));
    }
}

fn location_text(entry: &PlanEntry) -> String {
    match &entry.location {
        Location::Embedded => "(embedded, read-only)".to_string(),
        Location::File(path) => path.display().to_string(),
    }
}

/// The library's plans, one a line, or as JSON.
pub fn plans(library: &Library, json: bool, style: Style, out: &mut dyn Write) -> io::Result<()> {
    let listing = crate::library::list(library);
    warn(&listing.warnings);
    if json {
        let rows: Vec<serde_json::Value> = listing
            .entries
            .iter()
            .map(|e| {
                let s = &e.summary;
                let path = match &e.location {
                    Location::Embedded => serde_json::Value::Null,
                    Location::File(path) => path.display().to_string().into(),
                };
                json!({
                    "name": e.name.as_str(), "title": s.title, "year": s.year,
                    "areas": s.areas, "tasks": s.tasks, "commitments": s.commitments,
                    "targets": s.targets, "projects": s.projects,
                    "path": path, "read_only": e.read_only(),
                })
            })
            .collect();
        return json_line(out, &serde_json::Value::Array(rows));
    }
    let width = listing
        .entries
        .iter()
        .map(|e| str_width(e.name.as_str()))
        .max()
        .unwrap_or(0)
        .max(4);
    let head = format!(
        "{}  year  areas  commitments  targets  projects  title  file",
        pad_right("name", width)
    );
    line(out, style, &head)?;
    for e in &listing.entries {
        let s = &e.summary;
        let year = s.year.map_or("-".to_string(), |y| y.to_string());
        let row = format!(
            "{}  {}  {:>5}  {:>11}  {:>7}  {:>8}  {}  {}",
            pad_right(e.name.as_str(), width),
            pad_left(&year, 4),
            s.areas,
            s.commitments,
            s.targets,
            s.projects,
            printable(&s.title),
            printable(&location_text(e))
        );
        line(out, style, &row)?;
    }
    Ok(())
}

/// `search --all-plans`: the columns of `search` after the plan's name.
/// Returns whether anything was found.
pub fn search_all(
    library: &Library,
    query: &str,
    limit: Option<usize>,
    json: bool,
    marks: Marks,
    style: Style,
    out: &mut dyn Write,
) -> io::Result<bool> {
    let found = search_plans(library, query, limit);
    warn(&found.warnings);
    if json {
        json_line(out, &serde_json::to_value(&found.hits).unwrap_or_default())?;
        return Ok(!found.hits.is_empty());
    }
    let width = found
        .hits
        .iter()
        .map(|h| str_width(&h.plan))
        .max()
        .unwrap_or(0);
    // One prefix per plan, not per hit.
    let mut prefixes: HashMap<&str, String> = HashMap::new();
    for h in &found.hits {
        let prefix = prefixes
            .entry(&h.plan)
            .or_insert_with(|| format!("{} ", pad_right(&h.plan, width)));
        hit_line(prefix, &h.hit, marks, style, out)?;
    }
    Ok(!found.hits.is_empty())
}
