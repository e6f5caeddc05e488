//! The detail pane: everything about the selected area, task or commitment,
//! wrapped by display width and scrolled.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::theme::{Symbols, Theme, symbols, theme};
use super::wrap::{mark_ranges, wrap};
pub use crate::plan::model::format_value;
use crate::plan::{Commitment, ItemRef, Plan, Target};
use crate::tui::app::{App, Focus};
use crate::width::{pad_left, pad_right, truncate};

pub fn render(app: &App, frame: &mut Frame, area: Rect, theme: &Theme, symbols: &Symbols) {
    let focused = app.focus == Focus::Detail;
    let block = super::block("Detail", focused, theme, symbols);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let lines = detail_lines(app, inner.width as usize);
    let visible: Vec<Line> = lines
        .into_iter()
        .skip(app.detail_scroll)
        .take(inner.height as usize)
        .collect();
    frame.render_widget(Paragraph::new(visible), inner);
}

/// How many lines the detail of the selection takes at this width.
pub fn line_count(app: &App, width: u16) -> usize {
    detail_lines(app, width as usize).len()
}

/// The detail of the selection as wrapped lines.
pub fn detail_lines(app: &App, width: usize) -> Vec<Line<'static>> {
    let theme = theme(&app.options);
    let symbols = symbols(&app.options);
    let Some(item) = app.selected() else {
        return Vec::new();
    };
    let mut out = Out {
        lines: Vec::new(),
        width,
    };
    let plan = &app.plan;
    match item {
        ItemRef::Area(a) => area_detail(app, a, &mut out, &theme),
        ItemRef::Task(a, t) => task_detail(plan, a, t, &mut out, &theme, &symbols),
        ItemRef::Commitment(a, t, c) => {
            commitment_detail(plan, a, t, c, &mut out, &theme, &symbols)
        }
    }
    out.lines
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

fn area_detail(app: &App, a: usize, out: &mut Out, theme: &Theme) {
    let area = &app.plan.areas[a];
    let Some(stats) = app.summary.areas.get(a) else {
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
pub fn highlighted(c: &Commitment, theme: &Theme) -> Vec<(String, Style)> {
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
    let value_w = targets
        .iter()
        .map(|t| crate::width::str_width(&format_value(t.value)))
        .max()
        .unwrap_or(5)
        .max(5);
    let unit_w = targets
        .iter()
        .map(|t| crate::width::str_width(&t.unit))
        .max()
        .unwrap_or(4)
        .max(4);
    let qual_w = 9;
    let fixed = value_w + unit_w + qual_w + 6;
    let subject_w = out.width.saturating_sub(fixed);
    let header = format!(
        "{}  {}  {}  {}",
        pad_left("value", value_w),
        pad_right("unit", unit_w),
        pad_right("qualifier", qual_w),
        "what is counted"
    );
    out.row(vec![Span::styled(truncate(&header, out.width), theme.dim)]);
    for t in targets {
        let row = format!(
            "{}  {}  {}  {}",
            pad_left(&format_value(t.value), value_w),
            pad_right(&t.unit, unit_w),
            pad_right(t.qualifier.as_deref().unwrap_or("—"), qual_w),
            truncate(t.subject.as_deref().unwrap_or("—"), subject_w)
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
