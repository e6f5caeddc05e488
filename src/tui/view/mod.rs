//! Pure render functions: they read `&App` and draw into a `Frame`. Only the
//! event loop calls them; nothing in the app's state reads them.

pub mod detail;
pub mod help;
pub mod overview;
mod pane;
pub mod search;
pub mod targets;
pub mod tree;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::tui::action::{Mode, footer_hints};
use crate::tui::app::App;
use crate::tui::theme::{Symbols, Theme, symbols, theme};
use crate::width::truncate;

/// Draws the whole screen.
pub fn render(app: &App, frame: &mut Frame) {
    let area = frame.area();
    if area.width == 0 || area.height == 0 {
        return;
    }
    let regions = crate::tui::layout::regions(area.width, area.height);
    let theme = theme(&app.options);
    let symbols = symbols(&app.options);
    if regions.too_small {
        too_small(frame, area);
        return;
    }
    header(app, frame, regions.header, &theme);
    match app.mode {
        Mode::Targets | Mode::Filter => targets::render(app, frame, regions.body, &theme, &symbols),
        Mode::Overview => overview::render(app, frame, regions.body, &theme, &symbols),
        Mode::Help => match app.previous_mode {
            Mode::Targets | Mode::Filter => {
                targets::render(app, frame, regions.body, &theme, &symbols)
            }
            Mode::Overview => overview::render(app, frame, regions.body, &theme, &symbols),
            _ => browse(app, frame, &regions, &theme, &symbols),
        },
        Mode::Browse | Mode::Search => browse(app, frame, &regions, &theme, &symbols),
    }
    if app.mode == Mode::Search {
        search::render(app, frame, regions.search, &theme, &symbols);
    }
    if app.mode == Mode::Help {
        help::render(app, frame, regions.body, &theme, &symbols);
    }
    footer(app, frame, regions.footer, &theme);
}

fn browse(
    app: &App,
    frame: &mut Frame,
    regions: &crate::tui::layout::Regions,
    theme: &Theme,
    symbols: &Symbols,
) {
    tree::render(app, frame, regions.tree, theme, symbols);
    detail::render(app, frame, regions.detail, theme, symbols);
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
    let text = format!(
        " plan-explorer · {} · {} areas · {} tasks · {} commitments · {} targets",
        app.plan.title,
        summary.areas.len(),
        summary.tasks,
        summary.commitments,
        summary.targets
    );
    let text = crate::width::pad_right(&text, area.width as usize);
    frame.render_widget(Paragraph::new(Span::styled(text, theme.header)), area);
}

fn footer(app: &App, frame: &mut Frame, area: Rect, theme: &Theme) {
    let width = area.width as usize;
    let line = match &app.status {
        Some(status) => Line::from(Span::styled(truncate(status, width), theme.status)),
        None => {
            let mut spans = Vec::new();
            let mut used = 0;
            for (keys, label) in footer_hints(app.mode, app.options.ascii) {
                let piece = crate::width::str_width(&keys) + label.len() + 3;
                if used + piece > width {
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
