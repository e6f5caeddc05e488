//! Plain and JSON output of show, tree, search, targets, projects and stats.

use std::io::{self, Write};

use serde_json::json;

use super::Style;
use crate::plan::model::format_value;
use crate::plan::{ItemRef, Plan, Target};
use crate::width::{pad_right, truncate};

fn json_line(out: &mut dyn Write, value: &serde_json::Value) -> io::Result<()> {
    let text = serde_json::to_string_pretty(value).unwrap_or_default();
    writeln!(out, "{text}")
}

/// A target as the model writes it, with its commitment and line instead of
/// its offset within the sentence.
fn target_json(t: &Target, commitment: &str, line: usize) -> serde_json::Value {
    let mut value = serde_json::to_value(t).unwrap_or_default();
    if let Some(map) = value.as_object_mut() {
        map.remove("start");
        map.insert("line".into(), line.into());
        map.insert("commitment".into(), commitment.into());
    }
    value
}

fn target_text(t: &Target) -> String {
    let subject = t
        .subject
        .as_deref()
        .map(|s| format!("  {s}"))
        .unwrap_or_default();
    format!(
        "{}{}{}",
        t.text,
        t.qualifier
            .as_deref()
            .map(|q| format!(" [{q}]"))
            .unwrap_or_default(),
        subject
    )
}

/// An item in full: breadcrumb, text, commitments, targets, projects and lines.
pub fn show(plan: &Plan, item: ItemRef, json: bool, out: &mut dyn Write) -> io::Result<()> {
    if json {
        let value = match item {
            ItemRef::Area(a) => serde_json::to_value(&plan.areas[a]),
            ItemRef::Task(a, t) => serde_json::to_value(plan.task(a, t)),
            ItemRef::Commitment(a, t, c) => serde_json::to_value(plan.commitment(a, t, c)),
        };
        let mut value = value.unwrap_or_default();
        if let Some(map) = value.as_object_mut() {
            map.insert("kind".into(), item.kind().as_str().into());
        }
        return json_line(out, &value);
    }
    let area = plan.area(item);
    match item {
        ItemRef::Area(_) => {
            writeln!(out, "{}  {}", area.id, area.title)?;
            writeln!(
                out,
                "area · line {} · {} tasks · {} commitments · {} targets",
                area.line,
                area.tasks.len(),
                area.commitment_count(),
                area.target_count()
            )?;
            for task in &area.tasks {
                writeln!(out)?;
                show_task(task, out)?;
            }
        }
        ItemRef::Task(a, t) => {
            writeln!(out, "{}  {}", area.id, area.title)?;
            writeln!(out)?;
            show_task(plan.task(a, t), out)?;
        }
        ItemRef::Commitment(a, t, c) => {
            let task = plan.task(a, t);
            let commitment = plan.commitment(a, t, c);
            writeln!(
                out,
                "{}  {} › {}  {}",
                area.id, area.title, task.id, task.title
            )?;
            writeln!(out)?;
            writeln!(out, "{}  (line {})", commitment.id, commitment.line)?;
            writeln!(out, "{}", commitment.text)?;
            for target in &commitment.targets {
                writeln!(out, "  target   {}", target_text(target))?;
            }
            for project in &commitment.projects {
                writeln!(out, "  project  {project}")?;
            }
        }
    }
    Ok(())
}

fn show_task(task: &crate::plan::Task, out: &mut dyn Write) -> io::Result<()> {
    let lead = if task.lead {
        " · the area's own lead"
    } else {
        ""
    };
    writeln!(
        out,
        "{}  {}  (line {}{lead})",
        task.id, task.title, task.line
    )?;
    for c in &task.commitments {
        writeln!(out, "  {}  {}  (line {})", c.id, c.text, c.line)?;
        for target in &c.targets {
            writeln!(out, "      target   {}", target_text(target))?;
        }
        for project in &c.projects {
            writeln!(out, "      project  {project}")?;
        }
    }
    Ok(())
}

/// An indented outline, cut to the terminal's width by display width.
pub fn tree(
    plan: &Plan,
    depth: u8,
    json: bool,
    style: Style,
    out: &mut dyn Write,
) -> io::Result<()> {
    if json {
        let areas: Vec<serde_json::Value> = plan
            .areas
            .iter()
            .map(|a| {
                let mut area = json!({"id": a.id, "title": a.title, "line": a.line});
                if depth >= 2 {
                    area["tasks"] = a
                        .tasks
                        .iter()
                        .map(|t| {
                            let mut task = json!({"id": t.id, "title": t.title, "line": t.line});
                            if depth >= 3 {
                                task["commitments"] = t
                                    .commitments
                                    .iter()
                                    .map(|c| json!({"id": c.id, "text": c.text, "line": c.line}))
                                    .collect();
                            }
                            task
                        })
                        .collect();
                }
                area
            })
            .collect();
        return json_line(out, &serde_json::Value::Array(areas));
    }
    let line = |out: &mut dyn Write, indent: usize, id: &str, text: &str| {
        let row = format!("{}{:<8} {}", "  ".repeat(indent), id, text);
        writeln!(out, "{}", truncate(&row, style.width))
    };
    for area in &plan.areas {
        line(out, 0, &area.id, &area.title)?;
        if depth < 2 {
            continue;
        }
        for task in &area.tasks {
            line(out, 1, &task.id, &task.title)?;
            if depth < 3 {
                continue;
            }
            for c in &task.commitments {
                line(out, 2, &c.id, &c.text)?;
            }
        }
    }
    Ok(())
}

/// Search hits, best first. Returns whether anything was found.
pub fn search(
    mut index: crate::search::SearchIndex,
    query: &str,
    limit: Option<usize>,
    json: bool,
    style: Style,
    out: &mut dyn Write,
) -> io::Result<bool> {
    // Pinyin only matters to a query with latin letters in it.
    if query.chars().any(|c| c.is_ascii_alphabetic()) {
        let pinyin = index.pinyin_builder().build();
        let _ = index.attach_pinyin(pinyin);
    }
    let hits = index.search(query, limit);
    if json {
        json_line(out, &serde_json::to_value(&hits).unwrap_or_default())?;
        return Ok(!hits.is_empty());
    }
    for hit in &hits {
        writeln!(
            out,
            "{:<8} {:>4}  {:<10} {}",
            hit.id,
            hit.line,
            hit.kind.as_str(),
            mark(&hit.text, &hit.matched, style.color)
        )?;
    }
    Ok(!hits.is_empty())
}

/// Marks matched chars: bold magenta on a colour terminal, else [brackets].
pub fn mark(text: &str, matched: &[usize], color: bool) -> String {
    let (open, close) = if color {
        ("\x1b[1;35m", "\x1b[0m")
    } else {
        ("[", "]")
    };
    let mut out = String::new();
    let mut inside = false;
    for (i, c) in text.chars().enumerate() {
        let hit = matched.binary_search(&i).is_ok();
        if hit && !inside {
            out.push_str(open);
        } else if !hit && inside {
            out.push_str(close);
        }
        inside = hit;
        out.push(c);
    }
    if inside {
        out.push_str(close);
    }
    out
}

/// Every target, optionally of one unit. Returns whether any was listed.
pub fn targets(
    plan: &Plan,
    unit: Option<&str>,
    json: bool,
    csv: bool,
    out: &mut dyn Write,
) -> io::Result<bool> {
    let rows: Vec<(&str, usize, &Target)> = plan
        .targets()
        .filter(|(_, _, t)| unit.is_none_or(|u| t.unit == u))
        .map(|(_, c, t)| (c.id.as_str(), c.line, t))
        .collect();
    if json {
        let value: Vec<serde_json::Value> = rows
            .iter()
            .map(|(id, line, t)| target_json(t, id, *line))
            .collect();
        json_line(out, &serde_json::Value::Array(value))?;
    } else if csv {
        writeln!(out, "commitment,line,value,unit,qualifier,text,subject")?;
        for (id, line, t) in &rows {
            let q = super::export::field;
            writeln!(
                out,
                "{id},{line},{},{},{},{},{}",
                format_value(t.value),
                q(&t.unit),
                q(t.qualifier.as_deref().unwrap_or("")),
                q(&t.text),
                q(t.subject.as_deref().unwrap_or(""))
            )?;
        }
    } else {
        for (id, line, t) in &rows {
            writeln!(
                out,
                "{:<8} {:>4}  {:>8} {} {} {}",
                id,
                line,
                format_value(t.value),
                pad_right(&t.unit, 4),
                pad_right(t.qualifier.as_deref().unwrap_or("-"), 6),
                t.subject.as_deref().unwrap_or("-")
            )?;
        }
    }
    Ok(!rows.is_empty())
}

/// Every named project. Returns whether any was listed.
pub fn projects(plan: &Plan, json: bool, out: &mut dyn Write) -> io::Result<bool> {
    let rows: Vec<(&str, &str, usize)> = plan
        .commitments()
        .flat_map(|(_, c)| {
            c.projects
                .iter()
                .map(move |p| (p.as_str(), c.id.as_str(), c.line))
        })
        .collect();
    if json {
        let value: Vec<serde_json::Value> = rows
            .iter()
            .map(|(name, id, line)| json!({"name": name, "commitment": id, "line": line}))
            .collect();
        json_line(out, &serde_json::Value::Array(value))?;
    } else {
        for (name, id, line) in &rows {
            writeln!(out, "{id:<8} {line:>4}  {name}")?;
        }
    }
    Ok(!rows.is_empty())
}

/// Per-area counts for scripts.
pub fn stats(plan: &Plan, json: bool, out: &mut dyn Write) -> io::Result<()> {
    let stats = crate::plan::stats::area_stats(plan);
    if json {
        return json_line(out, &serde_json::to_value(&stats).unwrap_or_default());
    }
    writeln!(
        out,
        "{:<4} {:>5} {:>11} {:>7} {:>8}  title",
        "area", "tasks", "commitments", "targets", "projects"
    )?;
    for s in &stats {
        writeln!(
            out,
            "{:<4} {:>5} {:>11} {:>7} {:>8}  {}",
            s.id, s.tasks, s.commitments, s.targets, s.projects, s.title
        )?;
    }
    Ok(())
}
