//! The detail pane's document: everything about the selected area, task or
//! commitment, wrapped by display width. `App::update` lays it out again only
//! when the selection or the pane's width changes, and keeps it on the app;
//! the view only slices and draws it.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::plan::model::format_value;
use crate::plan::stats::Summary;
use crate::plan::{Commitment, ItemRef, Plan, Target};
use crate::tui::columns::{self, ColumnWidths};
use crate::tui::theme::{Options, Symbols, Theme, symbols, theme};
use crate::tui::wrap::{mark_ranges, wrap};
use crate::width::{pad_left, pad_right, truncate};

/// The detail of one item laid out at one width.
#[derive(Debug, Clone, Default)]
pub struct DetailDoc {
    /// The item it shows, if any.
    pub item: Option<ItemRef>,
    /// The width in cells it was wrapped to.
    pub width: u16,
    pub lines: Vec<Line<'static>>,
}

impl DetailDoc {
    /// Lays out the detail of `item` in lines of at most `width` cells.
    pub fn lay_out(
        plan: &Plan,
        summary: &Summary,
        options: &Options,
        item: Option<ItemRef>,
        width: u16,
    ) -> Self {
        let theme = theme(options);
        let symbols = symbols(options);
        let mut out = Out {
            lines: Vec::new(),
            width: width as usize,
        };
        match item {
            None => {}
            Some(ItemRef::Area(a)) => area_detail(plan, summary, a, &mut out, &theme),
            Some(ItemRef::Task(a, t)) => task_detail(plan, a, t, &mut out, &theme, &symbols),
            Some(ItemRef::Commitment(a, t, c)) => {
                commitment_detail(plan, a, t, c, &mut out, &theme, &symbols)
            }
        }
        DetailDoc {
            item,
            width,
            lines: out.lines,
        }
    }

    /// Whether this is the layout of `item` at `width`.
    pub fn is_for(&self, item: Option<ItemRef>, width: u16) -> bool {
        self.item == item && self.width == width
    }

    pub fn line_count(&self) -> usize {
        self.lines.len()
    }
}

struct Out {
    lines: Vec<Line<'static>>,
    width: usize,
}

impl Out {
    fn text(&mut self, text: &str, style: Style) {
        self.pieces(&[(text.to_string(), style)]);
    }

    fn pieces(&mut self, pieces: &[(String, Style)]) {
        self.lines.extend(wrap(pieces, self.width));
    }

    fn blank(&mut self) {
        self.lines.push(Line::default());
    }

    /// A line that is cut, not wrapped (table rows).
    fn row(&mut self, spans: Vec<Span<'static>>) {
        self.lines.push(Line::from(spans));
    }
}

fn area_detail(plan: &Plan, summary: &Summary, a: usize, out: &mut Out, theme: &Theme) {
    let area = &plan.areas[a];
    let Some(stats) = summary.areas.get(a) else {
        return;
    };
    out.text(&area.title, theme.title);
    out.text(
        &format!("Area {} · source line {}", area.id, area.line),
        theme.dim,
    );
    out.text(
        &format!(
            "{} tasks · {} commitments · {} targets · {} projects",
            stats.tasks, stats.commitments, stats.targets, stats.projects
        ),
        Style::default(),
    );
    out.blank();
    out.text("Tasks", theme.title);
    for task in area.tasks.iter().take(AREA_TASKS_SHOWN) {
        let lead = if task.lead { " (area lead)" } else { "" };
        out.pieces(&[
            (format!("{:<6}", task.id), theme.dim),
            (format!("{}{lead}", task.title), Style::default()),
            (
                format!(
                    " · {} commitments · {} targets",
                    task.commitments.len(),
                    task.targets().count()
                ),
                theme.dim,
            ),
        ]);
    }
    if area.tasks.len() > AREA_TASKS_SHOWN {
        let more = area.tasks.len() - AREA_TASKS_SHOWN;
        out.text(&format!("… and {more} more tasks in the tree"), theme.dim);
    }
}

/// An area of a huge plan lists its first tasks; the tree has them all.
const AREA_TASKS_SHOWN: usize = 200;

fn task_detail(plan: &Plan, a: usize, t: usize, out: &mut Out, theme: &Theme, symbols: &Symbols) {
    let area = &plan.areas[a];
    let task = &area.tasks[t];
    out.text(
        &format!("{} {}{}{}", area.id, area.title, symbols.separator, task.id),
        theme.dim,
    );
    out.text(&task.title, theme.title);
    let lead = if task.lead {
        " · the area's own lead"
    } else {
        ""
    };
    out.text(
        &format!("Task {} · source line {}{lead}", task.id, task.line),
        theme.dim,
    );
    out.blank();
    let mut paragraph = Vec::new();
    for c in &task.commitments {
        paragraph.extend(highlighted(c, theme));
    }
    out.pieces(&paragraph);
    let targets: Vec<&Target> = task.targets().collect();
    targets_table(&targets, out, theme);
    projects_list(&task.projects(), out, theme);
}

#[allow(clippy::too_many_arguments)]
fn commitment_detail(
    plan: &Plan,
    a: usize,
    t: usize,
    c: usize,
    out: &mut Out,
    theme: &Theme,
    symbols: &Symbols,
) {
    let area = &plan.areas[a];
    let task = &area.tasks[t];
    let commitment = &task.commitments[c];
    out.text(
        &format!(
            "{} {}{}{} {}",
            area.id, area.title, symbols.separator, task.id, task.title
        ),
        theme.dim,
    );
    out.text(
        &format!(
            "Commitment {} · source line {}",
            commitment.id, commitment.line
        ),
        theme.dim,
    );
    out.blank();
    out.pieces(&highlighted(commitment, theme));
    let targets: Vec<&Target> = commitment.targets.iter().collect();
    targets_table(&targets, out, theme);
    let projects: Vec<&str> = commitment.projects.iter().map(String::as_str).collect();
    projects_list(&projects, out, theme);
    out.blank();
    out.text(&format!("Task  {} {}", task.id, task.title), theme.dim);
    out.text(&format!("Area  {} {}", area.id, area.title), theme.dim);
}

/// A commitment's text with its targets and projects marked.
fn highlighted(c: &Commitment, theme: &Theme) -> Vec<(String, Style)> {
    let mut ranges: Vec<(usize, usize, Style)> = Vec::new();
    for target in &c.targets {
        if let Some(start) = char_position(&c.text, &target.text, target.start) {
            ranges.push((start, start + target.text.chars().count(), theme.target));
        }
    }
    for project in &c.projects {
        if let Some(start) = char_position(&c.text, project, 0) {
            ranges.push((start, start + project.chars().count(), theme.project));
        }
    }
    mark_ranges(&c.text, &ranges, Style::default())
}

/// The char index of `needle` in `text`, trusting `hint` when it is right.
fn char_position(text: &str, needle: &str, hint: usize) -> Option<usize> {
    if needle.is_empty() {
        return None;
    }
    let at_hint = text
        .char_indices()
        .nth(hint)
        .is_some_and(|(b, _)| text[b..].starts_with(needle));
    if at_hint {
        return Some(hint);
    }
    text.find(needle).map(|b| text[..b].chars().count())
}

/// Value, unit, qualifier and what is counted, in columns sized by display width.
fn targets_table(targets: &[&Target], out: &mut Out, theme: &Theme) {
    if targets.is_empty() {
        return;
    }
    out.blank();
    out.text(&format!("Targets ({})", targets.len()), theme.title);
    let widths = ColumnWidths::of(targets.iter().copied());
    let (value_w, unit_w, qual_w) = (widths.value, widths.unit, widths.qualifier);
    let fixed = value_w + unit_w + qual_w + 6;
    let subject_w = out.width.saturating_sub(fixed);
    let header = format!(
        "{}  {}  {}  {}",
        pad_left(columns::VALUE, value_w),
        pad_right(columns::UNIT, unit_w),
        pad_right(columns::QUALIFIER, qual_w),
        columns::SUBJECT
    );
    out.row(vec![Span::styled(truncate(&header, out.width), theme.dim)]);
    for t in targets {
        let row = format!(
            "{}  {}  {}  {}",
            pad_left(&format_value(t.value), value_w),
            pad_right(&t.unit, unit_w),
            pad_right(t.qualifier.as_deref().unwrap_or(columns::NONE), qual_w),
            truncate(t.subject.as_deref().unwrap_or(columns::NONE), subject_w)
        );
        out.row(vec![Span::styled(truncate(&row, out.width), theme.target)]);
    }
}

fn projects_list(projects: &[&str], out: &mut Out, theme: &Theme) {
    if projects.is_empty() {
        return;
    }
    out.blank();
    out.text(&format!("Projects ({})", projects.len()), theme.title);
    for p in projects {
        out.pieces(&[
            ("  ".to_string(), Style::default()),
            (p.to_string(), theme.project),
        ]);
    }
}
