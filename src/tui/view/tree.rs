//! The tree pane: only the rows in view are built.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::pane::{self, Layer};
use crate::plan::{ItemRef, Plan};
use crate::tui::app::{App, Focus};
use crate::tui::theme::{Symbols, Theme};
use crate::tui::tree::TreeState;
use crate::width::{pad_left, str_width, truncate};

pub fn render(app: &App, frame: &mut Frame, area: Rect, theme: &Theme, symbols: &Symbols) {
    let focused = app.focus == Focus::Tree && app.mode != crate::tui::action::Mode::Search;
    let title = format!("Plan {}/{}", app.tree.selected + 1, app.tree.rows.len());
    let inner = pane::bordered(frame, &title, area, Layer::Pane { focused }, theme, symbols);
    let width = inner.width as usize;
    let rows = app
        .tree
        .rows
        .iter()
        .enumerate()
        .skip(app.tree.offset)
        .take(inner.height as usize);
    let lines: Vec<Line> = rows
        .map(|(i, &item)| {
            let text = row_text(&app.plan, &app.tree, item, symbols, width);
            let style = if i != app.tree.selected {
                // Review and outlook areas, and all within them, are dimmed.
                if app.plan.area(item).is_plan() {
                    ratatui::style::Style::default()
                } else {
                    theme.dim
                }
            } else if focused {
                theme.selected
            } else {
                theme.selected_unfocused
            };
            Line::from(Span::styled(text, style))
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

/// One row: indent, open/closed symbol, id, title, and on the right a count
/// (tasks of an area, commitments of a task) or the target marker; a review
/// or outlook area is labelled 回顾 or 展望 before its count.
pub fn row_text(
    plan: &Plan,
    tree: &TreeState,
    item: ItemRef,
    symbols: &Symbols,
    width: usize,
) -> String {
    let (depth, marker) = match item {
        ItemRef::Area(a) => {
            let area = &plan.areas[a];
            let count = area.tasks.len();
            match area.kind.label() {
                Some(label) => (0, format!("{label} {count}")),
                None => (0, count.to_string()),
            }
        }
        ItemRef::Task(a, t) => (1, format!("{}", plan.task(a, t).commitments.len())),
        ItemRef::Commitment(a, t, c) => {
            let n = plan.commitment(a, t, c).targets.len();
            (
                2,
                if n > 0 {
                    format!("{}{n}", symbols.target)
                } else {
                    String::new()
                },
            )
        }
    };
    let symbol = if !TreeState::has_children(plan, item) {
        symbols.leaf
    } else if tree.is_expanded(item) {
        symbols.open
    } else {
        symbols.closed
    };
    let left = format!(
        "{}{}{} {}",
        "  ".repeat(depth),
        symbol,
        plan.id_of(item),
        plan.text_of(item)
    );
    let marker_width = str_width(&marker);
    let room = width.saturating_sub(marker_width + 1);
    let left = truncate(&left, room);
    let gap = width.saturating_sub(str_width(&left) + marker_width);
    format!("{left}{}", pad_left(&marker, gap + marker_width))
}
