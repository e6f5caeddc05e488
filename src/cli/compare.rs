//! `compare A B`: what changed from plan A to plan B, one row per item.

use std::io::{self, Write};

use serde_json::json;

use crate::compare::{CLOSE, Comparison, Place};
use crate::width::{pad_right, str_width};

/// Prints the comparison of the plans named `a` and `b`, as rows or JSON.
/// Returns whether the plans differ.
pub fn compare(
    names: (&str, &str),
    comparison: &Comparison,
    json: bool,
    out: &mut dyn Write,
) -> io::Result<bool> {
    if json {
        let value = json!({
            "a": names.0, "b": names.1, "close": CLOSE,
            "targets": comparison.targets,
            "commitments": comparison.commitments,
            "projects": comparison.projects,
        });
        super::output::json_line(out, &value)?;
        return Ok(comparison.has_differences());
    }
    let width = (str_width(names.0).max(str_width(names.1))).max(8);
    let id = |place: Option<&Place>| place.map_or("-", |p| p.id.as_str()).to_string();
    let mut row = |what: &str, status: &str, a: String, b: String, text: String| {
        writeln!(
            out,
            "{what:<10}  {status:<10}  {}  {}  {text}",
            pad_right(&a, width),
            pad_right(&b, width)
        )
    };
    row(
        "item",
        "status",
        names.0.into(),
        names.1.into(),
        "what".into(),
    )?;
    for t in &comparison.targets {
        let (a, b) = (t.a.as_ref(), t.b.as_ref());
        let (a, b) = (id(a.map(|s| &s.commitment)), id(b.map(|s| &s.commitment)));
        row("target", t.status.as_str(), a, b, t.describe())?;
    }
    for c in &comparison.commitments {
        let text =
            c.b.as_ref()
                .or(c.a.as_ref())
                .map_or("", |p| p.text.as_str());
        row(
            "commitment",
            c.status.as_str(),
            id(c.a.as_ref()),
            id(c.b.as_ref()),
            text.to_string(),
        )?;
    }
    for p in &comparison.projects {
        row(
            "project",
            p.status.as_str(),
            id(p.a.as_ref()),
            id(p.b.as_ref()),
            p.name.clone(),
        )?;
    }
    Ok(comparison.has_differences())
}
