//! The compare view: one row per difference between plan A and plan B.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::pane::{self, Layer};
use crate::compare::Status;
use crate::tui::app::App;
use crate::tui::theme::{Symbols, Theme};
use crate::width::{pad_right, str_width, truncate};

pub fn render(app: &App, frame: &mut Frame, area: Rect, theme: &Theme, symbols: &Symbols) {
    let state = &app.compare;
    let title = format!(
        "Compare · A {} → B {} · {} rows",
        state.a,
        state.b,
        state.rows.len()
    );
    let layer = Layer::Pane { focused: true };
    let inner = pane::bordered(frame, &title, area, layer, theme, symbols);
    if inner.height == 0 {
        return;
    }
    let width = inner.width as usize;
    let id_w = state
        .rows
        .iter()
        .flat_map(|r| [&r.a, &r.b])
        .filter_map(|p| p.as_ref().map(|(_, id)| str_width(id)))
        .max()
        .unwrap_or(0)
        .max(5);
    let row = |what: &str, status: &str, a: &str, b: &str, text: &str| {
        let line = format!(
            "{}  {}  {}  {}  {text}",
            pad_right(what, 10),
            pad_right(status, 10),
            pad_right(a, id_w),
            pad_right(b, id_w)
        );
        pad_right(&truncate(&line, width), width)
    };
    let hint = "Enter go to the item · a in plan A · b in plan B · Esc back";
    let mut lines = vec![
        Line::from(Span::styled(truncate(hint, width), theme.dim)),
        Line::from(Span::styled(
            row("item", "status", "A", "B", "what"),
            theme.dim,
        )),
    ];
    let id = |p: &Option<(crate::plan::ItemRef, String)>| {
        p.as_ref().map_or("-".to_string(), |(_, id)| id.clone())
    };
    for (i, r) in state
        .rows
        .iter()
        .enumerate()
        .skip(state.offset)
        .take((inner.height as usize).saturating_sub(2))
    {
        let text = row(r.what, r.status.as_str(), &id(&r.a), &id(&r.b), &r.text);
        let style = if i == state.selected {
            theme.selected
        } else {
            status_style(r.status, theme)
        };
        lines.push(Line::from(Span::styled(text, style)));
    }
    if state.rows.is_empty() {
        lines.push(Line::from(Span::styled(
            "the plans' work matches: nothing changed, new or dropped",
            theme.dim,
        )));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

fn status_style(status: Status, theme: &Theme) -> Style {
    match status {
        Status::Continuing => theme.dim,
        Status::Changed => theme.target,
        Status::New => theme.project,
        Status::Dropped => theme.matched,
    }
}
