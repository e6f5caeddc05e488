//! Plain and JSON output of show, tree, search, projects and stats.
//!
//! Plain output shows plan text through [`printable`], so a control
//! character in a title never acts on the terminal or splits a line; JSON
//! escapes them itself. On a terminal, lines are cut to its width; piped,
//! they are printed whole.

use std::io::{self, Write};

use serde_json::json;

use super::Style;
use super::escape::{printable, push_printable};
use crate::plan::stats::Scope;
use crate::plan::{AreaKind, ItemRef, Plan, Target};
use crate::search::SearchHit;
use crate::width::{char_width, str_width, truncate};

/// Writes one line, cut to the terminal's width when there is one.
pub(super) fn line(out: &mut dyn Write, style: Style, row: &str) -> io::Result<()> {
    match style.width {
        Some(width) if str_width(row) > width => writeln!(out, "{}", truncate(row, width)),
        _ => writeln!(out, "{row}"),
    }
}

pub(super) fn json_line(out: &mut dyn Write, value: &serde_json::Value) -> io::Result<()> {
    let text = serde_json::to_string_pretty(value).unwrap_or_default();
    writeln!(out, "{text}")
}

/// A target as the model writes it, with its commitment, line and the kind
/// of its area instead of its offset within the sentence.
pub(super) fn target_json(
    t: &Target,
    commitment: &str,
    line: usize,
    kind: AreaKind,
) -> serde_json::Value {
    let mut value = serde_json::to_value(t).unwrap_or_default();
    if let Some(map) = value.as_object_mut() {
        map.remove("start");
        map.insert("line".into(), line.into());
        map.insert("commitment".into(), commitment.into());
        map.insert("kind".into(), kind.as_str().into());
    }
    value
}

/// A title, after its area's label when the area is a review or an outlook.
pub(super) fn labelled(kind: AreaKind, title: &str) -> String {
    match kind.label() {
        Some(label) => format!("[{label}] {}", printable(title)),
        None => printable(title).into_owned(),
    }
}

fn target_text(t: &Target) -> String {
    let subject = t
        .subject
        .as_deref()
        .map(|s| format!("  {}", printable(s)))
        .unwrap_or_default();
    format!(
        "{}{}{}",
        printable(&t.text),
        t.qualifier
            .as_deref()
            .map(|q| format!(" [{}]", printable(q)))
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
        let area = plan.area(item);
        if let Some(map) = value.as_object_mut() {
            // `item` says what the id names; `kind`, `part` and `year` say
            // which part of the report it belongs to.
            map.insert("item".into(), item.kind().as_str().into());
            map.insert("kind".into(), area.kind.as_str().into());
            if let Some(part) = &area.part {
                map.insert("part".into(), part.as_str().into());
            }
            if let Some(year) = plan.year {
                map.insert("year".into(), year.into());
            }
        }
        return json_line(out, &value);
    }
    let area = plan.area(item);
    let area_title = labelled(area.kind, &area.title);
    match item {
        ItemRef::Area(_) => {
            writeln!(out, "{}  {area_title}", area.id)?;
            writeln!(
                out,
                "area · {} · line {} · {} tasks · {} commitments · {} targets",
                area.kind.as_str(),
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
            writeln!(out, "{}  {area_title}", area.id)?;
            writeln!(out)?;
            show_task(plan.task(a, t), out)?;
        }
        ItemRef::Commitment(a, t, c) => {
            let task = plan.task(a, t);
            let commitment = plan.commitment(a, t, c);
            writeln!(
                out,
                "{}  {area_title} › {}  {}",
                area.id,
                task.id,
                printable(&task.title)
            )?;
            writeln!(out)?;
            writeln!(out, "{}  (line {})", commitment.id, commitment.line)?;
            writeln!(out, "{}", printable(&commitment.text))?;
            for target in &commitment.targets {
                writeln!(out, "  target   {}", target_text(target))?;
            }
            for project in &commitment.projects {
                writeln!(out, "  project  {}", printable(project))?;
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
        task.id,
        printable(&task.title),
        task.line
    )?;
    for c in &task.commitments {
        writeln!(out, "  {}  {}  (line {})", c.id, printable(&c.text), c.line)?;
        for target in &c.targets {
            writeln!(out, "      target   {}", target_text(target))?;
        }
        for project in &c.projects {
            writeln!(out, "      project  {}", printable(project))?;
        }
    }
    Ok(())
}

/// An indented outline; on a terminal, cut to its width by display width.
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
                let mut area =
                    json!({"id": a.id, "title": a.title, "line": a.line, "kind": a.kind});
                if let Some(part) = &a.part {
                    area["part"] = part.as_str().into();
                }
                if let Some(year) = plan.year {
                    area["year"] = year.into();
                }
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
    let outline_row = |out: &mut dyn Write, indent: usize, id: &str, text: &str| {
        let row = format!("{}{:<8} {}", "  ".repeat(indent), id, text);
        line(out, style, &row)
    };
    for area in &plan.areas {
        outline_row(out, 0, &area.id, &labelled(area.kind, &area.title))?;
        if depth < 2 {
            continue;
        }
        for task in &area.tasks {
            outline_row(out, 1, &task.id, &printable(&task.title))?;
            if depth < 3 {
                continue;
            }
            for c in &task.commitments {
                outline_row(out, 2, &c.id, &printable(&c.text))?;
            }
        }
    }
    Ok(())
}

/// How matched characters are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Marks {
    /// Not at all: the text as it is, for scripts.
    None,
    /// In [brackets].
    Brackets,
    /// In bold magenta.
    Color,
}

/// Search hits, best first. Returns whether anything was found.
pub fn search(
    mut index: crate::search::SearchIndex,
    query: &str,
    limit: Option<usize>,
    json: bool,
    marks: Marks,
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
        hit_line("", hit, marks, style, out)?;
    }
    Ok(!hits.is_empty())
}

/// A hit as `search` prints it, after `prefix` (a plan's name, padded):
/// id, line, kind and the marked text, cut to the terminal's width.
pub fn hit_line(
    prefix: &str,
    hit: &SearchHit,
    marks: Marks,
    style: Style,
    out: &mut dyn Write,
) -> io::Result<()> {
    // Built by hand in one buffer: a search across plans prints tens of
    // thousands of these, where formatting machinery showed in profiles.
    let mut row = String::with_capacity(prefix.len() + hit.text.len() + 32);
    row.push_str(&printable(prefix));
    push_padded(&mut row, &hit.id, 8);
    let number = hit.line.to_string();
    row.push(' ');
    row.extend(std::iter::repeat_n(
        ' ',
        4usize.saturating_sub(number.len()),
    ));
    row.push_str(&number);
    row.push_str("  ");
    push_padded(&mut row, hit.kind.as_str(), 10);
    row.push(' ');
    let room = style.width.map(|w| w.saturating_sub(str_width(&row)));
    push_marked(&mut row, &hit.text, &hit.matched, marks, room);
    row.push('\n');
    out.write_all(row.as_bytes())
}

/// Appends `text` and spaces after it up to `width` chars, as `{:<width}`
/// pads.
fn push_padded(row: &mut String, text: &str, width: usize) {
    row.push_str(text);
    row.extend(std::iter::repeat_n(
        ' ',
        width.saturating_sub(text.chars().count()),
    ));
}

/// The text with its matched characters marked and its control characters
/// escaped. Given `room` (cells), it is cut to fit, with "…" where text is
/// left out, and around the first match rather than before it.
#[cfg(test)]
fn mark(text: &str, matched: &[usize], marks: Marks, room: Option<usize>) -> String {
    let mut out = String::new();
    push_marked(&mut out, text, matched, marks, room);
    out
}

/// Appends [`mark`]'s text to `out`.
fn push_marked(out: &mut String, text: &str, matched: &[usize], marks: Marks, room: Option<usize>) {
    let (open, close) = match marks {
        Marks::None => ("", ""),
        Marks::Brackets => ("[", "]"),
        Marks::Color => ("\x1b[1;35m", "\x1b[0m"),
    };
    if open.is_empty() && room.is_none() {
        // Nothing to mark and no cut: the text as it is, escaped.
        out.push_str(&printable(text));
        return;
    }
    let chars: Vec<char> = text.chars().collect();
    let (start, end) = match room {
        Some(room) => window(&chars, matched.first().copied(), room),
        None => (0, chars.len()),
    };
    if start > 0 {
        out.push('…');
    }
    let mut inside = false;
    for (i, &c) in chars.iter().enumerate().take(end).skip(start) {
        let hit = matched.binary_search(&i).is_ok();
        if hit && !inside {
            out.push_str(open);
        } else if !hit && inside {
            out.push_str(close);
        }
        inside = hit;
        push_printable(out, c);
    }
    if inside {
        out.push_str(close);
    }
    if end < chars.len() {
        out.push('…');
    }
}

/// The chars `start..end` of a text to show in `room` cells, keeping the
/// first match (at `first`) in view: the text is cut at the end when the
/// match fits, else it starts a third of the room before the match. The
/// ellipses that mark the cuts are counted in.
fn window(chars: &[char], first: Option<usize>, room: usize) -> (usize, usize) {
    let width = |range: &[char]| range.iter().map(|&c| shown_width(c)).sum::<usize>();
    if width(chars) <= room {
        return (0, chars.len());
    }
    let mut start = 0;
    if let Some(first) = first.filter(|&f| f < chars.len())
        && width(&chars[..=first]) + 1 > room
    {
        // Step back from the match until a third of the room is used.
        start = first;
        let mut used = 1;
        while start > 0 && used + shown_width(chars[start - 1]) <= room / 3 {
            start -= 1;
            used += shown_width(chars[start]);
        }
    }
    let mut used = usize::from(start > 0);
    let mut end = start;
    while end < chars.len() {
        let w = shown_width(chars[end]);
        // Leave a cell for the closing ellipsis unless this is the last char.
        let reserve = usize::from(end + 1 < chars.len());
        if used + w + reserve > room {
            break;
        }
        used += w;
        end += 1;
    }
    (start, end.max(start))
}

/// Cells a char takes once escaped by [`push_printable`].
fn shown_width(c: char) -> usize {
    if super::escape::is_unsafe(c) {
        let mut escaped = String::new();
        push_printable(&mut escaped, c);
        escaped.len()
    } else {
        char_width(c)
    }
}

/// Every named project. Returns whether any was listed.
pub fn projects(plan: &Plan, json: bool, style: Style, out: &mut dyn Write) -> io::Result<bool> {
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
        for (name, id, number) in &rows {
            line(
                out,
                style,
                &format!("{id:<8} {number:>4}  {}", printable(name)),
            )?;
        }
    }
    Ok(!rows.is_empty())
}

/// Per-area counts for scripts.
pub fn stats(plan: &Plan, scope: Scope, json: bool, out: &mut dyn Write) -> io::Result<()> {
    let stats = crate::plan::stats::area_stats_in(plan, scope);
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
            s.id,
            s.tasks,
            s.commitments,
            s.targets,
            s.projects,
            labelled(s.kind, &s.title)
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn on_terminal(width: usize) -> Style {
        Style {
            color: false,
            width: Some(width),
        }
    }

    #[test]
    fn a_terminal_gets_lines_cut_to_its_width_and_a_pipe_whole_ones() {
        let plan = crate::plan::load::load_embedded().unwrap();
        let mut cut = Vec::new();
        tree(&plan, 3, false, on_terminal(60), &mut cut).unwrap();
        let cut = String::from_utf8(cut).unwrap();
        assert!(cut.lines().all(|l| str_width(l) <= 60), "{cut}");
        assert!(cut.lines().any(|l| l.ends_with('…')), "{cut}");
        let mut whole = Vec::new();
        tree(&plan, 3, false, Style::PLAIN, &mut whole).unwrap();
        let whole = String::from_utf8(whole).unwrap();
        assert!(!whole.contains('…'));
        assert_eq!(cut.lines().count(), whole.lines().count());
    }

    #[test]
    fn a_cut_hit_keeps_its_first_match_in_view() {
        let text = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥泸古高速";
        let matched: Vec<usize> = (22..26).collect();
        let shown = mark(text, &matched, Marks::Brackets, Some(20));
        assert!(shown.starts_with('…'), "{shown}");
        assert!(shown.contains("[泸古高速]"), "{shown}");
        // 20 cells, not counting the brackets that mark the match.
        assert!(str_width(&shown) - 2 <= 20, "{shown}");
        // A match near the start: the text is cut at its end.
        let shown = mark(text, &[0, 1], Marks::Brackets, Some(12));
        assert_eq!(shown, "[甲乙]丙丁戊…");
        // Room for all of it: nothing cut.
        let shown = mark("泸古高速", &[0, 1, 2, 3], Marks::Color, Some(40));
        assert_eq!(shown, "\x1b[1;35m泸古高速\x1b[0m");
        assert_eq!(mark("泸古高速", &[1], Marks::None, None), "泸古高速");
    }

    #[test]
    fn marks_go_around_escaped_control_characters() {
        let shown = mark("a\x1bb", &[1], Marks::Brackets, None);
        assert_eq!(shown, "a[\\x1b]b");
    }
}
