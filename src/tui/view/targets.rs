//! The targets view: every target in a table whose columns are sized by
//! measured display width, and the unit picker over it.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::pane::{self, Layer};
use crate::plan::stats::Scope;
use crate::tui::action::Mode;
use crate::tui::app::App;
use crate::tui::columns::{self, ColumnWidths, SUBJECT_MIN, short_title};
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
    let layer = Layer::Pane { focused: true };
    let inner = pane::bordered(frame, &title, area, layer, theme, symbols);
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
    let shape = Shape::of(&state.widths, width);
    let widths = state.widths;
    let row = |cells: [&str; 6]| {
        let [v, u, q, s, a, id] = cells;
        let mut line = if shape.folded {
            format!("{}  ", pad_right(v, widths.worded))
        } else {
            format!(
                "{}  {}  {}  ",
                pad_left(v, widths.value),
                pad_right(u, widths.unit),
                pad_right(q, widths.qualifier)
            )
        };
        line.push_str(&pad_right(s, shape.subject));
        if shape.area > 0 {
            line.push_str(&format!("  {}", pad_right(a, shape.area)));
        }
        line.push_str(&format!("  {id}"));
        pad_right(&line, width)
    };
    let header = if shape.folded {
        columns::QUANTITY
    } else {
        columns::VALUE
    };
    let mut lines = vec![
        filter_line,
        Line::from(Span::styled(
            row([
                header,
                columns::UNIT,
                columns::QUALIFIER,
                columns::SUBJECT,
                columns::AREA,
                columns::ID,
            ]),
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
            Some(label) => format!("{label} {}", short_title(&area.title, shape.area)),
            None => short_title(&area.title, shape.area),
        };
        let value = if shape.folded {
            t.worded()
        } else {
            t.value_text()
        };
        let text = row([
            &value,
            &t.unit,
            t.qualifier.as_deref().unwrap_or(columns::NONE),
            t.subject.as_deref().unwrap_or(columns::NONE),
            &area_title,
            plan.id_of(item),
        ]);
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

/// Which columns the table shows at a width, and how wide the flexible
/// ones are. What is counted keeps its room longest: first the value, unit
/// and qualifier fold into one worded column, then the area goes.
struct Shape {
    folded: bool,
    /// The area column's width, 0 when it is left out.
    area: usize,
    subject: usize,
}

impl Shape {
    fn of(widths: &ColumnWidths, width: usize) -> Shape {
        let area = if width >= 100 { 16 } else { 10 };
        let full = widths.value + widths.unit + widths.qualifier + 6;
        let folded = widths.worded + 2;
        let tail = area + 2 + widths.id + 2;
        let need = widths.subject.max(SUBJECT_MIN);
        let (folded, area, fixed) = if width >= full + tail + need {
            (false, area, full + tail)
        } else if width >= folded + tail + SUBJECT_MIN {
            (true, area, folded + tail)
        } else {
            (true, 0, folded + widths.id + 2)
        };
        Shape {
            folded,
            area,
            subject: width.saturating_sub(fixed).max(4),
        }
    }
}

/// The unit picker: a small box over the table with the typed line and the
/// units that match it, each with its count.
pub fn render_units(app: &App, frame: &mut Frame, body: Rect, theme: &Theme, symbols: &Symbols) {
    let picker = &app.units;
    let area = crate::tui::layout::units_popup(body, picker.choices.len());
    let inner = pane::bordered(frame, "Unit", area, Layer::Overlay, theme, symbols);
    if inner.height == 0 || inner.width == 0 {
        return;
    }
    let w = inner.width as usize;
    let (line, x) = pane::typed_line("/ ", &picker.line, w, theme.title, theme.selected);
    frame.set_cursor_position((inner.x + x, inner.y));
    let mut lines = vec![line, Line::default()];
    let list_rows = (inner.height as usize).saturating_sub(2);
    let start = crate::tui::layout::shown_from(picker.selected, list_rows);
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
