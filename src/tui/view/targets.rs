//! The targets view: every target in a table whose columns are sized by
//! measured display width.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::pane;
use crate::plan::model::format_value;
use crate::tui::action::Mode;
use crate::tui::app::App;
use crate::tui::columns::{self, ColumnWidths};
use crate::tui::theme::{Symbols, Theme};
use crate::width::{pad_left, pad_right, str_width, truncate};

/// A short, legible form of an area title: its last clause, which names the
/// work ("以链带面、强链聚群,做大做强制造业" → "做大做强制造业").
pub fn short_title(title: &str, max: usize) -> String {
    let last = title
        .rsplit(|c: char| crate::plan::text::is_clause_end(c))
        .find(|s| !s.trim().is_empty())
        .unwrap_or(title);
    truncate(last.trim(), max)
}

pub fn render(app: &App, frame: &mut Frame, area: Rect, theme: &Theme, symbols: &Symbols) {
    let state = &app.targets;
    let unit = state.unit.as_deref().unwrap_or("all units");
    let title = format!(
        "Targets · {} rows · {} · {}",
        state.rows.len(),
        unit,
        state.sort.label()
    );
    let block = pane::block(&title, true, theme, symbols);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.height == 0 {
        return;
    }
    let width = inner.width as usize;
    let plan = &app.plan;
    let filter_line = if app.mode == Mode::Filter || !state.filter.is_empty() {
        Span::styled(truncate(&format!("/ {}", state.filter), width), theme.title)
    } else {
        Span::styled(
            truncate(
                "s sort · u unit · / filter · Enter jump to the commitment",
                width,
            ),
            theme.dim,
        )
    };
    if app.mode == Mode::Filter {
        let x = inner.x + (str_width(&state.filter) + 2).min(width.saturating_sub(1)) as u16;
        frame.set_cursor_position((x, inner.y));
    }
    let ColumnWidths {
        value: value_w,
        unit: unit_w,
        qualifier: qual_w,
        id: id_w,
    } = state.widths;
    let area_w = if width >= 100 { 16 } else { 10 };
    let fixed = value_w + unit_w + qual_w + area_w + id_w + 10;
    let subject_w = width.saturating_sub(fixed).max(4);
    let row = |v: &str, u: &str, q: &str, s: &str, a: &str, id: &str| {
        let line = format!(
            "{}  {}  {}  {}  {}  {}",
            pad_left(v, value_w),
            pad_right(u, unit_w),
            pad_right(q, qual_w),
            pad_right(s, subject_w),
            pad_right(a, area_w),
            id
        );
        pad_right(&line, width)
    };
    let mut lines = vec![
        Line::from(filter_line),
        Line::from(Span::styled(
            row(
                columns::VALUE,
                columns::UNIT,
                columns::QUALIFIER,
                columns::SUBJECT,
                columns::AREA,
                columns::ID,
            ),
            theme.dim,
        )),
    ];
    let visible = state
        .rows
        .iter()
        .enumerate()
        .skip(state.offset)
        .take((inner.height as usize).saturating_sub(2))
        .filter_map(|(i, r)| r.target(plan).map(|t| (i, r.item, t)));
    for (i, item, t) in visible {
        let area_title = short_title(&plan.area(item).title, area_w);
        let text = row(
            &format_value(t.value),
            &t.unit,
            t.qualifier.as_deref().unwrap_or(columns::NONE),
            t.subject.as_deref().unwrap_or(columns::NONE),
            &area_title,
            plan.id_of(item),
        );
        let style = if i == state.selected {
            theme.selected
        } else {
            Style::default()
        };
        lines.push(Line::from(Span::styled(text, style)));
    }
    if state.rows.is_empty() {
        lines.push(Line::from(Span::styled("no targets match", theme.dim)));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
