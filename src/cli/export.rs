//! `export --format csv|md`: a spreadsheet of commitments, and a readable document.

use std::io::{self, Write};

use super::escape::{csv_cell, printable, push_printable};
use crate::plan::{Plan, Target};

fn value_text(value: f64) -> String {
    crate::plan::model::format_value(value)
}

/// One row per commitment; its targets follow in groups of four columns.
/// With `excel`, a byte order mark first, and no cell that reads as a formula.
pub fn csv(plan: &Plan, excel: bool, out: &mut dyn Write) -> io::Result<()> {
    let field = |text: &str| csv_cell(text, excel);
    if excel {
        out.write_all("\u{feff}".as_bytes())?;
    }
    let most = plan
        .commitments()
        .map(|(_, c)| c.targets.len())
        .max()
        .unwrap_or(0);
    let mut header: Vec<String> = [
        "id", "area", "kind", "part", "year", "task", "line", "text", "projects",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    for n in 1..=most {
        for col in TARGET_COLUMNS {
            header.push(format!("target{n}_{col}"));
        }
    }
    writeln!(out, "{}", header.join(","))?;
    for (item, c) in plan.commitments() {
        let area = plan.area(item);
        let task = match item {
            crate::plan::ItemRef::Commitment(a, t, _) => plan.task(a, t),
            _ => continue,
        };
        let mut row = vec![
            field(&c.id),
            field(&area.title),
            area.kind.as_str().to_string(),
            field(area.part.as_deref().unwrap_or("")),
            plan.year.map(|y| y.to_string()).unwrap_or_default(),
            field(&task.title),
            c.line.to_string(),
            field(&c.text),
            field(&c.projects.join(";")),
        ];
        for n in 0..most {
            match c.targets.get(n) {
                Some(t) => row.extend(target_fields(t, excel)),
                None => row.extend(std::iter::repeat_n(String::new(), TARGET_COLUMNS.len())),
            }
        }
        writeln!(out, "{}", row.join(","))?;
    }
    Ok(())
}

/// The columns of each target in a commitment's row.
const TARGET_COLUMNS: [&str; 5] = ["value", "value_max", "unit", "qualifier", "subject"];

fn target_fields(t: &Target, excel: bool) -> [String; TARGET_COLUMNS.len()] {
    [
        value_text(t.value),
        t.value_max.map(value_text).unwrap_or_default(),
        csv_cell(&t.unit, excel),
        csv_cell(t.qualifier.as_deref().unwrap_or(""), excel),
        csv_cell(t.subject.as_deref().unwrap_or(""), excel),
    ]
}

/// Characters Markdown would read as syntax: a backslash that would escape
/// the next one (a\\|b ends a table cell), table pipes, emphasis, code,
/// the opening of a link and inline HTML (<script>).
const MARKDOWN_MARKS: &[char] = &['\\', '|', '*', '_', '`', '<', '>', '['];

/// Escapes the characters that Markdown would read as syntax, and the
/// control characters that would break a line or reach a terminal (their
/// escapes, such as \x1b, read as text in Markdown as they are).
fn md(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if MARKDOWN_MARKS.contains(&c) {
            out.push('\\');
            out.push(c);
        } else {
            push_printable(&mut out, c);
        }
    }
    out
}

/// A readable document: a heading per area and task, commitments as a list,
/// and each task's targets in a table.
pub fn markdown(plan: &Plan, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "# {}\n", md(&plan.title))?;
    writeln!(out, "Source: `{}`\n", printable(&plan.source))?;
    if let Some(year) = plan.year {
        writeln!(out, "Year: {year}\n")?;
    }
    for intro in &plan.intro {
        writeln!(out, "> {} *(line {})*\n", md(&intro.text), intro.line)?;
    }
    for area in &plan.areas {
        let label = area
            .kind
            .label()
            .map(|l| format!("[{l}] "))
            .unwrap_or_default();
        writeln!(out, "## {} {label}{}\n", area.id, md(&area.title))?;
        let part = area
            .part
            .as_deref()
            .map(|p| format!(" · part {}", md(p)))
            .unwrap_or_default();
        writeln!(
            out,
            "*Line {} · {}{part}.*\n",
            area.line,
            area.kind.as_str()
        )?;
        for task in &area.tasks {
            writeln!(out, "### {} {}\n", task.id, md(&task.title))?;
            for c in &task.commitments {
                writeln!(out, "- **{}** {} *(line {})*", c.id, md(&c.text), c.line)?;
            }
            writeln!(out)?;
            let targets: Vec<(&str, &Target)> = task
                .commitments
                .iter()
                .flat_map(|c| c.targets.iter().map(move |t| (c.id.as_str(), t)))
                .collect();
            if !targets.is_empty() {
                writeln!(
                    out,
                    "| commitment | value | unit | qualifier | what is counted |"
                )?;
                writeln!(out, "|---|---:|---|---|---|")?;
                for (id, t) in targets {
                    writeln!(
                        out,
                        "| {id} | {} | {} | {} | {} |",
                        t.value_text(),
                        md(&t.unit),
                        md(t.qualifier.as_deref().unwrap_or("")),
                        md(t.subject.as_deref().unwrap_or(""))
                    )?;
                }
                writeln!(out)?;
            }
            let projects = task.projects();
            if !projects.is_empty() {
                writeln!(out, "Projects: {}\n", md(&projects.join("、")))?;
            }
        }
    }
    if !plan.closing.is_empty() {
        writeln!(out, "## Closing\n")?;
        for p in &plan.closing {
            writeln!(out, "> {} *(line {})*\n", md(&p.text), p.line)?;
        }
    }
    if !plan.asides.is_empty() {
        writeln!(out, "## Page furniture\n")?;
        for p in &plan.asides {
            writeln!(out, "- {} *(line {})*", md(&p.text), p.line)?;
        }
        writeln!(out)?;
    }
    Ok(())
}
