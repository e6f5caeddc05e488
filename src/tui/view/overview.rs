//! The overview: per-area bar charts of tasks, commitments and targets, and
//! the largest amounts as a sorted bar list. Amounts are shown side by side,
//! never summed: different units, and totals against yearly figures, overlap.
//! Bars are drawn by hand: a number stands apart from its bar, and every
//! count above zero gets at least one cell, however small beside the rest.

use ratatui::Frame;
use ratatui::layout::{Constraint, Direction, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::pane::{self, Layer};
use crate::plan::model::{format_value, worded};
use crate::plan::stats::{Amount, AreaStats};
use crate::tui::app::App;
use crate::tui::columns::short_title;
use crate::tui::layout::overview_split;
use crate::tui::theme::{Symbols, Theme};
use crate::width::{pad_left, pad_right, str_width};

pub fn render(app: &App, frame: &mut Frame, area: Rect, theme: &Theme, symbols: &Symbols) {
    let scope = app.summary.scope;
    let stats: Vec<&AreaStats> = app
        .summary
        .areas
        .iter()
        .zip(&app.plan.areas)
        .filter(|(_, area)| scope.includes(area))
        .map(|(s, _)| s)
        .collect();
    let [charts, amounts] = overview_split(area, stats.len());
    let label_w = if area.width >= 110 { 26 } else { 14 };
    let third = charts.width.saturating_sub(label_w) / 3;
    let [tasks, commitments, targets] = Layout::default()
        .direction(Direction::Horizontal)
        .constraints([
            Constraint::Length(label_w + third),
            Constraint::Length(third),
            Constraint::Min(0),
        ])
        .areas(charts);
    let chart = |frame: &mut Frame,
                 title: &str,
                 pick: fn(&AreaStats) -> usize,
                 labels: bool,
                 rect: Rect| {
        let layer = Layer::Pane { focused: false };
        let inner = pane::bordered(frame, title, rect, layer, theme, symbols);
        let values: Vec<usize> = stats.iter().map(|s| pick(s)).collect();
        let largest = values.iter().copied().max().unwrap_or(0);
        let number_w = largest.to_string().len();
        let label_w = if labels { label_w as usize } else { 0 };
        let room = (inner.width as usize).saturating_sub(label_w + number_w + 1);
        let lines: Vec<Line> = stats
            .iter()
            .zip(values)
            .take(inner.height as usize)
            .map(|(s, value)| {
                let style = if s.kind.label().is_some() {
                    theme.dim
                } else {
                    Style::default()
                };
                let mut spans = Vec::new();
                if labels {
                    let kind = s.kind.label().map(|l| format!("{l} ")).unwrap_or_default();
                    let label = format!("{:>2} {kind}{}", s.id, short_title(&s.title, label_w));
                    let label = pad_right(&label, label_w.saturating_sub(1));
                    spans.push(Span::styled(format!("{label} "), style));
                }
                spans.push(Span::styled(
                    format!("{} ", pad_left(&value.to_string(), number_w)),
                    style,
                ));
                spans.push(Span::styled(
                    bar(value as f64, largest as f64, room, symbols),
                    theme.bar,
                ));
                Line::from(spans)
            })
            .collect();
        frame.render_widget(Paragraph::new(lines), inner);
    };
    chart(frame, "Tasks per area", |s| s.tasks, true, tasks);
    chart(frame, "Commitments", |s| s.commitments, false, commitments);
    chart(frame, "Targets", |s| s.targets, false, targets);
    render_amounts(app, frame, amounts, theme, symbols);
}

/// A bar of `value` against `largest` in `room` cells: at least one cell
/// for any value above zero.
pub fn bar(value: f64, largest: f64, room: usize, symbols: &Symbols) -> String {
    if value <= 0.0 || largest <= 0.0 || room == 0 {
        return String::new();
    }
    let cells = ((value / largest) * room as f64).round() as usize;
    symbols.bar.repeat(cells.clamp(1, room))
}

/// An amount as the report words it: value or range, unit, qualifier
/// ("6000亿元以上", "超550亿元", "330–1000亿元").
pub fn amount_text(amount: &Amount, unit: &str) -> String {
    let value = match amount.value_max {
        Some(max) => format!("{}–{}", format_value(amount.value), format_value(max)),
        None => format_value(amount.value),
    };
    worded(&value, unit, amount.qualifier.as_deref())
}

fn render_amounts(app: &App, frame: &mut Frame, area: Rect, theme: &Theme, symbols: &Symbols) {
    let unit = app.summary.money_unit.clone().unwrap_or_default();
    let amounts = &app.summary.amounts;
    let title = format!("Largest amounts in {unit} · each on its own, never summed · Enter jumps");
    let layer = Layer::Pane { focused: true };
    let inner = pane::bordered(frame, &title, area, layer, theme, symbols);
    if amounts.is_empty() {
        frame.render_widget(Paragraph::new("no amounts"), inner);
        return;
    }
    let rows = inner.height as usize;
    let selected = app.overview.selected.min(amounts.len() - 1);
    let start = crate::tui::layout::shown_from(selected, rows);
    let width = inner.width as usize;
    let label_w = (width / 2).clamp(10, 40);
    let amount_w = amounts
        .iter()
        .map(|a| str_width(&amount_text(a, &unit)))
        .max()
        .unwrap_or(0);
    let bar_room = width.saturating_sub(label_w + amount_w + 2);
    let largest = amounts[0].value.max(f64::MIN_POSITIVE);
    // Drawn by hand: a bar list needs the label and the amount outside the
    // bar, where a short bar cannot cut them.
    let lines: Vec<Line> = amounts
        .iter()
        .enumerate()
        .skip(start)
        .take(rows)
        .map(|(i, a)| {
            let id = app.plan.id_of(a.item);
            let short = a.subject.clone().unwrap_or_else(|| {
                crate::plan::text::first_clause(app.plan.text_of(a.item)).to_string()
            });
            let label = pad_right(&format!("{id} {short}"), label_w);
            let amount = pad_left(&amount_text(a, &unit), amount_w);
            let style = if i == selected {
                theme.selected
            } else {
                Style::default()
            };
            Line::from(vec![
                Span::styled(format!("{label} {amount} "), style),
                Span::styled(bar(a.value, largest, bar_room, symbols), theme.bar),
            ])
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}
