//! The overview: per-area bar charts of tasks, commitments and targets, and
//! the largest amounts as a sorted bar list. Amounts are shown side by side,
//! never summed: different units, and totals against yearly figures, overlap.

use ratatui::Frame;
use ratatui::layout::{Constraint, Direction, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, BarGroup, Paragraph};

use super::pane;
use super::targets::short_title;
use crate::plan::model::format_value;
use crate::plan::stats::AreaStats;
use crate::tui::app::App;
use crate::tui::layout::overview_split;
use crate::tui::theme::{Symbols, Theme};
use crate::width::{pad_left, pad_right};

pub fn render(app: &App, frame: &mut Frame, area: Rect, theme: &Theme, symbols: &Symbols) {
    let stats = &app.summary.areas;
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
    let metric = |pick: fn(&AreaStats) -> usize, labels: bool| {
        let bars: Vec<Bar> = stats
            .iter()
            .map(|s| {
                let bar = Bar::default().value(pick(s) as u64);
                if labels {
                    bar.label(Line::from(format!(
                        "{:>2} {}",
                        s.id,
                        short_title(&s.title, label_w as usize - 4)
                    )))
                } else {
                    bar
                }
            })
            .collect();
        BarChart::default()
            .direction(Direction::Horizontal)
            .data(BarGroup::default().bars(&bars))
            .bar_width(1)
            .bar_gap(0)
            .bar_set(bar_set(app.options.ascii))
            .bar_style(theme.bar)
            .value_style(theme.header)
    };
    let mut chart = |title: &str, pick, labels, rect: Rect| {
        let block = pane::block(title, false, theme, symbols);
        frame.render_widget(metric(pick, labels).block(block), rect);
    };
    chart("Tasks per area", |s| s.tasks, true, tasks);
    chart("Commitments", |s| s.commitments, false, commitments);
    chart("Targets", |s| s.targets, false, targets);
    render_amounts(app, frame, amounts, theme, symbols);
}

fn bar_set(ascii: bool) -> ratatui::symbols::bar::Set<'static> {
    if ascii {
        ratatui::symbols::bar::Set {
            full: "#",
            seven_eighths: "#",
            three_quarters: "#",
            five_eighths: "#",
            half: "#",
            three_eighths: "#",
            one_quarter: "#",
            one_eighth: "#",
            empty: " ",
        }
    } else {
        ratatui::symbols::bar::NINE_LEVELS
    }
}

fn render_amounts(app: &App, frame: &mut Frame, area: Rect, theme: &Theme, symbols: &Symbols) {
    let unit = app.summary.money_unit.clone().unwrap_or_default();
    let amounts = &app.summary.amounts;
    let title = format!("Largest amounts in {unit} · each on its own, never summed · Enter jumps");
    let block = pane::block(&title, true, theme, symbols);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if amounts.is_empty() {
        frame.render_widget(Paragraph::new("no amounts"), inner);
        return;
    }
    let rows = inner.height as usize;
    let selected = app.overview.selected.min(amounts.len() - 1);
    let start = selected.saturating_sub(rows.saturating_sub(1));
    let width = inner.width as usize;
    let label_w = (width / 2).clamp(10, 40);
    let amount_w = amounts
        .iter()
        .map(|a| crate::width::str_width(&format_value(a.value)) + crate::width::str_width(&unit))
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
            let amount = pad_left(&format!("{}{}", format_value(a.value), unit), amount_w);
            let cells = ((a.value.max(0.0) / largest) * bar_room as f64).round() as usize;
            let bar = symbols.bar.repeat(cells.max(1).min(bar_room));
            let style = if i == selected {
                theme.selected
            } else {
                Style::default()
            };
            Line::from(vec![
                Span::styled(format!("{label} {amount} "), style),
                Span::styled(bar, theme.bar),
            ])
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}
