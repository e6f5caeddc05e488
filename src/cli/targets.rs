//! `targets`: every quantitative target, narrowed to a unit and to an area
//! or task, in document order or largest first, as a table, JSON or CSV.

use std::io::{self, Write};

use super::escape::{csv_cell, printable};
use super::output::{json_line, line, target_json};
use super::{Outcome, Style};
use crate::plan::model::format_value;
use crate::plan::stats::{Scope, targets_in};
use crate::plan::{AreaKind, Commitment, ItemRef, Plan, Target};
use crate::width::str_width;

/// Which targets to list, and in what order.
#[derive(Debug, Clone, Copy, Default)]
pub struct TargetQuery<'a> {
    /// Only targets in this unit.
    pub unit: Option<&'a str>,
    /// Only targets of commitments under this area or task.
    pub within: Option<(ItemRef, &'a str)>,
    /// Largest first within each unit (units in order of first mention),
    /// rather than in document order.
    pub by_value: bool,
    /// This year's plan only, or review and outlook areas too.
    pub scope: Scope,
}

/// How targets are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TargetFormat {
    Table,
    Json,
    Csv { excel: bool },
}

struct Row<'a> {
    commitment: &'a Commitment,
    target: &'a Target,
    kind: AreaKind,
}

/// Lists the targets the query selects. Nothing selected exits 1, with a
/// line for stderr naming the units there are.
pub fn targets(
    plan: &Plan,
    query: TargetQuery,
    format: TargetFormat,
    style: Style,
    out: &mut dyn Write,
) -> io::Result<Outcome> {
    let in_scope: Vec<Row> = targets_in(plan, query.scope)
        .filter(|(item, _, _)| query.within.is_none_or(|(scope, _)| contains(scope, *item)))
        .map(|(item, commitment, target)| Row {
            commitment,
            target,
            kind: plan.areas[item.area()].kind,
        })
        .collect();
    let units = units_by_first_mention(&in_scope);
    let mut rows: Vec<&Row> = in_scope
        .iter()
        .filter(|row| query.unit.is_none_or(|u| row.target.unit == u))
        .collect();
    if query.by_value {
        let rank = |row: &Row| units.iter().position(|u| *u == row.target.unit);
        rows.sort_by(|a, b| {
            rank(a)
                .cmp(&rank(b))
                .then(b.target.value.total_cmp(&a.target.value))
        });
    }
    match format {
        TargetFormat::Json => {
            let value = rows
                .iter()
                .map(|r| target_json(r.target, &r.commitment.id, r.commitment.line, r.kind))
                .collect();
            json_line(out, &serde_json::Value::Array(value))?;
        }
        TargetFormat::Csv { excel } => csv(&rows, excel, out)?,
        TargetFormat::Table => table(&rows, style, out)?,
    }
    if !rows.is_empty() {
        return Ok(Outcome::Found);
    }
    Ok(Outcome::NothingFound(Some(nothing_found(&query, &units))))
}

/// True when `item` is `scope` or lies under it.
fn contains(scope: ItemRef, item: ItemRef) -> bool {
    match (scope, item) {
        (ItemRef::Area(a), item) => item.area() == a,
        (ItemRef::Task(a, t), ItemRef::Task(b, u) | ItemRef::Commitment(b, u, _)) => {
            (a, t) == (b, u)
        }
        (scope, item) => scope == item,
    }
}

fn units_by_first_mention<'a>(rows: &[Row<'a>]) -> Vec<&'a str> {
    let mut units: Vec<&str> = Vec::new();
    for row in rows {
        if !units.contains(&row.target.unit.as_str()) {
            units.push(&row.target.unit);
        }
    }
    units
}

/// Why nothing was listed, and what there is instead.
fn nothing_found(query: &TargetQuery, units: &[&str]) -> String {
    let place = query
        .within
        .map(|(_, id)| format!(" under {id}"))
        .unwrap_or_default();
    if units.is_empty() {
        return format!("no targets{place}");
    }
    let unit = printable(query.unit.unwrap_or_default());
    let units: Vec<_> = units.iter().map(|u| printable(u)).collect();
    format!(
        "no targets in {unit}{place}; the units are {}",
        units.join(", ")
    )
}

fn csv(rows: &[&Row], excel: bool, out: &mut dyn Write) -> io::Result<()> {
    if excel {
        out.write_all("\u{feff}".as_bytes())?;
    }
    let cell = |text: &str| csv_cell(text, excel);
    writeln!(
        out,
        "commitment,line,value,unit,qualifier,text,subject,value_max,kind"
    )?;
    for row in rows {
        let t = row.target;
        writeln!(
            out,
            "{},{},{},{},{},{},{},{},{}",
            cell(&row.commitment.id),
            row.commitment.line,
            format_value(t.value),
            cell(&t.unit),
            cell(t.qualifier.as_deref().unwrap_or("")),
            cell(&t.text),
            cell(t.subject.as_deref().unwrap_or("")),
            t.value_max.map(format_value).unwrap_or_default(),
            row.kind.as_str()
        )?;
    }
    Ok(())
}

fn table(rows: &[&Row], style: Style, out: &mut dyn Write) -> io::Result<()> {
    // Columns as wide as their widest cell (微克/立方米, 力争突破), at least
    // as wide as the usual ones, so that the subjects line up.
    let widest = |cell: &dyn Fn(&Row) -> String, least: usize| {
        rows.iter()
            .map(|row| str_width(&cell(row)))
            .fold(least, usize::max)
    };
    let unit = |row: &Row| printable(&row.target.unit).into_owned();
    let qualifier =
        |row: &Row| printable(row.target.qualifier.as_deref().unwrap_or("-")).into_owned();
    let value = |row: &Row| row.target.value_text();
    let (unit_width, qualifier_width) = (widest(&unit, 4), widest(&qualifier, 6));
    let value_width = widest(&value, 8);
    for row in rows {
        let t = row.target;
        let label = row
            .kind
            .label()
            .map(|l| format!("  [{l}]"))
            .unwrap_or_default();
        let text = format!(
            "{:<8} {:>4}  {:>value_width$} {} {} {}{label}",
            row.commitment.id,
            row.commitment.line,
            value(row),
            pad(&unit(row), unit_width),
            pad(&qualifier(row), qualifier_width),
            printable(t.subject.as_deref().unwrap_or("-"))
        );
        line(out, style, &text)?;
    }
    Ok(())
}

/// Pads to `width` cells with spaces; longer text is kept whole.
fn pad(text: &str, width: usize) -> String {
    let mut padded = text.to_string();
    padded.extend(std::iter::repeat_n(
        ' ',
        width.saturating_sub(str_width(text)),
    ));
    padded
}
