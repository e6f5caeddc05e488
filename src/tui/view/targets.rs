//! The targets view: every target in a table whose columns are sized by
//! measured display width, and the unit picker over it.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::pane;
use crate::plan::stats::Scope;
use crate::tui::action::Mode;
use crate::tui::app::App;
use crate::tui::columns::{self, ColumnWidths, short_title};
use crate::tui::theme::{Symbols, Theme};
use crate::tui::units::EVERY_UNIT;
use crate::tui::wrap::count;
use crate::width::{pad_left, pad_right, truncate};

pub fn render(app: &App, frame: &mut Frame, area: Rect, theme: &Theme, symbols: &Symbols) {
    let state = &app.targets;
    let unit = state.unit.as_deref().unwrap_or(EVERY_UNIT);
    let scope = match state.scope {
        Scope::Plan => "this year's plan",
        Scope::All => "every area",
    };
    let title = format!(
        "Targets · {} · {} · {} · {}",
        count(state.rows.len(), "row"),
        unit,
        scope,
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
    let filter_line = if app.mode == Mode::Filter || !state.filter.text.is_empty() {
        let (line, x) = pane::typed_line("/ ", &state.filter, width, theme.title, theme.selected);
        if app.mode == Mode::Filter {
            frame.set_cursor_position((inner.x + x, inner.y));
        }
        line
    } else {
        Line::from(Span::styled(
            truncate(
                "s sort · u unit · a all areas · / filter · y copy · Enter jump to the commitment",
                width,
            ),
            theme.dim,
        ))
    };
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
        filter_line,
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
        let area = plan.area(item);
        let area_title = match area.kind.label() {
            Some(label) => format!("{label} {}", short_title(&area.title, area_w)),
            None => short_title(&area.title, area_w),
        };
        let text = row(
            &t.value_text(),
            &t.unit,
            t.qualifier.as_deref().unwrap_or(columns::NONE),
            t.subject.as_deref().unwrap_or(columns::NONE),
            &area_title,
            plan.id_of(item),
        );
        let style = if i == state.selected {
            theme.selected
        } else if area.is_plan() {
            Style::default()
        } else {
            theme.dim
        };
        lines.push(Line::from(Span::styled(text, style)));
    }
    if state.rows.is_empty() {
        lines.push(Line::from(Span::styled("no targets match", theme.dim)));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The unit picker: a small box over the table with the typed line and the
/// units that match it, each with its count.
pub fn render_units(app: &App, frame: &mut Frame, body: Rect, theme: &Theme, symbols: &Symbols) {
    let picker = &app.units;
    let area = crate::tui::layout::units_popup(body, picker.choices.len());
    let block = pane::block("Unit", true, theme, symbols);
    let inner = block.inner(area);
    pane::clear(frame, area);
    frame.render_widget(block, area);
    if inner.height == 0 || inner.width == 0 {
        return;
    }
    let w = inner.width as usize;
    let (line, x) = pane::typed_line("/ ", &picker.line, w, theme.title, theme.selected);
    frame.set_cursor_position((inner.x + x, inner.y));
    let mut lines = vec![line, Line::default()];
    let list_rows = (inner.height as usize).saturating_sub(2);
    let start = picker.selected.saturating_sub(list_rows.saturating_sub(1));
    for (i, choice) in picker
        .choices
        .iter()
        .enumerate()
        .skip(start)
        .take(list_rows)
    {
        let name = choice.unit.as_deref().unwrap_or(EVERY_UNIT);
        let n = choice.count.to_string();
        let name_w = w.saturating_sub(n.len() + 1);
        let text = format!("{} {n}", pad_right(name, name_w));
        let style = if i == picker.selected {
            theme.selected
        } else {
            Style::default()
        };
        lines.push(Line::from(Span::styled(text, style)));
    }
    if picker.choices.is_empty() {
        lines.push(Line::from(Span::styled("no unit matches", theme.dim)));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
