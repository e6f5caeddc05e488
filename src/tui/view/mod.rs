//! Pure render functions: they read `&App` and draw into a `Frame`. Only the
//! event loop calls them; nothing in the app's state reads them.

pub mod compare;
pub mod detail;
pub mod help;
pub mod overview;
mod pane;
pub mod picker;
pub mod search;
pub mod targets;
pub mod tree;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::tui::action::Mode;
use crate::tui::app::{App, Focus};
use crate::tui::hints::footer_hints;
use crate::tui::theme::{Symbols, Theme, symbols, theme};
use crate::tui::wrap::count;
use crate::width::truncate;

/// Draws the whole screen.
pub fn render(app: &App, frame: &mut Frame) {
    let area = frame.area();
    if area.width == 0 || area.height == 0 {
        return;
    }
    let regions = crate::tui::layout::regions(area.width, area.height)
        .with_preview(app.search.shows_preview());
    let theme = theme(&app.options);
    let symbols = symbols(&app.options);
    if regions.too_small {
        too_small(frame, area);
        return;
    }
    header(app, frame, regions.header, &theme);
    let under = match app.mode {
        Mode::Help => app.previous_mode,
        mode => mode,
    };
    match under {
        Mode::Targets | Mode::Filter | Mode::Units => {
            targets::render(app, frame, regions.body, &theme, &symbols)
        }
        Mode::Overview => overview::render(app, frame, regions.body, &theme, &symbols),
        Mode::Compare => compare::render(app, frame, regions.body, &theme, &symbols),
        Mode::Browse | Mode::Search | Mode::Goto | Mode::Help | Mode::Picker => {
            browse(app, frame, &regions, &theme, &symbols)
        }
    }
    match app.mode {
        Mode::Search => search::render(app, frame, &regions, &theme, &symbols),
        Mode::Picker => picker::render(app, frame, &regions, &theme, &symbols),
        Mode::Units => targets::render_units(app, frame, regions.body, &theme, &symbols),
        Mode::Help => help::render(app, frame, regions.body, &theme, &symbols),
        _ => {}
    }
    footer(app, frame, regions.footer, &theme);
}

/// The tree and the detail pane side by side, or the focused one alone on
/// a narrow screen.
fn browse(
    app: &App,
    frame: &mut Frame,
    regions: &crate::tui::layout::Regions,
    theme: &Theme,
    symbols: &Symbols,
) {
    let (tree, detail) = match (regions.split, app.focus) {
        (true, _) => (true, true),
        (false, Focus::Tree) => (true, false),
        (false, Focus::Detail) => (false, true),
    };
    if tree {
        tree::render(app, frame, regions.tree, theme, symbols);
    }
    if detail {
        detail::render(app, frame, regions.detail, theme, symbols);
    }
}

fn too_small(frame: &mut Frame, area: Rect) {
    let message = format!(
        "terminal too small: {}x{}, needs {}x{}",
        area.width,
        area.height,
        crate::tui::layout::MIN_WIDTH,
        crate::tui::layout::MIN_HEIGHT
    );
    let lines = crate::tui::wrap::wrap(
        &[(message, ratatui::style::Style::default())],
        area.width as usize,
    );
    let y = area.height.saturating_sub(lines.len() as u16) / 2;
    let height = (lines.len() as u16).min(area.height - y);
    frame.render_widget(
        Paragraph::new(lines),
        Rect::new(area.x, area.y + y, area.width, height),
    );
}

fn header(app: &App, frame: &mut Frame, area: Rect, theme: &Theme) {
    let summary = &app.summary;
    let mut text = format!(
        " plan-explorer · {} · {} · {} · {} · {} · {}",
        app.plan_name,
        app.plan.title,
        count(summary.areas.len(), "area"),
        count(summary.tasks, "task"),
        count(summary.commitments, "commitment"),
        count(summary.targets, "target")
    );
    if summary.targets_left_out > 0 {
        text.push_str(&format!(
            " (+{} in review and outlook)",
            summary.targets_left_out
        ));
    }
    // pad_right cuts with "…" where the line does not fit.
    let text = crate::width::pad_right(&text, area.width as usize);
    frame.render_widget(Paragraph::new(Span::styled(text, theme.header)), area);
}

/// The footer: the `:` prompt while an id is typed, else a message, else the
/// mode's keys, most useful first, with "…" where the rest are cut.
fn footer(app: &App, frame: &mut Frame, area: Rect, theme: &Theme) {
    let width = area.width as usize;
    if app.mode == Mode::Goto {
        let (line, x) = pane::typed_line(":", &app.goto, width, theme.title, theme.selected);
        frame.render_widget(Paragraph::new(line), area);
        frame.set_cursor_position((area.x + x, area.y));
        return;
    }
    let line = match &app.status {
        Some(status) => Line::from(Span::styled(truncate(status, width), theme.status)),
        None => {
            let mut spans = Vec::new();
            let mut used = 0;
            let hints = footer_hints(app.mode, app.options.ascii);
            let count = hints.len();
            for (i, (keys, label)) in hints.into_iter().enumerate() {
                let piece = crate::width::str_width(&keys) + crate::width::str_width(label) + 3;
                let room = if i + 1 < count {
                    width.saturating_sub(1)
                } else {
                    width
                };
                if used + piece > room {
                    spans.push(Span::styled("…", theme.dim));
                    break;
                }
                spans.push(Span::styled(format!(" {keys}"), theme.key));
                spans.push(Span::raw(format!(" {label} ")));
                used += piece;
            }
            Line::from(spans)
        }
    };
    frame.render_widget(Paragraph::new(line), area);
}
